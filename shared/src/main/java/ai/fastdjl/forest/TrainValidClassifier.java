package ai.fastdjl.forest;

import ai.fastdjl.metric.RocAuc;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ML course's check for a validation set that differs from the training set: label training rows 0 and
 * validation rows 1, and see whether a random forest can tell them apart. If it can (AUC well above 0.5), the
 * features it uses most are time-dependent (dates, counters, ids that grow) or leak the split, and a model
 * relying on them may not carry over to the validation period; the course drops such features one at a time and
 * checks that the validation score holds.
 *
 * <p>Rows are split in two halves (stratified); the forest is fitted on one and scored on the other, and
 * importance is the AUC lost when a feature is shuffled on the held-out half ({@link PermutationImportance}).
 * At most {@link #MAX_ROWS} rows are drawn from each side, so large tables stay quick.
 */
public final class TrainValidClassifier {
    /** Rows sampled from each of the training and validation sets. */
    public static final int MAX_ROWS = 10_000;

    private TrainValidClassifier() {}

    /**
     * @param auc the held-out ROC AUC (0.5: indistinguishable, 1: perfectly separable)
     * @param accuracy held-out accuracy at probability 0.5
     * @param baseRate accuracy of always answering the larger side
     * @param importance features by AUC lost when shuffled, largest first
     */
    public record Result(double auc, double accuracy, double baseRate, List<PermutationImportance.Importance> importance) {}

    public static Result of(double[][] train, double[][] valid, List<String> names, int trees, long seed) {
        Random rng = new Random(seed);
        int[] a = sample(train.length, rng);
        int[] b = sample(valid.length, rng);
        List<double[]> fitX = new ArrayList<>();
        List<Double> fitY = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<Double> testY = new ArrayList<>();
        for (int k = 0; k < a.length; k++) {
            (k % 2 == 0 ? fitX : testX).add(train[a[k]]);
            (k % 2 == 0 ? fitY : testY).add(0.0);
        }
        for (int k = 0; k < b.length; k++) {
            (k % 2 == 0 ? fitX : testX).add(valid[b[k]]);
            (k % 2 == 0 ? fitY : testY).add(1.0);
        }
        // the ML course's classifier: min_samples_leaf=3 (about a split size of 6), max_features=0.5
        RandomForest rf = RandomForest.builder().trees(trees).maxFeatures(0.5).minSplit(6).seed(seed)
                .fit(fitX.toArray(double[][]::new), fitY.stream().mapToDouble(Double::doubleValue).toArray());
        double[][] tx = testX.toArray(double[][]::new);
        double[] ty = testY.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = rf.predict(tx);
        int correct = 0;
        int ones = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] > 0.5) == (ty[i] > 0.5) ? 1 : 0;
            ones += ty[i] > 0.5 ? 1 : 0;
        }
        List<PermutationImportance.Importance> imp = PermutationImportance.of(rf, tx, ty,
                (y, q) -> 1 - auc(y, q), PermutationImportance.columns(names), 1, seed);
        return new Result(auc(ty, p), (double) correct / p.length,
                Math.max(ones, p.length - ones) / (double) p.length, imp);
    }

    /** Up to {@link #MAX_ROWS} distinct row indices in random order. */
    private static int[] sample(int n, Random rng) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, rng);
        return idx.subList(0, Math.min(n, MAX_ROWS)).stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * ROC AUC of scores {@code p} for 0/1 labels {@code y}: the probability that a random positive scores above
     * a random negative (Mann–Whitney, ties counted half).
     */
    public static double auc(double[] y, double[] p) {
        boolean[] positive = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            positive[i] = y[i] > 0.5;
        }
        return RocAuc.binary(positive, p);
    }

    /** The names of the top {@code k} features. */
    public static List<String> top(Result r, int k) {
        return r.importance().stream().limit(k).map(PermutationImportance.Importance::feature).toList();
    }
}
