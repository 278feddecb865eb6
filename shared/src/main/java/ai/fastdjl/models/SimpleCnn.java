package ai.fastdjl.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The course's plain CNN for initialisation and BatchNorm experiments (2022 part 2, notebooks 10–11): a stack of
 * stride-2 3×3 conv layers, each followed by optional BatchNorm and a ReLU, then global pooling and a linear head.
 * No residual connections, so a bad initialisation or a too-high learning rate shows up plainly.
 */
public final class SimpleCnn {
    private SimpleCnn() {}

    /** {@code [body: convLayer(w0), convLayer(w1), ...], [head: pool, flatten, linear]}. */
    public static SequentialBlock build(int classes, boolean batchNorm, int... widths) {
        SequentialBlock body = new SequentialBlock();
        for (int w : widths) {
            body.add(convLayer(w, batchNorm));
        }
        SequentialBlock head = new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
        return new SequentialBlock().add(body).add(head);
    }

    /** conv 3×3 stride 2 (bias only without BatchNorm, which has its own shift) → [BN] → ReLU. */
    public static SequentialBlock convLayer(int nf, boolean batchNorm) {
        SequentialBlock b = new SequentialBlock().add(Conv2d.builder()
                .setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                .setFilters(nf).optBias(!batchNorm).build());
        if (batchNorm) {
            b.add(BatchNorm.builder().build());
        }
        return b.add(Activation.reluBlock());
    }
}
