package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Both GAN losses on score vectors worked out by hand; the labels play no part. */
class GanLossTest {

    @Test
    void bceCriticAndGeneratorLosses() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanLoss bce = GanLoss.bce();
            // real logit 2, fake logit -1: (softplus(-2) + softplus(-1)) / 2 = (0.126928 + 0.313262) / 2
            NDList critic = new NDList(m.create(new float[] {2f}), m.create(new float[] {-1f}));
            assertEquals(0.220095, bce.evaluate(new NDList(), critic).getFloat(), 1e-5);
            // generator: BCE(fake, 1) = softplus(1) = 1.313262
            assertEquals(1.313262, bce.evaluate(new NDList(), new NDList(m.create(new float[] {-1f}))).getFloat(), 1e-5);
            // an undecided critic (logits 0) costs log 2 either way
            NDList zero = new NDList(m.create(new float[] {0f, 0f}), m.create(new float[] {0f, 0f}));
            assertEquals(Math.log(2), bce.evaluate(new NDList(), zero).getFloat(), 1e-6);
        }
    }

    @Test
    void softplusDoesNotOverflow() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = GanLoss.softplus(m.create(new float[] {100f, -100f, 0f})).toFloatArray();
            assertEquals(100f, v[0], 1e-4);
            assertEquals(0f, v[1], 1e-30);
            assertEquals(Math.log(2), v[2], 1e-6);
        }
    }

    @Test
    void wassersteinLossesAreDifferencesOfMeans() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanLoss w = GanLoss.wasserstein();
            // mean(f(fake)) - mean(f(real)) = -1 - 2
            NDList critic = new NDList(m.create(new float[] {1f, 3f}), m.create(new float[] {0f, -2f}));
            assertEquals(-3f, w.evaluate(new NDList(), critic).getFloat(), 1e-6);
            assertEquals(1f, w.evaluate(new NDList(), new NDList(m.create(new float[] {0f, -2f}))).getFloat(), 1e-6);
        }
    }
}
