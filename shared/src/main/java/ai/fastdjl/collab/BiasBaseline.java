package ai.fastdjl.collab;

/**
 * The baselines a recommender must beat, on the same split: the training mean for every rating, and
 * {@code mean + b_u + b_i} with regularised user and item biases and no interaction at all.
 *
 * <p>The biases are the closed-form ridge estimates of Koren (2010, "Factor in the neighbors", §2.1), alternated
 * until they settle: {@code b_i = Σ(r - μ - b_u) / (λ_i + n_i)}, {@code b_u = Σ(r - μ - b_i) / (λ_u + n_u)}.
 * Koren's {@code λ_i = 25}, {@code λ_u = 10} suit Netflix's 100 M ratings; on MovieLens' 100 k they shrink too
 * hard (validation RMSE 0.905 against 0.886 with λ = 3, mean of seeds 42–44), so {@link #fit(CollabData)} picks λ
 * on the training ratings alone. Predictions are clipped to the training ratings' range.
 */
public final class BiasBaseline {
    /** The λs {@link #fit(CollabData)} tries, the same for users and items. */
    public static final double[] LAMBDAS = {1, 2, 3, 5, 10, 25};

    private final double mean;
    private final double[] userBias;
    private final double[] itemBias;
    private final float low;
    private final float high;
    private double lambda = Double.NaN;

    private BiasBaseline(double mean, double[] userBias, double[] itemBias, float low, float high) {
        this.mean = mean;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.low = low;
        this.high = high;
    }

    /**
     * Fits on {@code d}'s training split with the λ of {@link #LAMBDAS} that predicts a random fifth of the training
     * ratings best from the other four fifths (the validation ratings play no part), 10 alternations each.
     */
    public static BiasBaseline fit(CollabData d) {
        if (d.trainRows().length < 10) {
            return fit(d, 3, 3, 10); // too few ratings to hold some out
        }
        Ratings train = d.ratings().rows(d.trainRows());
        CollabData inner = CollabData.split(train, CollabData.Split.RANDOM, 0.2, 0);
        double best = LAMBDAS[0];
        double bestRmse = Double.POSITIVE_INFINITY;
        for (double l : LAMBDAS) {
            double rmse = fit(inner, l, l, 10).validRmse(inner);
            if (rmse < bestRmse) {
                best = l;
                bestRmse = rmse;
            }
        }
        BiasBaseline b = fit(d, best, best, 10);
        b.lambda = best;
        return b;
    }

    /** The λ {@link #fit(CollabData)} chose; NaN when the λs were given. */
    public double lambda() {
        return lambda;
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
            b[j] = n[j] == 0 ? 0 : sum[j] / (lambda + n[j]); // #na# and ids only in validation: no bias
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
