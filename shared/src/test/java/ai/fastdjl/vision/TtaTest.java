package ai.fastdjl.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TTA's average over augmented passes and its blend with the plain prediction, on a model with known outputs. */
class TtaTest {

    /** An "augmentation" that adds 1 on its first call, 2 on its second, … so each pass's input is known. */
    static final class Shift extends Augment {
        private int calls;

        Shift() {
            super(0, false);
        }

        @Override
        public NDArray apply(NDManager m, NDArray x, Random r) {
            return x.add(++calls);
        }
    }

    @Test
    void averagesTheAugmentedPassesThenBlendsInThePlainOneWithBeta() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one 1×1×1 "image" of value 0; the model's logits are (pixel, 0), so p(class 0) = sigmoid(pixel)
            NDArray x = m.zeros(new Shape(1, 1, 1, 1));
            NDArray y = m.create(new long[] {0});
            DataLoaders dls = DataLoaders.fromArrays(x, y, x, y, 1, List.of("a", "b"));
            SequentialBlock model = new SequentialBlock()
                    .add(new LambdaBlock(l -> new NDList(l.head().reshape(-1, 1))))
                    .add(Linear.builder().setUnits(2).build());
            try (Learner learn = Learner.builder(dls, model).progress(Progress.NONE).build()) {
                NDArray w = model.getChildren().get(1).getValue().getParameters().get("weight").getArray();
                w.set(new float[] {1, 0}); // logit0 = pixel, logit1 = 0 (biases start at 0)
                float[] p = Tta.predict(learn, dls.valid(), new Shift(), 2, 0.25, 0, m).toFloatArray();
                // plain: sigmoid(0) = 0.5; augmented passes see 1 and 2: mean(sigmoid(1), sigmoid(2))
                double aug = (sigmoid(1) + sigmoid(2)) / 2;
                double expected = 0.75 * aug + 0.25 * 0.5;
                assertArrayEquals(new float[] {(float) expected, (float) (1 - expected)}, p, 1e-6f);
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
