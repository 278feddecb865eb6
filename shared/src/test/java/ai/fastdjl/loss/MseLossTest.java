package ai.fastdjl.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.fastdjl.nd.GcChurn;
import org.junit.jupiter.api.Test;

class MseLossTest {
    /**
     * Predictions (1, 2, 3) as a column, targets (1.5, 2, 2) flat: MSE = (0.25 + 0 + 1) / 3 and its gradient
     * 2(p - t)/3 = (-1/3, 0, 2/3), unchanged by a garbage collection before backward.
     */
    @Test
    void isTheMeanSquaredErrorOfFlattenedTargetsWithItsGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {1, 2, 3}, new Shape(3, 1));
            pred.setRequiresGradient(true);
            NDArray target = m.create(new float[] {1.5f, 2, 2});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = new MseLoss().evaluate(new NDList(target), new NDList(pred));
                assertEquals(1.25 / 3, loss.getFloat(), 1e-6);
                GcChurn.run(m);
                gc.backward(loss);
            }
            assertArrayEquals(new float[] {-1f / 3, 0, 2f / 3}, pred.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
