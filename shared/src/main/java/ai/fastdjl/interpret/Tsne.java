package ai.fastdjl.interpret;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Exact t-SNE (van der Maaten &amp; Hinton 2008, "Visualizing Data using t-SNE", JMLR 9): a 2-D map of
 * high-dimensional points, for plotting learned embeddings (movie factors, tabular category embeddings) next to PCA.
 *
 * <p><b>What the map keeps:</b> local neighbourhoods. Each point's near neighbours in the input (about
 * {@code perplexity} of them) are near it in the map, so tight groups of similar items show up as clumps.
 *
 * <p><b>What it does not keep:</b> almost everything else. The heavy-tailed Student-t in the map (the "t" of t-SNE,
 * paper section 3.3) deliberately pushes moderately distant points far apart, so
 * <ul>
 *   <li>distances <em>between</em> clusters mean nothing: two clumps far apart in the map are not necessarily more
 *       different than two close ones;</li>
 *   <li>cluster <em>sizes</em> mean nothing: the per-point Gaussian bandwidth is tuned to a fixed perplexity, which
 *       expands dense clusters and shrinks sparse ones, so a tight clump may be a spread-out group in the input;</li>
 *   <li>the axes have no meaning and the map changes with the seed (rotations, reflections, rearranged clumps).</li>
 * </ul>
 * PCA keeps the global, linear layout (directions of largest variance, relative distances); t-SNE shows who is next
 * to whom. Read them together.
 *
 * <p>Usage: {@code double[][] y = Tsne.builder().perplexity(30).iterations(1000).seed(42).build().fit(x);}
 * returns one {@code {x, y}} row per input row; {@link #klDivergence()} then gives the final KL(P || Q), the cost the
 * optimiser minimised (lower is a more faithful map; comparable only between runs on the same data and perplexity).
 *
 * <p>The algorithm is the exact O(n²) one of the paper (time and memory grow with n²; fine up to about 1500 points;
 * a 1000 x 32 input takes a few seconds): squared Euclidean distances; a per-point Gaussian whose precision is found
 * by binary search so that the conditional distribution's perplexity matches {@code perplexity}; symmetric joint
 * probabilities P; Student-t similarities Q in the map; gradient descent on KL(P || Q) with momentum, early
 * exaggeration and per-parameter gains. The optimiser's constants are scikit-learn's {@code TSNE} defaults (which
 * follow van der Maaten's bhtsne, JMLR 15, 2014); each is cited where it is defined.
 *
 * <p>Perplexity: if it is at least the number of rows n (a point cannot have more effective neighbours than there
 * are other points), it is clamped to (n - 1) / 3, so that small inputs still run instead of failing as
 * scikit-learn does.
 *
 * <p>Deterministic: the same seed and input give the same output (on the same JVM). A {@code Tsne} is immutable
 * except for the KL divergence it remembers from its last {@link #fit}; use one instance per thread.
 */
public final class Tsne {
    /** The map is for 2-D scatter plots. */
    private static final int DIMS = 2;

    /** scikit-learn's default; the paper (section 2) says typical values are between 5 and 50. */
    static final double DEFAULT_PERPLEXITY = 30.0;
    /** scikit-learn's default {@code max_iter}; also the T = 1000 of the paper's experiments. */
    static final int DEFAULT_ITERATIONS = 1000;
    /** Seeded by default so that plots are reproducible (scikit-learn's default is unseeded). */
    static final long DEFAULT_SEED = 42L;

    /** Perplexity binary search: entropy tolerance (nats) and step limit of the reference tsne.py's x2p. */
    private static final double ENTROPY_TOLERANCE = 1e-5;
    private static final int MAX_SEARCH_STEPS = 50;

    /**
     * Floor on the joint probabilities P and the map similarities Q, as in the reference tsne.py: keeps
     * log(p / q) in the KL divergence finite for pairs that are (numerically) never neighbours.
     */
    private static final double MIN_PROBABILITY = 1e-12;

    /**
     * Initial map Y ~ N(0, 1e-4 I): the paper's Algorithm 1 (variance 1e-4, so standard deviation 1e-2). Small so that
     * all points start together and the optimiser, not the start, decides the layout.
     */
    private static final double INIT_SD = 1e-2;

    /**
     * Early exaggeration (paper section 3.4): multiply P by 12 for the first 250 iterations so that clusters form
     * tight, well-separated clumps early. 12 and 250 are scikit-learn's defaults and bhtsne's (the 2008 paper used 4
     * for 50 iterations).
     */
    private static final double EARLY_EXAGGERATION = 12.0;
    private static final int EXAGGERATION_ITERATIONS = 250;

    /** Momentum 0.5 for the first 250 iterations, then 0.8: the paper's experimental setting and scikit-learn's. */
    private static final double MOMENTUM_EARLY = 0.5;
    private static final double MOMENTUM_LATE = 0.8;
    private static final int MOMENTUM_SWITCH_ITERATION = 250;

    /**
     * Per-parameter gains (Jacobs 1988 delta-bar-delta, the paper's adaptive learning rate): +0.2 when the gradient's
     * sign differs from the last update's (still heading the same way downhill), x0.8 otherwise (overshot), never
     * below 0.01. Constants of the reference tsne.py and scikit-learn's {@code _gradient_descent}.
     */
    private static final double GAIN_INCREASE = 0.2;
    private static final double GAIN_DECAY = 0.8;
    private static final double MIN_GAIN = 0.01;

    /**
     * scikit-learn's {@code learning_rate='auto'}: max(n / early_exaggeration / 4, 50) (Belkina et al. 2019,
     * Nature Communications 10; Kobak &amp; Berens 2019): a rate that grows with n avoids the slow convergence and
     * "fragmented clusters" of a fixed rate on large inputs; the 4 matches the gradient's factor 4.
     */
    private static final double AUTO_RATE_DIVISOR = 4.0;
    private static final double AUTO_RATE_MIN = 50.0;

    private final double perplexity;
    private final int iterations;
    private final double learningRate; // NaN means 'auto'
    private final long seed;
    private double lastKl = Double.NaN;

    private Tsne(Builder b) {
        this.perplexity = b.perplexity;
        this.iterations = b.iterations;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings; every one has a default (perplexity 30, 1000 iterations, learning rate 'auto', seed 42). */
    public static final class Builder {
        private double perplexity = DEFAULT_PERPLEXITY;
        private int iterations = DEFAULT_ITERATIONS;
        private double learningRate = Double.NaN;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        /** Roughly the number of neighbours each point keeps close (typically 5 to 50). */
        public Builder perplexity(double perplexity) {
            if (!(perplexity > 0) || Double.isInfinite(perplexity)) {
                throw new IllegalArgumentException("perplexity must be a positive number, got " + perplexity
                        + ": use e.g. 5 to 50 (default 30)");
            }
            this.perplexity = perplexity;
            return this;
        }

        /** Gradient-descent steps, the first 250 of them with early exaggeration. */
        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations
                        + ": use e.g. 1000 (the default)");
            }
            this.iterations = iterations;
            return this;
        }

        /** Fixed learning rate; by default scikit-learn's 'auto', max(n / 12 / 4, 50). */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate
                        + ": leave it unset for scikit-learn's 'auto' rate");
            }
            this.learningRate = learningRate;
            return this;
        }

        /** Seed of the random initial map: the same seed gives the same map. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Tsne build() {
            return new Tsne(this);
        }
    }

    /**
     * Embeds the rows of {@code x} (n rows of the same length, n at least 3, all values finite) in 2-D.
     *
     * @return n rows of {x, y} map coordinates, centred on the origin
     * @throws IllegalArgumentException for fewer than 3 rows, rows of different lengths, or non-finite values
     */
    public double[][] fit(double[][] x) {
        int n = validate(x);
        double[] p = jointProbabilities(x, effectivePerplexity(perplexity, n));
        double rate = Double.isNaN(learningRate)
                ? Math.max(n / EARLY_EXAGGERATION / AUTO_RATE_DIVISOR, AUTO_RATE_MIN)
                : learningRate;

        double[] y = new double[n * DIMS]; // row-major: y[DIMS * i + d]
        Random random = new Random(seed);
        for (int c = 0; c < y.length; c++) {
            y[c] = INIT_SD * random.nextGaussian();
        }
        double[] grad = new double[y.length];
        double[] update = new double[y.length];
        double[] gains = new double[y.length];
        Arrays.fill(gains, 1.0);
        double[] num = new double[p.length]; // Student-t kernel (1 + |y_i - y_j|^2)^-1 of each pair i < j

        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < EXAGGERATION_ITERATIONS ? EARLY_EXAGGERATION : 1.0;
            double momentum = it < MOMENTUM_SWITCH_ITERATION ? MOMENTUM_EARLY : MOMENTUM_LATE;
            double sum = studentKernel(y, n, num);
            gradient(y, n, p, num, sum, exaggeration, grad);
            for (int c = 0; c < y.length; c++) {
                if (update[c] * grad[c] < 0) {
                    gains[c] += GAIN_INCREASE;
                } else {
                    gains[c] *= GAIN_DECAY;
                }
                gains[c] = Math.max(gains[c], MIN_GAIN);
                update[c] = momentum * update[c] - rate * gains[c] * grad[c];
                y[c] += update[c];
            }
            centre(y, n); // the cost is translation-invariant; centring keeps the map from drifting (tsne.py)
        }
        lastKl = klDivergence(p, y, n, num);

        double[][] out = new double[n][DIMS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(y, DIMS * i, out[i], 0, DIMS);
        }
        return out;
    }

    /** KL(P || Q) of the map the last {@link #fit} returned; NaN before the first fit. */
    public double klDivergence() {
        return lastKl;
    }

    /** The perplexity actually used for n rows: clamped to (n - 1) / 3 when it is at least n. */
    static double effectivePerplexity(double perplexity, int n) {
        return perplexity >= n ? (n - 1) / 3.0 : perplexity;
    }

    /**
     * The conditional distribution p_{j|i} of one point i (paper section 2): a Gaussian on the squared distances
     * {@code sqDist} whose precision beta = 1 / (2 sigma_i^2) is found by binary search so that its perplexity
     * exp(H) (H the entropy in nats, i.e. 2^H with H in bits) equals {@code perplexity} to within an entropy
     * tolerance of 1e-5, at most 50 steps: the reference tsne.py's x2p.
     *
     * @param sqDist squared distances from point i to every point, including itself
     * @param self   i, whose own probability is 0
     * @return p_{j|i} for every j, summing to 1
     */
    static double[] conditionalRow(double[] sqDist, int self, double perplexity) {
        int n = sqDist.length;
        // Shift by the nearest neighbour's distance: the normalised distribution and its entropy are unchanged, but
        // exp(-beta d) can no longer underflow to 0 for every j (which tsne.py's unshifted version does on data with
        // large distances, making P NaN).
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != self) {
                nearest = Math.min(nearest, sqDist[j]);
            }
        }
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = j == self ? 0 : sqDist[j] - nearest;
        }
        double[] p = new double[n];
        double target = Math.log(perplexity);
        double beta = 1.0; // tsne.py's start
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        double diff = entropy(d, self, beta, p) - target;
        for (int step = 0; Math.abs(diff) > ENTROPY_TOLERANCE && step < MAX_SEARCH_STEPS; step++) {
            if (diff > 0) { // too flat: sharpen (raise beta), doubling until an upper bound is known
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
            } else { // too peaked: widen
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
            }
            diff = entropy(d, self, beta, p) - target;
        }
        return p;
    }

    /** Fills p with the normalised Gaussian exp(-beta d_j) (0 for self) and returns its entropy in nats. */
    private static double entropy(double[] d, int self, double beta, double[] p) {
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < d.length; j++) {
            if (j == self) {
                p[j] = 0;
                continue;
            }
            p[j] = Math.exp(-beta * d[j]);
            sum += p[j];
            weighted += d[j] * p[j];
        }
        // sum >= 1: the nearest neighbour's shifted distance is 0
        for (int j = 0; j < d.length; j++) {
            p[j] /= sum;
        }
        // H = -sum p log p with log p_j = -beta d_j - log(sum)
        return Math.log(sum) + beta * weighted / sum;
    }

    /**
     * Symmetric joint probabilities p_ij = (p_{j|i} + p_{i|j}) / (2n) (paper section 3.1: every point, outliers
     * included, then contributes at least 1 / (2n)), floored at 1e-12; upper triangle i &lt; j in row order.
     */
    private static double[] jointProbabilities(double[][] x, double perplexity) {
        int n = x.length;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double t = x[i][k] - x[j][k];
                    s += t * t;
                }
                rows[i][j] = s;
                rows[j][i] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            rows[i] = conditionalRow(rows[i], i, perplexity); // row i's distances are not needed again
        }
        double[] p = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                p[k++] = Math.max((rows[i][j] + rows[j][i]) / (2.0 * n), MIN_PROBABILITY);
            }
        }
        return p;
    }

    /** Fills num with (1 + |y_i - y_j|^2)^-1 for each pair i &lt; j; returns its sum over ordered pairs i != j. */
    private static double studentKernel(double[] y, int n, double[] num) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double xi = y[DIMS * i];
            double yi = y[DIMS * i + 1];
            for (int j = i + 1; j < n; j++) {
                double dx = xi - y[DIMS * j];
                double dy = yi - y[DIMS * j + 1];
                double v = 1.0 / (1.0 + dx * dx + dy * dy);
                num[k++] = v;
                sum += v;
            }
        }
        return 2 * sum;
    }

    /**
     * The t-SNE gradient (paper section 3.3): dC/dy_i = 4 sum_j (p_ij - q_ij)(y_i - y_j)(1 + |y_i - y_j|^2)^-1,
     * with q_ij floored at 1e-12 as in tsne.py and p multiplied by the early exaggeration.
     */
    private static void gradient(double[] y, int n, double[] p, double[] num, double sum, double exaggeration,
            double[] grad) {
        Arrays.fill(grad, 0);
        int k = 0;
        for (int i = 0; i < n; i++) {
            double xi = y[DIMS * i];
            double yi = y[DIMS * i + 1];
            double gx = 0;
            double gy = 0;
            for (int j = i + 1; j < n; j++) {
                double q = Math.max(num[k] / sum, MIN_PROBABILITY);
                double f = 4 * (exaggeration * p[k] - q) * num[k];
                k++;
                double fx = f * (xi - y[DIMS * j]);
                double fy = f * (yi - y[DIMS * j + 1]);
                gx += fx;
                gy += fy;
                grad[DIMS * j] -= fx; // the pair's force on j is equal and opposite
                grad[DIMS * j + 1] -= fy;
            }
            grad[DIMS * i] += gx;
            grad[DIMS * i + 1] += gy;
        }
    }

    private static void centre(double[] y, int n) {
        for (int d = 0; d < DIMS; d++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[DIMS * i + d];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                y[DIMS * i + d] -= mean;
            }
        }
    }

    /** KL(P || Q) = sum over ordered pairs i != j of p_ij log(p_ij / q_ij) (the paper's cost), unexaggerated P. */
    private static double klDivergence(double[] p, double[] y, int n, double[] num) {
        double sum = studentKernel(y, n, num);
        double kl = 0;
        for (int k = 0; k < p.length; k++) {
            double q = Math.max(num[k] / sum, MIN_PROBABILITY);
            kl += p[k] * Math.log(p[k] / q);
        }
        return 2 * kl; // each unordered pair stands for (i, j) and (j, i)
    }

    private static int validate(double[][] x) {
        if (x == null) {
            throw new IllegalArgumentException("x is null: pass an n x d array with one row per point");
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("t-SNE needs at least 3 rows, got " + n
                    + ": pass more points (each point is placed relative to its neighbours)");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException("row 0 is empty: every row needs at least one feature");
        }
        int d = x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d has %d values but row 0 has %d: give every row the same number of features",
                        i, x[i] == null ? 0 : x[i].length, d));
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(x[i][k])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "x[%d][%d] is %s: drop or impute non-finite values before t-SNE", i, k, x[i][k]));
                }
            }
        }
        return n;
    }
}
