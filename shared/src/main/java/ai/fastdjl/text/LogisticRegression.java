package ai.fastdjl.text;

import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty on sparse rows, scikit-learn's objective:
 * {@code C · Σ cross-entropy + ½‖W‖²} (the intercepts are not penalised). The bag-of-words baseline.
 *
 * <p>Solved by Nesterov's accelerated gradient with the constant momentum for strongly convex problems,
 * {@code (√L − √μ) / (√L + √μ)}: the softmax cross-entropy's curvature along a row {@code x} (with the intercept's 1)
 * is at most {@code ½ · ‖x‖²}, so {@code L = ½ · max ‖x‖² + λ} (1 + λ on TF-IDF's unit rows) and
 * {@code μ = λ = 1 / (C·n)} bound the mean objective and the step {@code 1/L} always converges. Any sparse rows
 * work (the tabular one-hot baseline's too); rows of large norm only converge more slowly. Stops when the
 * gradient's norm falls below {@code tol}.
 */
public final class LogisticRegression {
    private final int features;
    private final int classes;
    private final double c;
    private double[][] w; // [classes][features + 1], the last column the intercept
    private int iterations;

    public LogisticRegression(int features, int classes, double c) {
        this.features = features;
        this.classes = classes;
        this.c = c;
    }

    /** Fits to {@code rows} with labels {@code y}. */
    public LogisticRegression fit(List<TfIdf.Row> rows, int[] y, double tol, int maxIter) {
        int n = rows.size();
        double lambda = 1 / (c * n);
        double maxSq = 1; // unit rows (TF-IDF) give L = 1 + λ as before
        for (TfIdf.Row r : rows) {
            double sq = 0;
            for (float v : r.value()) {
                sq += v * v;
            }
            maxSq = Math.max(maxSq, sq);
        }
        double lip = 0.5 * (maxSq + 1) + lambda;
        double beta = (Math.sqrt(lip) - Math.sqrt(lambda)) / (Math.sqrt(lip) + Math.sqrt(lambda));
        w = new double[classes][features + 1];
        double[][] prev = new double[classes][features + 1];
        double[][] look = new double[classes][features + 1];
        double[][] g = new double[classes][features + 1];
        for (iterations = 0; iterations < maxIter; iterations++) {
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j <= features; j++) {
                    look[k][j] = w[k][j] + beta * (w[k][j] - prev[k][j]);
                }
            }
            double gnorm = gradient(look, rows, y, lambda, g);
            for (int k = 0; k < classes; k++) {
                System.arraycopy(w[k], 0, prev[k], 0, features + 1);
                for (int j = 0; j <= features; j++) {
                    w[k][j] = look[k][j] - g[k][j] / lip;
                }
            }
            if (gnorm < tol) {
                break;
            }
        }
        return this;
    }

    /** Gradient of the mean objective at {@code at} into {@code g}; returns its norm. */
    double gradient(double[][] at, List<TfIdf.Row> rows, int[] y, double lambda, double[][] g) {
        int n = rows.size();
        for (int k = 0; k < classes; k++) {
            java.util.Arrays.fill(g[k], 0);
        }
        double[] p = new double[classes];
        for (int i = 0; i < n; i++) {
            TfIdf.Row r = rows.get(i);
            probs(at, r, p);
            p[y[i]] -= 1;
            for (int k = 0; k < classes; k++) {
                double d = p[k] / n;
                for (int t = 0; t < r.index().length; t++) {
                    g[k][r.index()[t]] += d * r.value()[t];
                }
                g[k][features] += d;
            }
        }
        double sq = 0;
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j <= features; j++) {
                if (j < features) {
                    g[k][j] += lambda * at[k][j];
                }
                sq += g[k][j] * g[k][j];
            }
        }
        return Math.sqrt(sq);
    }

    private void probs(double[][] at, TfIdf.Row r, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double z = at[k][features];
            for (int t = 0; t < r.index().length; t++) {
                z += at[k][r.index()[t]] * r.value()[t];
            }
            p[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
    }

    /** Class probabilities of one row. */
    public double[] predictProba(TfIdf.Row r) {
        double[] p = new double[classes];
        probs(w, r, p);
        return p;
    }

    public int predict(TfIdf.Row r) {
        double[] p = predictProba(r);
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    public double accuracy(List<TfIdf.Row> rows, int[] y) {
        int ok = 0;
        for (int i = 0; i < rows.size(); i++) {
            ok += predict(rows.get(i)) == y[i] ? 1 : 0;
        }
        return (double) ok / rows.size();
    }

    /** Iterations the last fit took. */
    public int iterations() {
        return iterations;
    }

    /** The weights, {@code [classes][features + 1]} with the intercept last. */
    public double[][] weights() {
        return w;
    }
}
