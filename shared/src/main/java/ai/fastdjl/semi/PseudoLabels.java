package ai.fastdjl.semi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.nd.Rows;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * One round's training arrays: the labelled images {@code xLab}/{@code yLab} and the selected unlabelled images of
     * {@code xUnl} with their pseudo-labels, laid out as the stream of {@link #mix} ({@code total} samples, a share
     * {@code pseudoShare} of them pseudo-labelled), so a loader that reads them in order keeps that share per batch.
     *
     * @param yLab int64 labels
     * @return {@code {images, int64 labels}}, attached to {@code m}, as are the intermediate arrays (PyTorch ops put
     *     their results in the first operand's manager, here the inputs', which would keep them until it closes)
     */
    public static NDList trainingSet(NDArray xLab, NDArray yLab, NDArray xUnl, Selection sel, double pseudoShare,
            int total, Random r, NDManager m) {
        NDArray picked = xUnl.get(m.create(sel.indices()));
        NDArray xAll = xLab.concat(picked, 0);
        NDArray yAll = yLab.concat(m.create(Arrays.stream(sel.labels()).asLongStream().toArray()), 0);
        NDArray idx = m.create(mix((int) xLab.getShape().get(0), sel.size(), pseudoShare, total, r));
        NDArray xOut = xAll.get(idx);
        NDArray yOut = yAll.get(idx);
        new NDList(picked, xAll, yAll, xOut, yOut).attach(m);
        return new NDList(xOut, yOut);
    }

    /** Softmax outputs of {@code learn} on {@code x} (samples along axis 0) in batches of {@code bs}, row per sample. */
    public static float[][] probabilities(Learner learn, NDArray x, int bs, NDManager m) {
        try (NDManager scratch = m.newSubManager()) {
            NDArray y = scratch.zeros(new Shape(x.getShape().get(0)), DataType.INT64); // getPreds wants labels
            return Rows.of(learn.getPreds(DataLoaders.arrays(x, y, bs, false, false), scratch).output().softmax(-1));
        }
    }
}
