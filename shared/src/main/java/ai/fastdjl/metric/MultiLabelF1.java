package ai.fastdjl.metric;

/**
 * F1 over samples for multi-label predictions (scikit-learn's {@code f1_score(average="samples")}, the course's
 * multi-label metric): per sample, {@code 2·|predicted ∩ true| / (|predicted| + |true|)}, averaged over samples; a
 * sample with nothing true and nothing predicted scores 1. Predictions come from scores by a threshold (fastai's
 * {@code accuracy_multi(thresh=…)}: every class scoring at least {@code t}) or by taking the {@code k} best, and the
 * threshold or k is chosen on one set of samples to be reported on another.
 */
public final class MultiLabelF1 {
    private MultiLabelF1() {}

    /** A rule chosen on tuning samples, and its F1 there. */
    public record Choice(double threshold, int k, double f1) {}

    /** F1 over samples of predicting every class whose score is ≥ {@code threshold}. */
    public static double threshold(float[][] scores, boolean[][] truth, double threshold) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean[] p = new boolean[scores[i].length];
            for (int c = 0; c < p.length; c++) {
                p[c] = scores[i][c] >= threshold;
            }
            sum += f1(p, truth[i]);
        }
        return scores.length == 0 ? Double.NaN : sum / scores.length;
    }

    /** F1 over samples of predicting each sample's {@code k} highest-scoring classes. */
    public static double topK(float[][] scores, boolean[][] truth, int k) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            sum += f1(top(scores[i], k), truth[i]);
        }
        return scores.length == 0 ? Double.NaN : sum / scores.length;
    }

    /** The threshold of {@code grid} with the best F1 on these samples (the lowest of ties). */
    public static Choice bestThreshold(float[][] scores, boolean[][] truth, double[] grid) {
        Choice best = null;
        for (double t : grid) {
            double f = threshold(scores, truth, t);
            best = best == null || f > best.f1() ? new Choice(t, 0, f) : best;
        }
        return best;
    }

    /** The k of {@code 1 … maxK} with the best F1 on these samples (the smallest of ties). */
    public static Choice bestK(float[][] scores, boolean[][] truth, int maxK) {
        Choice best = null;
        for (int k = 1; k <= maxK; k++) {
            double f = topK(scores, truth, k);
            best = best == null || f > best.f1() ? new Choice(Double.NaN, k, f) : best;
        }
        return best;
    }

    /**
     * Per class {@code {precision, recall, F1}} of predicting it where its score is ≥ {@code threshold}, over all
     * samples (NaN where a class is never predicted or never true): which classes a multi-label model misses.
     */
    public static double[][] perClass(float[][] scores, boolean[][] truth, double threshold) {
        int k = truth.length == 0 ? 0 : truth[0].length;
        double[][] out = new double[k][3];
        for (int c = 0; c < k; c++) {
            int tp = 0;
            int p = 0;
            int t = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean said = scores[i][c] >= threshold;
                tp += said && truth[i][c] ? 1 : 0;
                p += said ? 1 : 0;
                t += truth[i][c] ? 1 : 0;
            }
            out[c] = new double[] {p == 0 ? Double.NaN : (double) tp / p, t == 0 ? Double.NaN : (double) tp / t,
                    p + t == 0 ? Double.NaN : 2.0 * tp / (p + t)};
        }
        return out;
    }

    /** {@code n} evenly spaced thresholds strictly inside (0, 1): 0.05, 0.10, … 0.95 for {@code n = 19}. */
    public static double[] grid(int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (i + 1.0) / (n + 1);
        }
        return g;
    }

    /** One sample's F1. */
    static double f1(boolean[] predicted, boolean[] truth) {
        int tp = 0;
        int p = 0;
        int t = 0;
        for (int c = 0; c < truth.length; c++) {
            tp += predicted[c] && truth[c] ? 1 : 0;
            p += predicted[c] ? 1 : 0;
            t += truth[c] ? 1 : 0;
        }
        return p + t == 0 ? 1 : 2.0 * tp / (p + t);
    }

    private static boolean[] top(float[] s, int k) {
        boolean[] out = new boolean[s.length];
        for (int n = 0; n < Math.min(k, s.length); n++) {
            int best = -1;
            for (int c = 0; c < s.length; c++) {
                if (!out[c] && (best < 0 || s[c] > s[best])) {
                    best = c;
                }
            }
            out[best] = true;
        }
        return out;
    }
}
