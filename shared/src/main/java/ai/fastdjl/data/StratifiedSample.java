package ai.fastdjl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** A smaller copy of a labelled set: a sample that keeps each class's share (fastai's stratified splits). */
public final class StratifiedSample {
    private StratifiedSample() {}

    /**
     * {@code n} indices (sorted) drawn without replacement so that each class keeps its share of {@code labels}
     * (largest remainders get the rounding), in a seeded random order within each class: {@code --limit} then
     * gives a smaller copy of the task, not its first rows (which may be sorted by label or product).
     */
    public static int[] indices(int[] labels, int n, long seed) {
        if (n >= labels.length) {
            return IntStream.range(0, labels.length).toArray();
        }
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        int[] take = new int[k];
        double[] rest = new double[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            Collections.shuffle(byClass.get(c), random);
            double share = (double) n * byClass.get(c).size() / labels.length;
            take[c] = (int) share;
            rest[c] = share - take[c];
            given += take[c];
        }
        while (given < n) { // the classes with the largest remainders get the rest, one each
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = rest[c] > rest[best] ? c : best;
            }
            take[best]++;
            rest[best] = -1;
            given++;
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            out.addAll(byClass.get(c).subList(0, take[c]));
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
