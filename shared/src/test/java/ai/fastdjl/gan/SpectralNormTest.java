package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SpectralNormTest {
    @Test
    void powerIterationFindsTheLargestSingularValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            // [[1, 2], [3, 4]]: WᵀW = [[10, 14], [14, 20]], eigenvalues 15 ± sqrt(221); σ1 = sqrt(15 + sqrt(221))
            NDArray w = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            double expect = Math.sqrt(15 + Math.sqrt(221));
            SpectralNorm sn = new SpectralNorm(new double[] {1, 0});
            assertEquals(expect, sn.sigma(w, 20), 1e-5);
            // u persists: one more step from there stays put
            assertEquals(expect, sn.sigma(w, 1), 1e-5);
            // a conv weight [out, in, k, k] is read as [out, in·k·k]; the normalised weight has σ = 1
            NDArray conv = m.create(new float[] {2, 0, 0, 0, 0, 0, 0, 1}, new Shape(2, 1, 2, 2));
            SpectralNorm c = new SpectralNorm(new double[] {0.3, 0.7});
            assertEquals(2, c.sigma(conv, 10), 1e-6);
            NDArray unit = c.normalised(conv, 5);
            assertEquals(1, new SpectralNorm(new double[] {1, 1}).sigma(unit, 20), 1e-5);
        }
    }
}
