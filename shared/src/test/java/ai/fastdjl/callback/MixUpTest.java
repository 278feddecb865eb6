package ai.fastdjl.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixUpTest {
    @Test
    void mixesTwoKnownSamplesAndTheirTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            var x = m.create(new float[] {1, 1, 3, 3}, new Shape(2, 2));
            var y = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDList out = MixUp.mix(m, x, y, new float[] {0.7f, 0.6f}, new long[] {1, 0});
            // x0 = .7·1 + .3·3 = 1.6; x1 = .6·3 + .4·1 = 2.2
            assertArrayEquals(new float[] {1.6f, 1.6f, 2.2f, 2.2f}, out.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.7f, 0.3f, 0.4f, 0.6f}, out.get(1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void betaSamplesHaveTheBetaMeanAndVariance() {
        Random r = new Random(0);
        double a = 0.4;
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double b = MixUp.beta(r, a);
            sum += b;
            sq += b * b;
        }
        double mean = sum / n;
        // Beta(a, a): mean 1/2, variance 1 / (4(2a + 1)) = 0.13889 for a = 0.4
        assertEquals(0.5, mean, 0.005);
        assertEquals(1 / (4 * (2 * a + 1)), sq / n - mean * mean, 0.003);
    }
}
