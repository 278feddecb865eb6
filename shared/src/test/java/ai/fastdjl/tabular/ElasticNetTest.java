package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElasticNetTest {
    /** y = 3 x₀ − 2 x₁ + 0 · x₂ + small noise, the three inputs independent. */
    private static double[][] x;
    private static double[] y;

    static {
        SplittableRandom r = new SplittableRandom(7);
        x = new double[400][3];
        y = new double[400];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.1 * r.nextGaussian();
        }
    }

    @Test
    void lassoZeroesTheIrrelevantCoefficient() {
        ElasticNet net = ElasticNet.of(x, y);
        ElasticNet.Fit f = net.path(1, new double[] {0.1})[0];
        assertEquals(0, f.beta()[2], "x₂ plays no part in y: a lasso of λ 0.1 sets its coefficient exactly to 0");
        // the soft threshold shrinks the true coefficients by about λ (standardised scale, sd ≈ 1)
        assertEquals(3 - 0.1, f.beta()[0], 0.15, "x₀'s coefficient, shrunk by λ");
        assertEquals(-2 + 0.1, f.beta()[1], 0.15, "x₁'s coefficient, shrunk by λ");
        assertEquals(1, f.zeros());
    }

    @Test
    void noPenaltyIsLeastSquaresAndLambdaMaxZeroesEverything() {
        ElasticNet net = ElasticNet.of(x, y);
        ElasticNet.Fit ls = net.path(1, new double[] {0})[0];
        double[] p = net.predict(ls, x);
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - p[i]) * (y[i] - p[i]);
        }
        assertEquals(0.1, Math.sqrt(sse / y.length), 0.02, "residual sd of least squares ≈ the noise's 0.1");
        ElasticNet.Fit top = net.path(1, new double[] {net.lambdaMax(1)})[0];
        assertEquals(3, top.zeros(), "at λmax every lasso coefficient is 0");
        ElasticNet.Fit below = net.path(1, new double[] {0.99 * net.lambdaMax(1)})[0];
        assertEquals(2, below.zeros(), "just below λmax exactly one coefficient enters");
    }

    @Test
    void ridgeSharesWeightBetweenTwinColumnsWhereLassoPicksOne() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] twins = new double[300][2];
        double[] t = new double[300];
        for (int i = 0; i < t.length; i++) {
            double z = r.nextGaussian();
            twins[i][0] = z;
            twins[i][1] = z + 0.01 * r.nextGaussian(); // correlation ≈ 0.99995
            t[i] = 2 * z + 0.1 * r.nextGaussian();
        }
        ElasticNet net = ElasticNet.of(twins, t);
        assertTrue(net.correlation(0, 1) > 0.999, "the generated pair is correlated: " + net.correlation(0, 1));
        double[] ridge = net.path(0, new double[] {1})[0].beta();
        assertEquals(ridge[0], ridge[1], 0.05, "ridge splits the weight between near-identical columns");
        assertEquals(2, ridge[0] + ridge[1], 1.1, "and their sum stays near the effect, shrunk by λ");
        ElasticNet.Fit lasso = net.path(1, new double[] {0.5})[0];
        assertEquals(1, lasso.zeros(), "the lasso keeps one of the twins and drops the other");
    }

    @Test
    void pathIsWarmStartedDownAGridAndConstantColumnsStayZero() {
        double[][] withConstant = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            withConstant[i] = new double[] {x[i][0], 5, x[i][1]};
        }
        ElasticNet net = ElasticNet.of(withConstant, y);
        double[] grid = ElasticNet.grid(net.lambdaMax(1), 1e-3, 20);
        assertEquals(net.lambdaMax(1), grid[0], 1e-12);
        assertEquals(net.lambdaMax(1) * 1e-3, grid[19], 1e-12);
        ElasticNet.Fit[] path = net.path(1, grid);
        int last = 3;
        for (ElasticNet.Fit f : path) {
            assertEquals(0, f.beta()[1], "a constant column carries nothing to fit");
            assertTrue(f.zeros() <= last, "coefficients only enter as λ falls here: " + f.zeros());
            last = f.zeros();
        }
        // standardised scale: the raw coefficient times its column's sample sd (1 ± 0.05 for 400 draws)
        assertArrayEquals(new double[] {3, 0, -2}, path[19].beta(), 0.15, "the smallest λ is near least squares");
        assertNotEquals(0, path[19].passes());
    }
}
