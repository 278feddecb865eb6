package ai.fastdjl.models;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * A multi-layer perceptron on flattened inputs: {@code Linear → ReLU} per hidden layer, then a linear output. Hinton
 * et al. (2015) distil into one of two hidden layers of 800 ReLUs on MNIST ({@link #HINTON_STUDENT}), the net that
 * scores 146 test errors from hard labels alone and 74 from a large net's soft targets at T = 20.
 */
public final class Mlp {
    /** The distillation paper's MNIST student: two hidden layers of 800 rectified linear units. */
    public static final int[] HINTON_STUDENT = {800, 800};

    private Mlp() {}

    /** {@code flatten → (Linear(h) → ReLU) for each h in hidden → Linear(outputs)}. */
    public static SequentialBlock build(int outputs, int... hidden) {
        SequentialBlock b = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int h : hidden) {
            b.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock());
        }
        return b.add(Linear.builder().setUnits(outputs).build());
    }
}
