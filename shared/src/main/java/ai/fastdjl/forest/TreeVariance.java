package ai.fastdjl.forest;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The ML course's confidence from a forest: the standard deviation of its trees' predictions for one row. Trees
 * agree on rows like many they were grown on and disagree on unusual ones, so a large spread flags a prediction
 * to trust less (the course groups it by category to find the rare, uncertain ones).
 */
public final class TreeVariance {
    private TreeVariance() {}

    /** Per row: the forest's prediction (the trees' mean) and the trees' standard deviation. */
    public record Confidence(double[] mean, double[] std) {}

    public static Confidence of(RandomForest forest, double[][] x) {
        double[][] t = forest.perTree(x);
        int n = x.length;
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (double[] tree : t) {
                s += tree[i];
            }
            mean[i] = s / t.length;
            double ss = 0;
            for (double[] tree : t) {
                ss += (tree[i] - mean[i]) * (tree[i] - mean[i]);
            }
            std[i] = Math.sqrt(ss / t.length); // numpy's np.std (ddof=0), as the course computes it
        }
        return new Confidence(mean, std);
    }

    /**
     * Assigns each row to one of {@code k} equal-count bins by {@code std}, lowest spread in bin 0: to check that
     * rows the trees disagree on are the ones predicted worst.
     */
    public static int[] bins(double[] std, int k) {
        Integer[] order = new Integer[std.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> std[i]));
        int[] bin = new int[std.length];
        for (int r = 0; r < order.length; r++) {
            bin[order[r]] = (int) ((long) r * k / order.length);
        }
        return bin;
    }
}
