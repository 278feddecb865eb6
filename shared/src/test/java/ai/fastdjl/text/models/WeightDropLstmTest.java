package ai.fastdjl.text.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** DropConnect on the hidden-to-hidden weights (AWD-LSTM's weight dropout) and the variational dropouts. */
class WeightDropLstmTest {

    @Test
    void hiddenToHiddenWeightsAreDroppedOnlyWhileTraining() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            WeightDropLstm rnn = new WeightDropLstm(3, 50, 0.4f);
            NDArray raw = m.randomUniform(0.5f, 1f, new Shape(200, 50)); // no zeros of its own
            NDArray dropped = rnn.effectiveHiddenWeights(raw, true, raw);
            float[] r = raw.toFloatArray();
            float[] d = dropped.toFloatArray();
            int zeros = 0;
            for (int i = 0; i < r.length; i++) {
                if (d[i] == 0) {
                    zeros++;
                } else {
                    assertEquals(r[i] / 0.6f, d[i], 1e-5, "kept weights are scaled by 1/(1-p)");
                }
            }
            assertEquals(0.4, (double) zeros / r.length, 0.03); // 10,000 entries: std 0.005
            assertSame(raw, rnn.effectiveHiddenWeights(raw, false, raw), "evaluation uses the raw matrix");
        }
    }

    @Test
    void inputWeightsAreNeverDropped() {
        // with a zero initial state, W_hh · h0 = 0: a one-step sequence's output depends on W_ih and the biases only,
        // so training (dropout on) and evaluation must agree exactly; over two steps W_hh matters and they differ
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            WeightDropLstm rnn = new WeightDropLstm(4, 8, 0.9f);
            Shape state = new Shape(1, 2, 8);
            rnn.initialize(m, DataType.FLOAT32, new Shape(2, 2, 4), state, state);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 2, 4));
            NDList zero = rnn.zeroState(x, 2);
            NDArray oneStep = x.get(":, :1, :");
            float[] train1 = rnn.forward(ps, new NDList(oneStep, zero.get(0), zero.get(1)), true).head().toFloatArray();
            float[] eval1 = rnn.forward(ps, new NDList(oneStep, zero.get(0), zero.get(1)), false).head().toFloatArray();
            assertArrayEquals(eval1, train1, 1e-6f);
            float[] train2 = rnn.forward(ps, new NDList(x, zero.get(0), zero.get(1)), true).head().toFloatArray();
            float[] eval2 = rnn.forward(ps, new NDList(x, zero.get(0), zero.get(1)), false).head().toFloatArray();
            boolean differs = false;
            for (int i = 0; i < train2.length; i++) {
                differs |= Math.abs(train2[i] - eval2[i]) > 1e-4;
            }
            assertTrue(differs, "the second step reads h1 through the dropped W_hh");
        }
    }

    @Test
    void rnnDropoutUsesOneMaskForEveryTimeStep() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] out = RnnDropout.apply(m.ones(new Shape(4, 6, 30)), 0.5f, true).toFloatArray();
            int dropped = 0;
            for (int b = 0; b < 4; b++) {
                for (int f = 0; f < 30; f++) {
                    float first = out[(b * 6) * 30 + f];
                    assertTrue(first == 0 || first == 2, "kept values are scaled by 2");
                    dropped += first == 0 ? 1 : 0;
                    for (int t = 1; t < 6; t++) {
                        assertEquals(first, out[(b * 6 + t) * 30 + f], "feature " + f + " at step " + t);
                    }
                }
            }
            assertTrue(dropped > 30 && dropped < 90, dropped + " of 120 features dropped");
            NDArray x = m.ones(new Shape(1, 2, 3));
            assertSame(x, RnnDropout.apply(x, 0.5f, false));
        }
    }

    @Test
    void embeddingDropoutRemovesWholeWords() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = EmbeddingDropout.apply(m.ones(new Shape(100, 5)), 0.5f, true, m.zeros(new Shape(1)))
                    .toFloatArray();
            int rowsDropped = 0;
            for (int r = 0; r < 100; r++) {
                float v = w[r * 5];
                for (int c = 1; c < 5; c++) {
                    assertEquals(v, w[r * 5 + c], "a word's row is dropped whole");
                }
                rowsDropped += v == 0 ? 1 : 0;
            }
            assertFalse(rowsDropped < 25 || rowsDropped > 75, rowsDropped + " of 100 words dropped");
        }
    }
}
