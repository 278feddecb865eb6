package ai.fastdjl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class WeightedCrossEntropyTest {
    private static final float LN3 = (float) Math.log(3);

    @Test
    void imagesAndPixelsAgreeWithTheHandValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            // logits (0, ln 3): p = (1/4, 3/4); sample 0 is class 1 (−ln 3/4), sample 1 class 0 (−ln 1/4)
            NDList logits = new NDList(m.create(new float[] {0, LN3, 0, LN3}, new Shape(2, 2)));
            NDList y = new NDList(m.create(new int[] {1, 0}));
            double a = -Math.log(0.75);
            double b = -Math.log(0.25);
            assertEquals((a + b) / 2, new WeightedCrossEntropy().evaluate(y, logits).getFloat(), 1e-5);
            // PyTorch's weighted mean: (w1·a + w0·b) / (w1 + w0) with w = (1, 3)
            assertEquals((3 * a + b) / 4, new WeightedCrossEntropy(new float[] {1, 3}).evaluate(y, logits).getFloat(),
                    1e-5);
            // the same two samples as the two pixels of one 1×2 image: classes on axis 1
            NDList pixels = new NDList(m.create(new float[] {0, 0, LN3, LN3}, new Shape(1, 2, 1, 2)));
            NDList mask = new NDList(m.create(new int[] {1, 0}, new Shape(1, 1, 2)));
            assertEquals((3 * a + b) / 4, new WeightedCrossEntropy(new float[] {1, 3}).evaluate(mask, pixels)
                    .getFloat(), 1e-5);
        }
    }
}
