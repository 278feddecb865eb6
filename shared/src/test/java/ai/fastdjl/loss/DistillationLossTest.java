package ai.fastdjl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DistillationLossTest {
    @Test
    void matchesTheFormulaWorkedByHand() {
        // student (1,2,3), teacher (3,2,1), T = 2, α = 0.5, label 2.
        // softmax(t/2) = (.506480, .307195, .186324) and softmax(s/2) is its mirror, so
        // KL = .506480·ln(e) + .186324·ln(1/e) = .320156; T²·KL = 1.280624; CE(s, 2) = ln(e+e²+e³) - 3 = .407606
        // loss = .5·1.280624 + .5·.407606 = .844115
        try (NDManager m = NDManager.newBaseManager()) {
            var s = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            var t = m.create(new float[] {3, 2, 1}, new Shape(1, 3));
            var y = m.create(new long[] {2});
            DistillationLoss loss = new DistillationLoss(2, 0.5);
            assertEquals(1.280624, loss.soft(t, s).getFloat(0), 1e-5);
            assertEquals(0.844115, loss.evaluate(new NDList(y, t), new NDList(s)).getFloat(), 1e-5);
            // without teacher logits (validation) it is plain cross-entropy
            assertEquals(0.407606, loss.evaluate(new NDList(y), new NDList(s)).getFloat(), 1e-5);
        }
    }

    @Test
    void theSoftTermCarriesTheTSquaredFactorAtT1AndT4() {
        // the same mirrored logits: KL(p_t ‖ p_s) = (t0 − t2)/T · (p_t0 − p_t2), since the logs of the ratios are
        // ±(t0 − t2)/T at classes 0 and 2 and 0 at class 1.
        // T = 1: softmax(3, 2, 1) = (.665241, .244728, .090031): KL = 2 · .575210 = 1.150421, times T² = 1
        // T = 4: softmax(.75, .5, .25) = (.419228, .326496, .254275): KL = .5 · .164953 = .082477, times T² = 16:
        //        1.319630 (without the factor the soft term would be 16 times smaller than the hard one's scale)
        try (NDManager m = NDManager.newBaseManager()) {
            var s = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            var t = m.create(new float[] {3, 2, 1}, new Shape(1, 3));
            var y = m.create(new long[] {2});
            assertEquals(1.150421, new DistillationLoss(1, 0.5).soft(t, s).getFloat(0), 1e-5);
            assertEquals(1.319630, new DistillationLoss(4, 0.5).soft(t, s).getFloat(0), 1e-5);
            // α = 0.9, T = 4: 0.9 · 1.319630 + 0.1 · CE 0.407606
            assertEquals(0.9 * 1.319630 + 0.1 * 0.407606,
                    new DistillationLoss(4, 0.9).evaluate(new NDList(y, t), new NDList(s)).getFloat(), 1e-5);
        }
    }
}
