package ai.fastdjl.style;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** L-BFGS on functions whose minimum is known. */
class LbfgsTest {
    private static int evaluations;

    @Test
    void rosenbrockFromTheClassicStart() {
        evaluations = 0;
        Lbfgs.Objective rosen = (x, g) -> {
            evaluations++;
            double a = x[0];
            double b = x[1];
            g[0] = (float) (-2 * (1 - a) - 400 * a * (b - a * a));
            g[1] = (float) (200 * (b - a * a));
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
        };
        float[] x = new Lbfgs(10).minimize(rosen, new float[] {-1.2f, 1f}, 300, p -> {});
        assertEquals(1, x[0], 2e-3);
        assertEquals(1, x[1], 4e-3);
    }

    @Test
    void illConditionedQuadraticInFewEvaluations() {
        int n = 100;
        // f = Σ c_i (x_i - 1)², c_i from 1 to 100: steepest descent would need hundreds of steps
        Lbfgs.Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                double c = 1 + 99.0 * i / (n - 1);
                v += c * (x[i] - 1) * (x[i] - 1);
                g[i] = (float) (2 * c * (x[i] - 1));
            }
            return v;
        };
        float[] x = new Lbfgs(10).minimize(f, new float[n], 80, p -> {});
        for (float xi : x) {
            assertEquals(1, xi, 1e-3);
        }
    }

    @Test
    void theProjectionKeepsTheBox() {
        // min (x - 2)² over [0, 1] is at the bound 1
        float[] x = new Lbfgs(5).minimize((p, g) -> {
            g[0] = 2 * (p[0] - 2);
            return (p[0] - 2) * (p[0] - 2);
        }, new float[] {0.2f}, 30, p -> p[0] = Math.min(Math.max(p[0], 0), 1));
        assertEquals(1, x[0], 1e-6);
    }
}
