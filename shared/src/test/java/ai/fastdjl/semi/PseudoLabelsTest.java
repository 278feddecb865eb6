package ai.fastdjl.semi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PseudoLabelsTest {
    @Test
    void keepsOnlyConfidentPredictionsWithTheirClass() {
        float[][] probs = {{0.95f, 0.05f}, {0.6f, 0.4f}, {0.1f, 0.9f}, {0.89f, 0.11f}};
        PseudoLabels.Selection s = PseudoLabels.confident(probs, 0.9);
        assertArrayEquals(new int[] {0, 2}, s.indices());
        assertArrayEquals(new int[] {0, 1}, s.labels());
    }

    @Test
    void mixesTheRequestedShareOfPseudoLabels() {
        int[] idx = PseudoLabels.mix(100, 40, 0.25, 1000, new Random(1));
        long pseudo = Arrays.stream(idx).filter(i -> i >= 100).count();
        assertEquals(250, pseudo);
        assertEquals(true, Arrays.stream(idx).allMatch(i -> i >= 0 && i < 140));
        // shuffled: the first quarter is not all pseudo-labels
        assertEquals(true, Arrays.stream(idx, 0, 250).anyMatch(i -> i < 100));
    }

    @Test
    void trainingSetPairsEachImageWithItsLabelOrPseudoLabel() {
        try (NDManager base = NDManager.newBaseManager(); NDManager in = base.newSubManager();
                NDManager m = base.newSubManager()) {
            // image value = 10 * its label for labelled rows (labels 0, 1), 100 + index for unlabelled ones
            NDArray xLab = in.create(new float[] {0, 10}).reshape(2, 1);
            NDArray yLab = in.create(new long[] {0, 1});
            NDArray xUnl = in.create(new float[] {100, 101, 102}).reshape(3, 1);
            int inputArrays = ((BaseNDManager) in).getManagedArrays().size();
            PseudoLabels.Selection sel = new PseudoLabels.Selection(new int[] {0, 2}, new int[] {7, 9});
            NDList xy = PseudoLabels.trainingSet(xLab, yLab, xUnl, sel, 0.5, 400, new Random(3), m);
            // a round's arrays, intermediates included, go with the round's manager, not with the inputs'
            assertEquals(inputArrays, ((BaseNDManager) in).getManagedArrays().size());
            float[] x = xy.get(0).toFloatArray();
            long[] y = xy.get(1).toLongArray();
            assertEquals(400, x.length);
            int pseudo = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] >= 100) {
                    pseudo++;
                    assertEquals(x[i] == 100 ? 7 : 9, y[i], "pseudo-labelled image " + x[i]);
                    assertEquals(true, x[i] != 101, "image 101 was not selected");
                } else {
                    assertEquals(x[i] / 10, y[i], "labelled image " + x[i]);
                }
            }
            assertEquals(200, pseudo);
        }
    }
}
