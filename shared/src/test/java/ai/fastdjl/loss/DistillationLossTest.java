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
}
