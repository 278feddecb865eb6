package ai.fastdjl.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class GruLayerTest {
    static final int IN = 3;
    static final int H = 2;

    /** One GRU step by the definition (PyTorch's gate order r, z, n), in doubles. */
    static double[] step(float[] wIh, float[] wHh, float[] bIh, float[] bHh, float[] x, double[] h) {
        double[][] gi = new double[3][H];
        double[][] gh = new double[3][H];
        for (int g = 0; g < 3; g++) {
            for (int j = 0; j < H; j++) {
                int row = g * H + j;
                gi[g][j] = bIh[row];
                gh[g][j] = bHh[row];
                for (int k = 0; k < IN; k++) {
                    gi[g][j] += wIh[row * IN + k] * x[k];
                }
                for (int k = 0; k < H; k++) {
                    gh[g][j] += wHh[row * H + k] * h[k];
                }
            }
        }
        double[] out = new double[H];
        for (int j = 0; j < H; j++) {
            double r = 1 / (1 + Math.exp(-(gi[0][j] + gh[0][j])));
            double z = 1 / (1 + Math.exp(-(gi[1][j] + gh[1][j])));
            double n = Math.tanh(gi[2][j] + r * gh[2][j]);
            out[j] = (1 - z) * n + z * h[j];
        }
        return out;
    }

    private static float[] p(GruLayer g, String name) {
        return g.getParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void bothDirectionsFollowTheDefinition() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            GruLayer g = new GruLayer(IN, H, true);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 2, IN));
            float[] x = {0.5f, -1f, 2f, 1f, 0.25f, -0.5f}; // two time steps
            double[] h0 = {0.3, -0.2};
            NDArray h0Both = m.create(new float[] {0.3f, -0.2f, 0.3f, -0.2f}, new Shape(2, 1, H));
            NDList out = g.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, 2, IN)),
                    h0Both), false);
            assertEquals(new Shape(1, 2, 2 * H), out.get(0).getShape());
            float[] o = out.get(0).toFloatArray();
            // forward direction: x0 then x1
            double[] f1 = step(p(g, "weight_ih"), p(g, "weight_hh"), p(g, "bias_ih"), p(g, "bias_hh"),
                    new float[] {x[0], x[1], x[2]}, h0);
            double[] f2 = step(p(g, "weight_ih"), p(g, "weight_hh"), p(g, "bias_ih"), p(g, "bias_hh"),
                    new float[] {x[3], x[4], x[5]}, f1);
            // reverse direction: x1 first, its output sits at time step 1
            double[] b1 = step(p(g, "weight_ih_reverse"), p(g, "weight_hh_reverse"), p(g, "bias_ih_reverse"),
                    p(g, "bias_hh_reverse"), new float[] {x[3], x[4], x[5]}, h0);
            for (int j = 0; j < H; j++) {
                assertEquals(f1[j], o[j], 1e-5);
                assertEquals(f2[j], o[2 * H + j], 1e-5);
                assertEquals(b1[j], o[2 * H + H + j], 1e-5);
            }
            float[] hn = out.get(1).toFloatArray();
            assertEquals(f2[0], hn[0], 1e-5);
        }
    }
}
