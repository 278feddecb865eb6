package ai.fastdjl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ClassAndBoxLossTest {
    @Test
    void l1OrMseOfTheSigmoidBoxPlusTheWeightedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two classes with equal logits (cross-entropy ln 2); box outputs 0: sigmoid 0.5 of 64 px = 32 each
            NDList out = new NDList(m.create(new float[] {0, 0, 0, 0, 0, 0}, new Shape(1, 6)));
            NDList target = new NDList(m.create(new float[] {1, 30, 30, 40, 40}, new Shape(1, 5)));
            double w = ClassAndBoxLoss.courseWeight(64);
            assertEquals(20 * 64 / 224.0, w, 1e-12);
            float l1 = new ClassAndBoxLoss(2, 64, w, ClassAndBoxLoss.BoxLoss.L1).evaluate(target, out).getFloat();
            assertEquals((2 + 2 + 8 + 8) / 4.0 + w * Math.log(2), l1, 1e-4, "mean |error| 5 px + w ln 2");
            float mse = new ClassAndBoxLoss(2, 64, w, ClassAndBoxLoss.BoxLoss.MSE).evaluate(target, out).getFloat();
            assertEquals((4 + 4 + 64 + 64) / 4.0 + w * Math.log(2), mse, 1e-3, "mean squared error 34 px² + w ln 2");
            NDList boxOnly = new NDList(m.create(new float[] {0, 0, 0, 0}, new Shape(1, 4)));
            float box = new ClassAndBoxLoss(0, 64, 0, ClassAndBoxLoss.BoxLoss.L1).evaluate(target, boxOnly).getFloat();
            assertEquals(5, box, 1e-5, "classes = 0: a box regressor alone");
        }
    }
}
