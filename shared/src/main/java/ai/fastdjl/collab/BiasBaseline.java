package ai.fastdjl.collab;

/**
 * The baselines a recommender must beat, on the same split: the training mean for every rating, and
 * {@code mean + b_u + b_i} with regularised user and item biases and no interaction at all.
 *
 * <p>The biases are the closed-form ridge estimates of Koren (2010, "Factor in the neighbors", §2.1), alternated
 * until they settle: {@code b_i = Σ(r - μ - b_u) / (λ_i + n_i)}, {@code b_u = Σ(r - μ - b_i) / (λ_u + n_u)}, with
 * his {@code λ_i = 25}, {@code λ_u = 10}. Predictions are clipped to the training ratings' range.
 */
public final class BiasBaseline {
    public static final double LAMBDA_ITEM = 25;
    public static final double LAMBDA_USER = 10;

    private final double mean;
    private final double[] userBias;
    private final double[] itemBias;
    private final float low;
    private final float high;

    private BiasBaseline(double mean, double[] userBias, double[] itemBias, float low, float high) {
        this.mean = mean;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.low = low;
        this.high = high;
    }

    /** Fits on {@code d}'s training split with Koren's λs and 10 alternations. */
    public static BiasBaseline fit(CollabData d) {
        return fit(d, LAMBDA_ITEM, LAMBDA_USER, 10);
    }

    public static BiasBaseline fit(CollabData d, double lambdaItem, double lambdaUser, int rounds) {
        int[][] ix = d.indices(d.trainRows());
        float[] y = d.targets(d.trainRows());
        double mu = d.trainMean();
        double[] bu = new double[d.users().size()];
        double[] bi = new double[d.items().size()];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float r : y) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        for (int round = 0; round < rounds; round++) {
            solve(bi, ix[1], bu, ix[0], y, mu, lambdaItem);
            solve(bu, ix[0], bi, ix[1], y, mu, lambdaUser);
        }
        return new BiasBaseline(mu, bu, bi, lo, hi);
    }

    /** {@code b[a] = Σ over a's ratings of (r - μ - other[o]) / (λ + n_a)}. */
    private static void solve(double[] b, int[] a, double[] other, int[] o, float[] y, double mu, double lambda) {
        double[] sum = new double[b.length];
        int[] n = new int[b.length];
        for (int k = 0; k < y.length; k++) {
            sum[a[k]] += y[k] - mu - other[o[k]];
            n[a[k]]++;
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = sum[j] / (lambda + n[j]);
        }
    }

    public double predict(int user, int item) {
        return Math.max(low, Math.min(high, mean + userBias[user] + itemBias[item]));
    }

    /** RMSE on {@code d}'s validation split. */
    public double validRmse(CollabData d) {
        int[][] ix = d.indices(d.validRows());
        float[] y = d.targets(d.validRows());
        double ss = 0;
        for (int k = 0; k < y.length; k++) {
            double e = predict(ix[0][k], ix[1][k]) - y[k];
            ss += e * e;
        }
        return Math.sqrt(ss / y.length);
    }

    /** RMSE of predicting the training mean for every validation rating. */
    public static double globalMeanRmse(CollabData d) {
        float[] y = d.targets(d.validRows());
        double ss = 0;
        for (float r : y) {
            ss += (r - d.trainMean()) * (r - d.trainMean());
        }
        return Math.sqrt(ss / y.length);
    }

    public double itemBias(int item) {
        return itemBias[item];
    }

    public double userBias(int user) {
        return userBias[user];
    }
}
