package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against cases worked out by hand. */
class FrechetDistanceTest {

    private static float[] sample(int n, int d, long seed, double[] shift) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian(); // correlated features: a non-diagonal covariance
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (common * (j + 1) * 0.5 + r.nextGaussian() * (1 + j % 3) + shift[j]);
            }
        }
        return x;
    }

    @Test
    void identicalFeatureSetsAreAtDistanceZero() {
        float[] x = sample(2000, 8, 1, new double[8]);
        FrechetDistance.Gaussian g = FrechetDistance.Gaussian.of(x, 2000, 8);
        // the trace term alone is ~2·Tr(C) ≈ 60: zero to 1e-9 of that is rounding
        assertEquals(0, FrechetDistance.distance(g, g), 1e-8);
    }

    @Test
    void aMeanShiftAddsItsSquaredLength() {
        double[] shift = {1, -2, 0.5, 0, 0, 3, 0, -1};
        float[] x = sample(2000, 8, 1, new double[8]);
        float[] y = sample(2000, 8, 1, shift); // the same draws, shifted: same covariance
        double expected = 0;
        for (double s : shift) {
            expected += s * s; // 16.25
        }
        double fd = FrechetDistance.distance(FrechetDistance.Gaussian.of(x, 2000, 8),
                FrechetDistance.Gaussian.of(y, 2000, 8));
        assertEquals(expected, fd, 1e-3); // float32 features: the shifted set's covariance differs by rounding only
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredStdDifferences() {
        // N(0, diag(1, 4)) vs N(0, diag(4, 9)): (1 - 2)² + (2 - 3)² = 2
        var p = new FrechetDistance.Gaussian(new double[2], new double[][] {{1, 0}, {0, 4}}, 100);
        var q = new FrechetDistance.Gaussian(new double[2], new double[][] {{4, 0}, {0, 9}}, 100);
        assertEquals(2, FrechetDistance.distance(p, q), 1e-12);
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoClosedForm() {
        // for 2×2 PSD M: Tr √M = √(Tr M + 2√det M); with M = C1^½ C2 C1^½: Tr M = Tr(C1 C2), det M = det C1 · det C2
        double[][] c1 = {{2, 1}, {1, 2}};
        double[][] c2 = {{1, 0}, {0, 3}};
        double trC1C2 = 2 * 1 + 1 * 0 + 1 * 0 + 2 * 3; // 8
        double detProduct = 3 * 3; // det C1 = 3, det C2 = 3
        double expected = 4 + 4 - 2 * Math.sqrt(trC1C2 + 2 * Math.sqrt(detProduct)) + 1 + 4; // means (0,0) vs (1,2)
        var p = new FrechetDistance.Gaussian(new double[] {0, 0}, c1, 100);
        var q = new FrechetDistance.Gaussian(new double[] {1, 2}, c2, 100);
        assertEquals(expected, FrechetDistance.distance(p, q), 1e-12);
    }

    @Test
    void covarianceIsUnbiasedAsNumpyCov() {
        // x = (0, 2, 4): mean 2, sum of squares 8, / (n - 1) = 4
        var g = FrechetDistance.Gaussian.of(new float[] {0, 2, 4}, 3, 1);
        assertEquals(2, g.mean()[0], 1e-12);
        assertEquals(4, g.cov()[0][0], 1e-12);
    }
}
