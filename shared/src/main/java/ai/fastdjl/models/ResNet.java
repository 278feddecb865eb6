package ai.fastdjl.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import java.util.List;

/**
 * A small ResNet in the course's style (fastai {@code ResBlock}, the 2022 course's {@code miniai} models): a stem
 * block, then one residual block per width, each halving the resolution, then global average pooling and a linear
 * head. Built from DJL blocks; {@code [body, head]} at the top level so {@code Splitter.bodyHead()} and
 * {@code freeze()} work.
 *
 * <p>Choices and their sources: the stride sits on a block's first convolution (torchvision's ResNet; half the
 * compute of the course's second-conv stride on 28×28 inputs); the shortcut is average pooling then a 1×1 conv
 * (fastai's {@code ResBlock}: no information is skipped, unlike a strided 1×1); the last BatchNorm of each residual
 * branch starts at zero so every block starts as the identity (fastai's {@code NormType.BatchZero}, Goyal et al.
 * 2017); convolutions have no bias because BatchNorm follows; weights use Kaiming-normal init (DJL's default for
 * weights: Xavier, Gaussian, fan-in, magnitude 2).
 */
public final class ResNet {
    private ResNet() {}

    /**
     * @param inChannels image channels (1 for Fashion-MNIST, 3 for colour)
     * @param classes output units
     * @param widths channels of the stem and of each residual stage, e.g. {@code 8, 16, 32, 64}
     */
    public static SequentialBlock build(int inChannels, int classes, int... widths) {
        return build(inChannels, classes, true, widths);
    }

    /** As {@link #build(int, int, int...)}, with or without BatchNorm (the lesson's BatchNorm ablation). */
    public static SequentialBlock build(int inChannels, int classes, boolean batchNorm, int... widths) {
        return assemble(inChannels, classes, batchNorm, 1, widths);
    }

    /**
     * As {@link #build(int, int, int...)} with a stem of stride 2, which halves larger images at once (torchvision's
     * and fastai's ResNets start at stride 2, then more), so the wider stages work on fewer pixels for the same cost.
     */
    public static SequentialBlock halvingStem(int inChannels, int classes, int... widths) {
        return assemble(inChannels, classes, true, 2, widths);
    }

    private static SequentialBlock assemble(int inChannels, int classes, boolean batchNorm, int stemStride,
            int[] widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a ResNet needs a stem width and at least one stage width");
        }
        SequentialBlock body = new SequentialBlock();
        body.add(resBlock(inChannels, widths[0], stemStride, batchNorm));
        for (int i = 1; i < widths.length; i++) {
            body.add(resBlock(widths[i - 1], widths[i], 2, batchNorm));
        }
        return new SequentialBlock().add(body).add(head(classes));
    }

    /** Global average pooling, flatten, linear: the part transfer learning replaces. */
    public static SequentialBlock head(int classes) {
        return new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * The head for transfer learning, after fastai's {@code create_head}: pool, flatten, BatchNorm, dropout, linear.
     * The BatchNorm puts the pretrained features on a unit scale, so a new linear layer starts from a sane loss and
     * learns at the small rates fine-tuning uses; the dropout (fastai: ps/2 = 0.25 before the last layer) matters with
     * few labels.
     */
    public static SequentialBlock transferHead(int classes) {
        return new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(BatchNorm.builder().build())
                .add(Dropout.builder().optRate(TRANSFER_HEAD_DROPOUT).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** fastai's {@code create_head(ps=0.5)}: the dropout before the final linear layer is ps/2. */
    public static final float TRANSFER_HEAD_DROPOUT = 0.25f;

    /**
     * {@code channels} rounded up to a multiple of 16, for an output layer whose extra channels are computed and
     * dropped (the SSD's heads, the U-Net's last convolution). On AMD Zen 5 the numerics check found oneDNN's 3×3
     * convolution of 64 → 60 channels wrong and turned oneDNN off for the process (3.8× slower); 64 → 64 passes.
     */
    public static int paddedChannels(int channels) {
        return (channels + 15) / 16 * 16;
    }

    /** conv(3×3) → BN → ReLU. */
    public static SequentialBlock convLayer(int nf, int stride, boolean act, boolean batchNorm, boolean zeroBn) {
        SequentialBlock b = new SequentialBlock().add(conv(nf, 3, stride, !batchNorm));
        if (batchNorm) {
            BatchNorm bn = BatchNorm.builder().build();
            if (zeroBn) {
                bn.setInitializer(Initializer.ZEROS, Parameter.Type.GAMMA);
            }
            b.add(bn);
        }
        if (act) {
            b.add(Activation.reluBlock());
        }
        return b;
    }

    /** {@code relu(convs(x) + idconv(pool(x)))}, the residual block. */
    public static Block resBlock(int ni, int nf, int stride, boolean batchNorm) {
        SequentialBlock convs = new SequentialBlock()
                .add(convLayer(nf, stride, true, batchNorm, false))
                .add(convLayer(nf, 1, false, batchNorm, batchNorm));
        SequentialBlock shortcut = new SequentialBlock();
        if (stride != 1) {
            shortcut.add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true));
        }
        if (ni != nf) {
            shortcut.add(conv(nf, 1, 1, !batchNorm));
            if (batchNorm) {
                shortcut.add(BatchNorm.builder().build());
            }
        }
        if (shortcut.getChildren().isEmpty()) {
            shortcut.add(Blocks.identityBlock());
        }
        return new SequentialBlock().add(sum(convs, shortcut)).add(Activation.reluBlock());
    }

    /** {@code branch(x) + shortcut(x)} of one-output blocks: a residual connection (fastai's {@code MergeLayer}). */
    public static Block sum(Block branch, Block shortcut) {
        return new ParallelBlock(
                outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(branch, shortcut));
    }

    private static Conv2d conv(int nf, int ks, int stride, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(ks, ks))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(ks / 2, ks / 2))
                .setFilters(nf)
                .optBias(bias)
                .build();
    }
}
