package ai.fastdjl.forest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;

/**
 * The ML course's feature importance (Breiman's permutation importance): shuffle one input across the rows,
 * breaking its link to the target while keeping its distribution, and see how much worse the model gets. A
 * feature the model ignores costs nothing to shuffle; one it relies on costs a lot. Works for any
 * {@link Predictor}, on held-out rows.
 *
 * <p>A "feature" may be several columns (a learned embedding's dimensions): they are shuffled with the same
 * permutation, so each row keeps a real vector.
 */
public final class PermutationImportance {
    private PermutationImportance() {}

    /** How much the error rose when {@code feature} was shuffled (averaged over repeats). */
    public record Importance(String feature, double score) {}

    /**
     * @param error lower is better, e.g. RMSE: {@code (y, prediction) -> error}
     * @param groups feature name → its columns in {@code x}; {@link #columns} for one column per feature
     * @return the features, most important first
     */
    public static List<Importance> of(Predictor model, double[][] x, double[] y,
            ToDoubleBiFunction<double[], double[]> error, Map<String, int[]> groups, int repeats, long seed) {
        double base = error.applyAsDouble(y, model.predict(x));
        Random rng = new Random(seed);
        List<Importance> out = new ArrayList<>();
        for (Map.Entry<String, int[]> g : groups.entrySet()) {
            double sum = 0;
            for (int r = 0; r < repeats; r++) {
                double[][] shuffled = shuffle(x, g.getValue(), rng);
                sum += error.applyAsDouble(y, model.predict(shuffled)) - base;
            }
            out.add(new Importance(g.getKey(), sum / repeats));
        }
        out.sort(Comparator.comparingDouble(Importance::score).reversed());
        return out;
    }

    /** One feature per column, named {@code names.get(j)}. */
    public static Map<String, int[]> columns(List<String> names) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            m.put(names.get(j), new int[] {j});
        }
        return m;
    }

    /** A copy of {@code x} whose {@code cols} are permuted across rows (Fisher–Yates), together. */
    static double[][] shuffle(double[][] x, int[] cols, Random rng) {
        int n = x.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = x[i].clone();
            for (int c : cols) {
                out[i][c] = x[perm[i]][c];
            }
        }
        return out;
    }
}
