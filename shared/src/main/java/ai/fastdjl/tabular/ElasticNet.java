package ai.fastdjl.tabular;

import ai.fastdjl.plot.Plots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * L1 (lasso), L2 (ridge) and mixed penalised least squares by cyclic coordinate descent, glmnet's algorithm
 * (Friedman, Hastie &amp; Tibshirani 2010, "Regularization Paths for Generalized Linear Models via Coordinate
 * Descent"), with its objective and scaling:
 *
 * <pre>  (1 / 2n) ‖y − ȳ − Xβ‖² + λ (α ‖β‖₁ + (1 − α) / 2 ‖β‖²)</pre>
 *
 * on standardised columns of {@code X} (mean 0, variance 1 over the training rows), so that one λ penalises every
 * input alike whatever its unit, and the coefficients of a path are comparable. α = 1 is the lasso, whose soft
 * threshold sets coefficients exactly to zero (the ML course: "L1 … pushes weights to zero, a kind of feature
 * selection"); α = 0 is ridge, which shrinks all of them and shares weight between correlated inputs. A path runs
 * from {@link #lambdaMax} (every lasso coefficient zero) down a log-spaced grid, each fit warm-started from the
 * previous one, as glmnet does. The updates use the Gram matrix ("covariance updates" in the paper), so a pass
 * costs p² however many rows there are.
 */
public final class ElasticNet {
    /** glmnet's convergence threshold on the largest coefficient change (standardised scale). */
    public static final double TOLERANCE = 1e-7;
    /** Slack on the soft threshold (standardised scale): far below any coefficient worth reading, above rounding. */
    static final double THRESHOLD_SLACK = 1e-12;
    /** glmnet's default cap on passes over the coefficients. */
    public static final int MAX_PASSES = 100_000;

    private final double[] mean;
    private final double[] sd;
    private final double[][] gram; // XᵀX / n of the standardised columns
    private final double[] xty; // Xᵀ(y − ȳ) / n
    private final double yMean;

    private ElasticNet(double[] mean, double[] sd, double[][] gram, double[] xty, double yMean) {
        this.mean = mean;
        this.sd = sd;
        this.gram = gram;
        this.xty = xty;
        this.yMean = yMean;
    }

    /** A fitted model: coefficients on the standardised columns (0 for a constant column) and its λ, α. */
    public record Fit(double lambda, double alpha, double[] beta, int passes) {
        /** How many coefficients are exactly zero. */
        public int zeros() {
            return (int) Arrays.stream(beta).filter(b -> b == 0).count();
        }
    }

    /** Standardises {@code x}'s columns and precomputes what every fit on them needs. */
    public static ElasticNet of(double[][] x, double[] y) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException(n + " rows but " + y.length + " targets");
        }
        int p = x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        double yMean = Arrays.stream(y).average().orElse(0);
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j]);
        }
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        double[] z = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[j] = sd[j] > 0 ? (x[i][j] - mean[j]) / sd[j] : 0;
                xty[j] += z[j] * (y[i] - yMean) / n;
            }
            for (int a = 0; a < p; a++) {
                if (z[a] != 0) {
                    for (int b = a; b < p; b++) {
                        gram[a][b] += z[a] * z[b] / n;
                    }
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
        }
        return new ElasticNet(mean, sd, gram, xty, yMean);
    }

    /** The smallest λ at which every coefficient of a fit with mixing {@code alpha} is 0: max |xⱼᵀy| / (n α). */
    public double lambdaMax(double alpha) {
        double m = Arrays.stream(xty).map(Math::abs).max().orElse(0);
        return m / Math.max(alpha, 1e-3); // glmnet's rule: ridge (α = 0) uses the grid of α = 0.001
    }

    /**
     * Fits at each λ of {@code lambdas} (largest first, each warm-starting the next) with mixing {@code alpha}
     * (1 = lasso, 0 = ridge).
     */
    public Fit[] path(double alpha, double[] lambdas) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha " + alpha + " is not in [0, 1] (1 = lasso, 0 = ridge)");
        }
        int p = xty.length;
        double[] beta = new double[p];
        double[] gb = new double[p]; // gram · beta, kept up to date as coefficients move
        Fit[] out = new Fit[lambdas.length];
        for (int l = 0; l < lambdas.length; l++) {
            double l1 = lambdas[l] * alpha;
            double l2 = lambdas[l] * (1 - alpha);
            int passes = 0;
            double change;
            do {
                change = 0;
                for (int j = 0; j < p; j++) {
                    if (sd[j] == 0) {
                        continue; // a constant column carries nothing to fit
                    }
                    // the partial residual's correlation with column j: xⱼᵀ(r + xⱼβⱼ) / n, with xⱼᵀxⱼ / n = 1
                    double rho = xty[j] - gb[j] + gram[j][j] * beta[j];
                    // a column identical to one already in the model sits exactly on the threshold (the lasso's
                    // optimality condition |ρ| = λ), where rounding leaves ±1e-15: THRESHOLD_SLACK keeps it at 0;
                    // + 0.0: a coefficient thresholded to zero is +0, not −0, in tables and JSON
                    double next = Math.signum(rho) * Math.max(Math.abs(rho) - l1 - THRESHOLD_SLACK, 0)
                            / (gram[j][j] + l2) + 0.0;
                    double delta = next - beta[j];
                    if (delta != 0) {
                        for (int k = 0; k < p; k++) {
                            gb[k] += delta * gram[k][j];
                        }
                        beta[j] = next;
                        change = Math.max(change, Math.abs(delta));
                    }
                }
                passes++;
            } while (change > TOLERANCE && passes < MAX_PASSES);
            out[l] = new Fit(lambdas[l], alpha, beta.clone(), passes);
        }
        return out;
    }

    /** {@code n} values from {@code max} down to {@code max · ratio}, evenly spaced in log (glmnet's grid). */
    public static double[] grid(double max, double ratio, int n) {
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = max * Math.pow(ratio, n == 1 ? 0 : k / (n - 1.0));
        }
        return g;
    }

    /** Predictions of {@code fit} for rows {@code x} (same columns, unstandardised). */
    public double[] predict(Fit fit, double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = yMean;
            for (int j = 0; j < mean.length; j++) {
                if (sd[j] > 0 && fit.beta()[j] != 0) {
                    s += fit.beta()[j] * (x[i][j] - mean[j]) / sd[j];
                }
            }
            out[i] = s;
        }
        return out;
    }

    /** Rows {@code x} on the standardised scale the fits use (constant columns 0): for distances between rows. */
    public double[][] standardise(double[][] x) {
        double[][] z = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = sd[j] > 0 ? (x[i][j] - mean[j]) / sd[j] : 0;
            }
        }
        return z;
    }

    /** The Pearson correlation of columns {@code a} and {@code b} over the training rows (NaN if one is constant). */
    public double correlation(int a, int b) {
        return sd[a] > 0 && sd[b] > 0 ? gram[a][b] : Double.NaN;
    }

    /**
     * A path as a chart: every coefficient against log λ; the {@code labelled} columns with the largest
     * coefficients at the path's smallest λ are named in the legend (the others drawn unnamed), and the columns of
     * {@code highlight} are named whatever their size.
     */
    public static XYChart pathChart(String title, Fit[] path, List<String> names, int labelled, int... highlight) {
        double[] lambda = Arrays.stream(path).mapToDouble(Fit::lambda).toArray();
        double[] last = path[path.length - 1].beta();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < last.length; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> -Math.abs(last[j])));
        Set<Integer> named = new HashSet<>(order.subList(0, Math.min(labelled, order.size())));
        Arrays.stream(highlight).forEach(named::add);
        XYChart chart = Plots.lines(title, "λ (log scale)", "coefficient (standardised inputs)", Map.of(), true);
        chart.getStyler().setLegendVisible(true);
        for (int j : order) {
            int col = j;
            double[] b = Arrays.stream(path).mapToDouble(f -> f.beta()[col]).toArray();
            if (Arrays.stream(b).allMatch(v -> v == 0)) {
                continue; // a column that never enters (or is constant) would only crowd the zero line
            }
            XYSeries s = chart.addSeries(names.get(j), lambda, b);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(named.contains(j));
            if (!named.contains(j)) {
                s.setLineColor(java.awt.Color.LIGHT_GRAY);
            }
        }
        return chart;
    }

    /**
     * The two columns with the largest |correlation| among those of different variables ({@code variable.get(j)}
     * names column j's: the levels of one category are correlated by construction).
     */
    public int[] mostCorrelated(List<String> variable) {
        int[] best = {0, Math.min(1, width() - 1)};
        double top = -1;
        for (int a = 0; a < width(); a++) {
            for (int b = a + 1; b < width(); b++) {
                double r = Math.abs(correlation(a, b));
                if (r > top && !variable.get(a).equals(variable.get(b))) {
                    top = r;
                    best = new int[] {a, b};
                }
            }
        }
        return best;
    }

    /** How many of {@code fit}'s coefficients are zero among the columns that vary (constant ones always are). */
    public int zeros(Fit fit) {
        int z = 0;
        for (int j = 0; j < sd.length; j++) {
            z += sd[j] > 0 && fit.beta()[j] == 0 ? 1 : 0;
        }
        return z;
    }

    /** The columns that vary over the training rows: the inputs a fit can use. */
    public int varying() {
        return (int) Arrays.stream(sd).filter(v -> v > 0).count();
    }

    /** Number of columns. */
    public int width() {
        return xty.length;
    }
}
