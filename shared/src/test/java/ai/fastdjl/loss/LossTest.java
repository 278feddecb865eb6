package ai.fastdjl.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LossTest {
    // logits (1, 2, 3): log-softmax = x - log(e + e^2 + e^3) = x - 3.40760596
    private static final double LSE = Math.log(Math.E + Math.exp(2) + Math.exp(3));

    @Test
    void crossEntropyWithClassIndicesMatchesTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 3, 2, 1}, new ai.djl.ndarray.types.Shape(2, 3));
            NDArray y = m.create(new long[] {0, 0});
            float[] per = new SoftTargetCrossEntropy().perSample(y, logits).toFloatArray();
            assertArrayEquals(new float[] {(float) (LSE - 1), (float) (LSE - 3)}, per, 1e-5f);
            float mean = new SoftTargetCrossEntropy().evaluate(new NDList(y), new NDList(logits)).getFloat();
            assertEquals((LSE - 1 + LSE - 3) / 2, mean, 1e-5);
        }
    }

    @Test
    void softTargetsWeightTheLogProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(1, 3));
            NDArray y = m.create(new float[] {0.25f, 0, 0.75f}, new ai.djl.ndarray.types.Shape(1, 3));
            double expected = 0.25 * (LSE - 1) + 0.75 * (LSE - 3);
            assertEquals(expected, new SoftTargetCrossEntropy().perSample(y, logits).getFloat(0), 1e-5);
        }
    }

    @Test
    void labelSmoothingOnAThreeClassLogitVector() {
        // eps = 0.1, target class 2: (1-eps)·(LSE-3) + eps·mean_c(LSE - x_c) = 0.9·0.40761 + 0.1·(LSE - 2)
        double expected = 0.9 * (LSE - 3) + 0.1 * ((LSE - 1) + (LSE - 2) + (LSE - 3)) / 3;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(1, 3));
            NDArray y = m.create(new long[] {2});
            assertEquals(0.5076059, expected, 1e-6); // worked by hand
            assertEquals(expected, new LabelSmoothingCrossEntropy(0.1).perSample(y, logits).getFloat(0), 1e-5);
        }
    }
}
