package ai.fastdjl.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class BahdanauAttentionTest {
    @Test
    void weightsSumToOneAndSkipPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            BahdanauAttention a = new BahdanauAttention(6, 4, 5);
            a.initialize(m, DataType.FLOAT32, new Shape(3, 7, 6), new Shape(3, 7), new Shape(3, 4));
            NDArray enc = m.randomNormal(new Shape(3, 7, 6));
            NDArray mask = m.create(new float[] {0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                    new Shape(3, 7));
            NDList out = a.forward(new ParameterStore(m, false), new NDList(enc, mask, m.randomNormal(new Shape(3,
                    4))), false);
            float[] w = out.get(1).toFloatArray();
            float[] mk = mask.toFloatArray();
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int s = 0; s < 7; s++) {
                    sum += w[r * 7 + s];
                    if (mk[r * 7 + s] == 0) {
                        assertEquals(0, w[r * 7 + s], 0, "padding got weight");
                    }
                }
                assertEquals(1, sum, 1e-5);
            }
            // the context is the weighted sum of the encoder outputs
            NDArray expect = out.get(1).expandDims(2).mul(enc).sum(new int[] {1});
            assertTrue(expect.sub(out.get(0)).abs().max().getFloat() < 1e-5);
        }
    }

    @Test
    void attendsToTheMatchingKey() {
        // Hand-made weights: W_e = W_h = 4·I, v = (1, -1). Source outputs e_0 = (1, -1), e_1 = (-1, 1);
        // query h = (1, -1): u_0 = tanh(8) - tanh(-8) ≈ 2, u_1 = v · tanh(0) = 0, so e_0 gets e²/(e²+1) ≈ 0.881.
        try (NDManager m = NDManager.newBaseManager()) {
            BahdanauAttention a = new BahdanauAttention(2, 2, 2);
            a.initialize(m, DataType.FLOAT32, new Shape(1, 2, 2), new Shape(1, 2), new Shape(1, 2));
            a.getParameters().get("w_enc").getArray().set(m.eye(2).mul(4).toFloatArray());
            a.getParameters().get("w_dec").getArray().set(m.eye(2).mul(4).toFloatArray());
            a.getParameters().get("v").getArray().set(new float[] {1, -1});
            NDArray enc = m.create(new float[] {1, -1, -1, 1}, new Shape(1, 2, 2));
            NDList out = a.forward(new ParameterStore(m, false), new NDList(enc, m.ones(new Shape(1, 2)),
                    m.create(new float[] {1, -1}, new Shape(1, 2))), false);
            double u0 = Math.tanh(8) - Math.tanh(-8);
            double expect = Math.exp(u0) / (Math.exp(u0) + 1);
            assertEquals(expect, out.get(1).toFloatArray()[0], 1e-5);
            assertEquals(2 * expect - 1, out.get(0).toFloatArray()[0], 1e-5);
        }
    }
}
