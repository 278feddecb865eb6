package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransposedConvTest {
    /** The definition: every input pixel scatters its kernel-weighted copy into the output, stride apart. */
    static float[] definition(float[] x, float[] w, int n, int cin, int h, int wd, int cout, int k, int s, int p,
            int op) {
        int oh = (h - 1) * s - 2 * p + k + op;
        int ow = (wd - 1) * s - 2 * p + k + op;
        float[] out = new float[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < cin; c++) {
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        float v = x[((b * cin + c) * h + iy) * wd + ix];
                        for (int o = 0; o < cout; o++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int y = iy * s - p + i;
                                    int xx = ix * s - p + j;
                                    if (y >= 0 && y < oh && xx >= 0 && xx < ow) {
                                        out[((b * cout + o) * oh + y) * ow + xx] += v * w[((c * cout + o) * k + i) * k + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void gradientsReachTheInputAndTheWeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 1, 2, 2));
            NDArray w = m.ones(new Shape(1, 1, 3, 3));
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(TransposedConv.apply(x, w, null, 2, 1).sum());
            }
            // stride 2, kernel 3, padding 1: a 3×3 output; each input pixel lands its kernel's in-range taps:
            // the top-left pixel its lower-right 2×2, so d(sum)/dx = 4 for every pixel (by symmetry)
            assertArrayEquals(new float[] {4, 4, 4, 4}, x.getGradient().toFloatArray(), 0);
            // the kernel's centre tap is used by all 4 pixels, its corners by 1, its edges by 2
            assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, w.getGradient().toFloatArray(), 0);
        }
    }

    @Test
    void oneOnePixelGivesTheKernel() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            NDArray out = TransposedConv.apply(m.create(new float[] {1}, new Shape(1, 1, 1, 1)),
                    m.create(k, new Shape(1, 1, 3, 3)), null, 2, 0);
            assertArrayEquals(k, out.toFloatArray(), 0);
        }
    }

    @Test
    void equalsTheDefinition() {
        Random r = new Random(7);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] c : new int[][] {{2, 3, 1, 0}, {2, 4, 1, 0}, {2, 3, 0, 0}, {1, 3, 1, 0}, {3, 4, 2, 0}, {2, 3, 1, 1},
                    {3, 3, 1, 2}}) {
                int s = c[0];
                int k = c[1];
                int p = c[2];
                int op = c[3];
                float[] x = new float[2 * 3 * 4 * 5];
                float[] w = new float[3 * 2 * k * k];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) r.nextGaussian();
                }
                NDArray out = TransposedConv.apply(m.create(x, new Shape(2, 3, 4, 5)), m.create(w, new Shape(3, 2, k,
                        k)), null, s, p, op);
                assertEquals(new Shape(2, 2, 3 * s - 2 * p + k + op, 4 * s - 2 * p + k + op), out.getShape());
                assertArrayEquals(definition(x, w, 2, 3, 4, 5, 2, k, s, p, op), out.toFloatArray(), 1e-4f,
                        "stride " + s + ", kernel " + k + ", padding " + p + ", output padding " + op);
            }
        }
    }

    @Test
    void theBlockDoublesTheSideWithKernel3Or4AndTakesItsInitFromPyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] c : new int[][] {{3, 1, 1}, {4, 1, 0}}) {
                TransposedConv t = new TransposedConv(4, 2, c[0], 2, c[1], c[2]);
                t.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4, 7, 7));
                NDArray y = t.forward(new ai.djl.training.ParameterStore(m, false),
                        new ai.djl.ndarray.NDList(m.ones(new Shape(1, 4, 7, 7))), false).head();
                assertEquals(new Shape(1, 2, 14, 14), y.getShape());
                assertEquals(y.getShape(), t.getOutputShapes(new Shape[] {new Shape(1, 4, 7, 7)})[0]);
                double bound = 1 / Math.sqrt(2.0 * c[0] * c[0]);
                NDArray w = t.getParameters().get("weight").getArray();
                assertEquals(true, w.abs().max().getFloat() <= bound && w.abs().max().getFloat() > bound / 2);
            }
        }
    }
}
