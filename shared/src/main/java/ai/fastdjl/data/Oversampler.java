package ai.fastdjl.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Oversampling a rare class, the course's remedy for unbalanced data ("just make copies of the rare class"; Buda,
 * Maki and Mazurowski 2018 found oversampling to the majority's count the most dependable fix for CNNs): every
 * sample of a class is repeated until the class is about as frequent as the largest one. Whole copies first, then a
 * spread-out remainder, so no sample is copied twice more than another.
 */
public final class Oversampler {
    private Oversampler() {}

    /** Indices into {@code labels} (classes 0 … {@code classes − 1}) with each class repeated up to the largest's count. */
    public static int[] balanced(int[] labels, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int most = byClass.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> out = new ArrayList<>();
        for (List<Integer> members : byClass) {
            int n = members.size();
            if (n == 0) {
                continue; // nothing to copy
            }
            for (int k = 0; k < most; k++) {
                // k·n/most … spreads the partial last round evenly over the class's samples
                out.add(members.get(k < most / n * n ? k % n : (int) ((long) (k - most / n * n) * n / (most % n))));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Inverse-frequency class weights, scaled so the samples' mean weight is 1 (scikit-learn's "balanced"). */
    public static float[] inverseFrequency(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        float[] w = new float[classes];
        int present = 0;
        for (int c = 0; c < classes; c++) {
            present += counts[c] > 0 ? 1 : 0;
        }
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0 : (float) labels.length / (present * counts[c]);
        }
        return w;
    }
}
