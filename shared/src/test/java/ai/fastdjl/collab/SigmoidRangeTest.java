package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SigmoidRangeTest {
    @Test
    void mapsToTheOpenRangeWithTheMidpointAtZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {-10, -2, 0, 2, 10};
            float[] y = SigmoidRange.apply(m.create(x), 0, 5.5f).toFloatArray();
            for (int k = 0; k < x.length; k++) {
                assertEquals(5.5 / (1 + Math.exp(-x[k])), y[k], 1e-5, "x = " + x[k]);
                assertTrue(y[k] > 0 && y[k] < 5.5, "outside (0, 5.5): " + y[k]);
            }
            assertEquals(2.75f, y[2], 1e-6f);
            assertEquals(5.5f, y[4], 1e-3f); // near the bound only far out
            float[] shifted = SigmoidRange.apply(m.create(new float[] {0, 1}), -2, 4).toFloatArray();
            assertArrayEquals(new float[] {1, (float) (-2 + 6 / (1 + Math.exp(-1)))}, shifted, 1e-5f);
            NDList out = SigmoidRange.block(-2, 4).forward(new ParameterStore(m, false),
                    new NDList(m.create(new float[] {0, 1})), false);
            assertArrayEquals(shifted, out.head().toFloatArray(), 0f);
        }
    }

    @Test
    void theCoursesRangeForRatings() {
        assertArrayEquals(new float[] {0, 5.5f}, SigmoidRange.forRatings(0.5f, 5), 1e-6f); // fastbook's (0, 5.5)
        assertArrayEquals(new float[] {0, 5.5f}, SigmoidRange.forRatings(1, 5), 1e-6f);
        assertArrayEquals(new float[] {0, 11}, SigmoidRange.forRatings(1, 10), 1e-6f);
        assertArrayEquals(new float[] {-0.5f, 5.5f}, SigmoidRange.forRatings(0, 5), 1e-6f); // 0 itself reachable
        assertArrayEquals(new float[] {-12, 12}, SigmoidRange.forRatings(-10, 10), 1e-5f);
        // all ratings negative: the top goes above the highest rating, not below it
        assertArrayEquals(new float[] {-5.4f, -0.6f}, SigmoidRange.forRatings(-5, -1), 1e-6f);
        assertArrayEquals(new float[] {-1.1f, 0.1f}, SigmoidRange.forRatings(-1, 0), 1e-6f);
    }

    @Test
    void theRangeAlwaysHoldsEveryRatingStrictly() {
        Random r = new Random(0);
        for (int k = 0; k < 10_000; k++) {
            float a = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2));
            float b = a + (float) Math.abs(r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2)) + 1e-3f;
            float[] range = SigmoidRange.forRatings(a, b);
            assertTrue(range[0] < a && range[1] > b, a + " … " + b + " → " + range[0] + " … " + range[1]);
        }
    }

    @Test
    void equalRatingsLeaveNoRange() {
        assertThrows(IllegalArgumentException.class, () -> SigmoidRange.forRatings(3, 3));
        assertThrows(IllegalArgumentException.class, () -> SigmoidRange.forRatings(5, 1));
    }
}
