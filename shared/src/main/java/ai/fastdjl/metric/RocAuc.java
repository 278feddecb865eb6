package ai.fastdjl.metric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve: the probability that a random positive is scored above a random negative (ties count
 * half), computed from ranks (Mann–Whitney U). For more than two classes, scikit-learn's
 * {@code roc_auc_score(multi_class="ovr", average="macro")}: each class against the rest, averaged; for two classes
 * that is the usual AUC of the class-1 probability. It reads the whole ranking, not one threshold, so it tells
 * whether a model separates the classes even when accuracy is stuck at the majority class's share.
 */
public final class RocAuc {
    private RocAuc() {}

    /** AUC of {@code scores} for binary {@code positive} labels; NaN when one of the two groups is empty. */
    public static double binary(boolean[] positive, double[] scores) {
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        long pos = 0;
        for (int a = 0; a < n; ) {
            int b = a;
            while (b + 1 < n && scores[order[b + 1]] == scores[order[a]]) {
                b++;
            }
            double rank = (a + b) / 2.0 + 1; // tied scores share their mean rank
            for (int k = a; k <= b; k++) {
                if (positive[order[k]]) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            a = b + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Macro one-vs-rest AUC of class probabilities {@code p[row][class]} for labels {@code y}; classes absent from
     * {@code y} (or present in every row) are left out of the mean. */
    public static double oneVsRest(int[] y, double[][] p) {
        int classes = p.length == 0 ? 0 : p[0].length;
        if (classes == 2) {
            return binary(positives(y, 1), column(p, 1)); // class 0's AUC is the same ranking read backwards
        }
        double sum = 0;
        int used = 0;
        for (int k = 0; k < classes; k++) {
            double auc = binary(positives(y, k), column(p, k));
            if (!Double.isNaN(auc)) {
                sum += auc;
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    private static boolean[] positives(int[] y, int k) {
        boolean[] out = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] == k;
        }
        return out;
    }

    private static double[] column(double[][] p, int k) {
        return Arrays.stream(p).mapToDouble(r -> r[k]).toArray();
    }
}
