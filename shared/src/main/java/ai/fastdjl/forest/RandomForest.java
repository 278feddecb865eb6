package ai.fastdjl.forest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.dataset.DatasetView;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTJointRegressionTrainer;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * A regression random forest (Breiman 2001): many CART trees, each grown on a bootstrap sample of the rows and
 * trying a random fraction of the features at each split, averaged. Trees come from Oracle's Tribuo
 * ({@link CARTRegressionTrainer}); the bagging is done here so that each tree's bootstrap is known, which gives
 * out-of-bag predictions (the ML course's {@code oob_score}) and the per-tree predictions that
 * {@link TreeVariance} reads. Fitted trees are copied into flat arrays, so predicting a row costs a few array reads
 * per tree.
 *
 * <p>Defaults are scikit-learn's {@code RandomForestRegressor}: 100 trees, every feature at each split
 * ({@code max_features=1.0}), nodes split down to 2 rows, bootstrap samples as large as the data. Trees grow in
 * parallel, each with its own seed, so a seed repeats a forest exactly whatever the number of threads.
 * A 0/1 target gives class-1 probabilities: the squared-error impurity of 0/1 labels is half their Gini
 * impurity, so this is a Gini classification forest averaging its trees' leaf frequencies. {@link
 * Builder#fitClassifier} generalises that to any number of classes: one tree per bootstrap fitted jointly to the
 * one-hot targets (Tribuo's {@link CARTJointRegressionTrainer}), whose summed squared error is the Gini impurity
 * {@code Σ p_k (1 − p_k)}, so its leaves hold class frequencies and {@link #predictProba} averages them, as
 * scikit-learn's {@code RandomForestClassifier} does.
 */
public final class RandomForest implements Predictor {
    private final Tree[] trees;
    private final double[][] oob; // [row][output]
    private final double[][] edges;
    private final int outputs;
    private final boolean[][] inBag; // [tree][training row]

    private RandomForest(Tree[] trees, double[][] oob, double[][] edges, int outputs, boolean[][] inBag) {
        this.trees = trees;
        this.oob = oob;
        this.edges = edges;
        this.outputs = outputs;
        this.inBag = inBag;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mean of the trees' predictions (a regression forest's, or a two-class one's class-1 probability). */
    @Override
    public double[] predict(double[][] raw) {
        if (outputs > 2) {
            throw new IllegalStateException("a forest of " + outputs + " classes has no single output: use predictProba");
        }
        double[][] p = predictProba(raw);
        double[] out = new double[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i][outputs - 1];
        }
        return out;
    }

    /** The mean of the trees' outputs per row, {@code [row][output]}: class probabilities for a classifier. */
    public double[][] predictProba(double[][] raw) {
        double[][] x = binned(raw, edges);
        double[][] out = new double[x.length][outputs];
        for (Tree t : trees) {
            for (int i = 0; i < x.length; i++) {
                int leaf = t.leaf(x[i]);
                for (int d = 0; d < outputs; d++) {
                    out[i][d] += t.value[leaf * outputs + d] / trees.length;
                }
            }
        }
        return out;
    }

    /** Outputs per row: 1 for regression, the number of classes for a classifier. */
    public int outputs() {
        return outputs;
    }

    /** Every tree's predictions, {@code [tree][row]} (the ML course's {@code [t.predict(X) for t in m.estimators_]}). */
    public double[][] perTree(double[][] raw) {
        double[][] x = binned(raw, edges);
        double[][] out = new double[trees.length][x.length];
        for (int t = 0; t < trees.length; t++) {
            for (int i = 0; i < x.length; i++) {
                out[t][i] = trees[t].value[trees[t].leaf(x[i]) * outputs + outputs - 1];
            }
        }
        return out;
    }

    /** For each training row, the mean prediction of the trees that did not see it; NaN if every tree did. */
    public double[] oobPredictions() {
        return Arrays.stream(oob).mapToDouble(r -> r[outputs - 1]).toArray();
    }

    /** {@link #oobPredictions()} of every output, {@code [row][output]}. */
    public double[][] oobProba() {
        return Arrays.stream(oob).map(double[]::clone).toArray(double[][]::new);
    }

    /** The leaf each row falls in, per tree: {@code [row][tree]} (node numbers; equal numbers, same leaf). */
    public int[][] leaves(double[][] raw) {
        double[][] x = binned(raw, edges);
        int[][] out = new int[x.length][trees.length];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < trees.length; t++) {
                out[i][t] = trees[t].leaf(x[i]);
            }
        }
        return out;
    }

    /** Whether training row {@code row} was in tree {@code tree}'s bootstrap sample (else it is out of bag). */
    public boolean inBag(int tree, int row) {
        return inBag[tree][row];
    }

    public int size() {
        return trees.length;
    }

    /** Mean number of leaves per tree. */
    public double meanLeaves() {
        return Arrays.stream(trees).mapToInt(t -> (t.feature.length + 1) / 2).average().orElse(0);
    }

    /**
     * Per column, the values its rows are snapped to when it has more than {@code maxBins} distinct training values:
     * the upper edges of {@code maxBins} quantile bins (null: the column is used as it is).
     */
    static double[][] binEdges(double[][] x, int maxBins) {
        int width = x.length == 0 ? 0 : x[0].length;
        double[][] edges = new double[width][];
        for (int j = 0; j < width; j++) {
            int col = j;
            double[] sorted = Arrays.stream(x).mapToDouble(r -> r[col]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] distinct = Arrays.stream(sorted).distinct().toArray();
            if (distinct.length <= maxBins) {
                continue;
            }
            double[] e = new double[maxBins];
            for (int b = 0; b < maxBins; b++) { // the value at each bin's upper quantile, so each edge is a real value
                e[b] = sorted[(int) Math.min(sorted.length - 1, Math.ceil((b + 1.0) * sorted.length / maxBins) - 1)];
            }
            edges[j] = Arrays.stream(e).distinct().toArray();
        }
        return edges;
    }

    /** {@code x} with each binned column's values snapped up to the nearest edge (the last edge above it). */
    static double[][] binned(double[][] x, double[][] edges) {
        if (Arrays.stream(edges).allMatch(e -> e == null)) {
            return x;
        }
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < edges.length; j++) {
                double[] e = edges[j];
                if (e != null && !Double.isNaN(out[i][j])) {
                    int k = Arrays.binarySearch(e, out[i][j]);
                    out[i][j] = e[Math.min(e.length - 1, k >= 0 ? k : -k - 1)];
                }
            }
        }
        return out;
    }

    /**
     * A fitted tree as arrays: node {@code k} splits on {@code feature[k]} ({@code -1}: a leaf whose outputs are
     * {@code value[k · outputs …]}).
     */
    private record Tree(int[] feature, double[] threshold, int[] lessEq, int[] greater, double[] value) {
        int leaf(double[] x) {
            int k = 0;
            while (feature[k] >= 0) {
                k = x[feature[k]] > threshold[k] ? greater[k] : lessEq[k];
            }
            return k;
        }

        static Tree of(Node<Regressor> root, int[] idToColumn, int outputs) {
            List<Node<Regressor>> nodes = new ArrayList<>();
            nodes.add(root);
            List<int[]> children = new ArrayList<>();
            for (int k = 0; k < nodes.size(); k++) {
                Node<Regressor> n = nodes.get(k);
                if (n instanceof SplitNode<Regressor> s) {
                    children.add(new int[] {nodes.size(), nodes.size() + 1});
                    nodes.add(s.getLessThanOrEqual());
                    nodes.add(s.getGreaterThan());
                } else {
                    children.add(null);
                }
            }
            int m = nodes.size();
            int[] feature = new int[m];
            double[] threshold = new double[m];
            int[] lessEq = new int[m];
            int[] greater = new int[m];
            double[] value = new double[m * outputs];
            for (int k = 0; k < m; k++) {
                if (nodes.get(k) instanceof SplitNode<Regressor> s) {
                    feature[k] = idToColumn[s.getFeatureID()];
                    threshold[k] = s.splitValue();
                    lessEq[k] = children.get(k)[0];
                    greater[k] = children.get(k)[1];
                } else {
                    feature[k] = -1;
                    double[] v = ((LeafNode<Regressor>) nodes.get(k)).getOutput().getValues();
                    System.arraycopy(v, 0, value, k * outputs, outputs);
                }
            }
            return new Tree(feature, threshold, lessEq, greater, value);
        }
    }

    /** Forest settings; defaults are scikit-learn's. */
    public static final class Builder {
        private int trees = 100;
        private double maxFeatures = 1.0;
        private int minSplit = 2;
        private int maxDepth = Integer.MAX_VALUE;
        private int sampleSize;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int maxBins = 255;

        private Builder() {}

        /** Number of trees (scikit-learn: {@code n_estimators=100}). */
        public Builder trees(int trees) {
            this.trees = trees;
            return this;
        }

        /** Fraction of the features each split may try ({@code max_features}; 1.0 = bagged trees). */
        public Builder maxFeatures(double maxFeatures) {
            this.maxFeatures = maxFeatures;
            return this;
        }

        /** Nodes with fewer rows become leaves ({@code min_samples_split}; Tribuo's {@code minChildWeight}). */
        public Builder minSplit(int minSplit) {
            this.minSplit = minSplit;
            return this;
        }

        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /** Rows drawn per tree (the ML course's {@code set_rf_samples}); default: as many as the data has. */
        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        /**
         * Candidate split values per feature: a column with more distinct values is first snapped to this many
         * quantile bins (scikit-learn's {@code HistGradientBoosting} default, 255). Tribuo's CART tries every
         * distinct value at every node, which on thousands of distinct daily numbers (Chicago ridership: 60 such
         * columns) made one 500-tree forest take over 15 minutes; the bins lose a split's last decimals only.
         */
        public Builder maxBins(int maxBins) {
            this.maxBins = Math.max(2, maxBins);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        /** Grows a regression forest on rows {@code x[row][feature]} with targets {@code y}. */
        public RandomForest fit(double[][] raw, double[] y) {
            Regressor[] targets = new Regressor[y.length];
            for (int i = 0; i < y.length; i++) {
                targets[i] = new Regressor("y", y[i]);
            }
            return grow(raw, targets, 1);
        }

        /**
         * Grows a classification forest on rows {@code x[row][feature]} with class codes {@code y} in
         * {@code 0 … classes − 1}; {@link RandomForest#predictProba} gives the class probabilities.
         */
        public RandomForest fitClassifier(double[][] raw, int[] y, int classes) {
            String[] names = new String[classes];
            for (int k = 0; k < classes; k++) {
                names[k] = String.format("c%06d", k); // Regressor sorts its dimensions by name: this keeps class order
            }
            Regressor[] targets = new Regressor[y.length];
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || y[i] >= classes) {
                    throw new IllegalArgumentException("class " + y[i] + " of row " + i + " is not in 0 … " + (classes - 1));
                }
                double[] hot = new double[classes];
                hot[y[i]] = 1;
                targets[i] = new Regressor(names, hot);
            }
            return grow(raw, targets, classes);
        }

        private RandomForest grow(double[][] raw, Regressor[] y, int outputs) {
            double[][] edges = binEdges(raw, maxBins);
            double[][] x = binned(raw, edges);
            int n = x.length;
            if (n == 0 || y.length != n) {
                throw new IllegalArgumentException(n + " rows but " + y.length + " targets");
            }
            int width = x[0].length;
            String[] names = new String[width];
            for (int j = 0; j < width; j++) {
                names[j] = String.format("f%06d", j);
            }
            RegressionFactory factory = new RegressionFactory();
            MutableDataset<Regressor> data =
                    new MutableDataset<>(new SimpleDataSourceProvenance("fastdjl rows", factory), factory);
            for (int i = 0; i < n; i++) {
                data.add(new ArrayExample<>(y[i], names, x[i]));
            }
            ImmutableFeatureMap features = data.getFeatureIDMap();
            ImmutableOutputInfo<Regressor> outputInfo = data.getOutputIDInfo();
            int[] idToColumn = new int[width];
            for (int j = 0; j < width; j++) {
                int id = features.getID(names[j]);
                if (id >= 0) {
                    idToColumn[id] = j;
                }
            }
            int rowsPerTree = sampleSize > 0 ? sampleSize : n;
            Tree[] out = new Tree[trees];
            boolean[][] inBag = new boolean[trees][];
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, trees));
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < trees; t++) {
                    int tree = t;
                    jobs.add(pool.submit(() -> {
                        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + tree);
                        int[] rows = new int[rowsPerTree];
                        boolean[] bag = new boolean[n];
                        for (int i = 0; i < rows.length; i++) {
                            rows[i] = rng.nextInt(n);
                            bag[rows[i]] = true;
                        }
                        var view = new DatasetView<>(data, rows, features, outputInfo, "bootstrap");
                        Node<Regressor> root;
                        if (outputs == 1) {
                            var cart = new CARTRegressionTrainer(maxDepth, minSplit, 0f, (float) maxFeatures, false,
                                    new MeanSquaredError(), rng.nextLong());
                            root = ((IndependentRegressionTreeModel) cart.train(view)).getRoots().values().iterator()
                                    .next();
                        } else {
                            var cart = new CARTJointRegressionTrainer(maxDepth, minSplit, 0f, (float) maxFeatures,
                                    false, new MeanSquaredError(), false, rng.nextLong());
                            TreeModel<Regressor> model = cart.train(view);
                            root = model.getRoot();
                        }
                        out[tree] = Tree.of(root, idToColumn, outputs);
                        inBag[tree] = bag;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("forest training interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a tree failed to train: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            double[][] oobSum = new double[n][outputs];
            int[] oobCount = new int[n];
            for (int t = 0; t < trees; t++) {
                for (int i = 0; i < n; i++) {
                    if (!inBag[t][i]) {
                        int leaf = out[t].leaf(x[i]);
                        for (int d = 0; d < outputs; d++) {
                            oobSum[i][d] += out[t].value[leaf * outputs + d];
                        }
                        oobCount[i]++;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < outputs; d++) {
                    oobSum[i][d] = oobCount[i] == 0 ? Double.NaN : oobSum[i][d] / oobCount[i];
                }
            }
            return new RandomForest(out, oobSum, edges, outputs, inBag);
        }
    }
}
