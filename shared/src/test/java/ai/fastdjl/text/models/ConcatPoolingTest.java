package ai.fastdjl.text.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ConcatPoolingTest {
    @Test
    void lastMaxAndMeanIgnoreThePadding() {
        int pad = 1;
        try (NDManager m = NDManager.newBaseManager()) {
            // text 0: 3 real tokens; text 1: 2 real tokens then padding, whose outputs must not count
            NDArray tokens = m.create(new long[] {5, 6, 7, 8, 9, pad}, new Shape(2, 3));
            NDArray out = m.create(new float[] {
                    0.1f, -0.5f, 0.3f, -0.2f, -0.4f, 0.6f, // text 0: steps 1, 2, 3 (2 features)
                    -0.3f, -0.9f, -0.7f, -0.8f, 0.9f, 0.95f}, // text 1: steps 1, 2, then padding
                    new Shape(2, 3, 2));
            NDArray pooled = ConcatPooling.pool(out, tokens, pad);
            assertEquals(new Shape(2, 6), pooled.getShape());
            assertArrayEquals(new float[] {
                    -0.4f, 0.6f, 0.3f, 0.6f, 0.0f, -0.1f / 3, // last (step 3), max, mean
                    -0.7f, -0.8f, -0.3f, -0.8f, -0.5f, -0.85f}, // last is step 2, max and mean skip the padding
                    pooled.toFloatArray(), 1e-6f);
        }
    }
}
