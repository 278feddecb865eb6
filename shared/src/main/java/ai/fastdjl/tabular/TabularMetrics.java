package ai.fastdjl.tabular;

/**
 * Regression and classification scores on plain arrays, for models outside the learner (forests, linear
 * baselines) and for comparing every model the same way; the learner's own are in {@link ai.fastdjl.metric.Metrics}.
 * Classification scores read class probabilities {@code p[row][class]} and class codes {@code y}.
 */
public final class TabularMetrics {
    private TabularMetrics() {}

    /** {@code sqrt(mean((p - y)²))}. */
    public static double rmse(double[] y, double[] p) {
        check(y, p);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }

    /** Root mean squared percentage error {@code sqrt(mean(((y - p) / y)²))}. */
    public static double rmspe(double[] y, double[] p) {
        check(y, p);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = (y[i] - p[i]) / y[i];
            s += e * e;
        }
        return Math.sqrt(s / y.length);
    }

    /** RMSPE of predictions made in log space: fastai's {@code exp_rmspe}, Rossmann's metric. */
    public static double expRmspe(double[] logY, double[] logP) {
        double[] y = new double[logY.length];
        double[] p = new double[logP.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(logY[i]);
            p[i] = Math.exp(logP[i]);
        }
        return rmspe(y, p);
    }

    /**
     * The coefficient of determination {@code 1 − Σ(y − p)² / Σ(y − ȳ)²} (scikit-learn's {@code r2_score}): 1 for
     * perfect predictions, 0 for predicting the mean of {@code y} itself, and below 0 for anything worse than that,
     * such as the training mean on a later period whose mean moved. NaN when {@code y} is constant.
     */
    public static double r2(double[] y, double[] p) {
        check(y, p);
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - p[i]) * (y[i] - p[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }

    /** Share of rows whose most probable class is the label. */
    public static double accuracy(int[] y, double[][] p) {
        check(y, p);
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                best = p[i][k] > p[i][best] ? k : best;
            }
            ok += best == y[i] ? 1 : 0;
        }
        return (double) ok / y.length;
    }

    /** scikit-learn's {@code log_loss} clips probabilities to {@code [1e-15, 1 - 1e-15]}: a sure miss costs 34.5, not ∞. */
    public static final double LOG_LOSS_EPS = 1e-15;

    /** Mean cross-entropy {@code -log p[i][y[i]]} (in nats, as fastai's loss), probabilities clipped as scikit-learn's. */
    public static double logLoss(int[] y, double[][] p) {
        check(y, p);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s -= Math.log(Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, p[i][y[i]])));
        }
        return s / y.length;
    }

    private static void check(int[] y, double[][] p) {
        if (y.length != p.length || y.length == 0) {
            throw new IllegalArgumentException(y.length + " labels but " + p.length + " rows of probabilities");
        }
    }

    private static void check(double[] y, double[] p) {
        if (y.length != p.length || y.length == 0) {
            throw new IllegalArgumentException(y.length + " targets but " + p.length + " predictions");
        }
    }
}
