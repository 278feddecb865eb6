package ai.fastdjl.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each operation's gradient survives a garbage collection between forward and backward (what DJL's
 * {@code NDArray.mul(Number)} and friends do not: measured 1e30 or 2e-19 for the gradient of {@code 3x} after
 * {@link GcChurn}).
 */
class ScalarsTest {
    private static final float[] X = {-2f, 0.5f, 1f, 4f};

    @Test
    void mulDivPowKeepTheirGradientAcrossAGarbageCollection() {
        assertGradient(x -> Scalars.mul(x, 3), new float[] {3, 3, 3, 3});
        assertGradient(x -> Scalars.div(x, 4), new float[] {0.25f, 0.25f, 0.25f, 0.25f});
        // d/dx x² = 2x
        assertGradient(x -> Scalars.pow(x, 2), new float[] {-4f, 1f, 2f, 8f});
    }

    @Test
    void maximumAndMinimumRouteTheGradientByTheNumber() {
        assertGradient(x -> Scalars.maximum(x, 0.75), new float[] {0, 0, 1, 1});
        assertGradient(x -> Scalars.minimum(x, 0.75), new float[] {1, 1, 0, 0});
    }

    @Test
    void theNumberTakesTheArraysType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            assertEquals(DataType.FLOAT32, Scalars.mul(x, 0.1).getDataType());
            assertArrayEquals(new float[] {-0.2f, 0.05f, 0.1f, 0.4f}, Scalars.mul(x, 0.1).toFloatArray(), 1e-7f);
        }
    }

    private static void assertGradient(UnaryOperator<NDArray> f, float[] want) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                GcChurn.run(m);
                gc.backward(y);
            }
            assertArrayEquals(want, x.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
