package ai.fastdjl.tabular;

/**
 * Regression scores on plain arrays, for models outside the learner (forests, linear baselines); the learner's
 * own are {@link ai.fastdjl.metric.Metrics#rmse()} and {@link ai.fastdjl.metric.Metrics#expRmspe()}.
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

    private static void check(double[] y, double[] p) {
        if (y.length != p.length || y.length == 0) {
            throw new IllegalArgumentException(y.length + " targets but " + p.length + " predictions");
        }
    }
}
