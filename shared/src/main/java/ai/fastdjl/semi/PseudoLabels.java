package ai.fastdjl.semi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pseudo-labelling (Lee 2013; the 2017 course: "pretend the predictions on unlabelled data are correct, train
 * again, repeat"): keep the predictions the model is confident about as labels, and mix them into training batches
 * at a fixed share, so the few true labels still dominate every step.
 */
public final class PseudoLabels {
    private PseudoLabels() {}

    /** The unlabelled samples whose top probability is at least {@code threshold}, with that class. */
    public record Selection(int[] indices, int[] labels) {
        public int size() {
            return indices.length;
        }
    }

    /** Selects confident predictions from class probabilities {@code probs[i][c]}. */
    public static Selection confident(float[][] probs, double threshold) {
        List<int[]> keep = new ArrayList<>();
        for (int i = 0; i < probs.length; i++) {
            int best = 0;
            for (int c = 1; c < probs[i].length; c++) {
                if (probs[i][c] > probs[i][best]) {
                    best = c;
                }
            }
            if (probs[i][best] >= (float) threshold) { // compare in float: 0.9f is below the double 0.9
                keep.add(new int[] {i, best});
            }
        }
        return new Selection(keep.stream().mapToInt(k -> k[0]).toArray(), keep.stream().mapToInt(k -> k[1]).toArray());
    }

    /**
     * Indices of one round's training stream of {@code total} samples: a share {@code pseudoShare} drawn from the
     * pseudo-labelled pool, the rest from the labelled set (both with replacement), shuffled together, so every
     * batch holds about that share of pseudo-labels. Labelled samples are {@code 0..nLabelled-1}; pseudo-labelled
     * ones are returned as {@code nLabelled + j} for the {@code j}-th selected sample.
     */
    public static int[] mix(int nLabelled, int nPseudo, double pseudoShare, int total, Random r) {
        int fromPseudo = nPseudo == 0 ? 0 : (int) Math.round(total * pseudoShare);
        int[] out = new int[total];
        for (int i = 0; i < total; i++) {
            out[i] = i < fromPseudo ? nLabelled + r.nextInt(nPseudo) : r.nextInt(nLabelled);
        }
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** Softmax outputs of {@code learn} on {@code x} (samples along axis 0) in batches of {@code bs}, row per sample. */
    public static float[][] probabilities(Learner learn, NDArray x, int bs, NDManager m) {
        try (NDManager scratch = m.newSubManager()) {
            NDArray y = scratch.zeros(new Shape(x.getShape().get(0)), DataType.INT64); // getPreds wants labels
            NDArray p = learn.getPreds(DataLoaders.arrays(x, y, bs, false, false), scratch).output().softmax(-1);
            int n = (int) p.getShape().get(0);
            int k = (int) p.getShape().get(1);
            float[] flat = p.toFloatArray();
            float[][] out = new float[n][k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * k, out[i], 0, k);
            }
            return out;
        }
    }
}
