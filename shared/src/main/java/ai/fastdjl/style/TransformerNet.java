package ai.fastdjl.style;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.fastdjl.gan.Upsample;
import ai.fastdjl.models.ResNet;

/**
 * Johnson, Alahi &amp; Fei-Fei's (2016) image transformation network for fast style transfer: one forward pass
 * repaints an image. A 9×9 convolution, two stride-2 convolutions down, residual blocks at 1/4 of the side, two
 * nearest-neighbour upsamplings + convolutions back (Odena et al.'s fix for the checkerboards that the paper's
 * fractionally strided convolutions leave; PyTorch's fast_neural_style example does the same), a 9×9 convolution to RGB
 * and a sigmoid into [0, 1]; instance normalisation after every inner convolution (Ulyanov et al.'s improvement,
 * which the PyTorch example also uses). The paper's widths are 32, 64, 128 with 5 residual blocks.
 */
public final class TransformerNet {
    private TransformerNet() {}

    /**
     * @param width channels of the first layer; then 2× and 4× it
     * @param residualBlocks blocks at 1/4 of the side
     */
    public static SequentialBlock build(int width, int residualBlocks) {
        SequentialBlock net = new SequentialBlock()
                .add(convIn(width, 9, 1)).add(convIn(2 * width, 3, 2)).add(convIn(4 * width, 3, 2));
        for (int i = 0; i < residualBlocks; i++) {
            SequentialBlock body = new SequentialBlock().add(convIn(4 * width, 3, 1))
                    .add(conv(4 * width, 3, 1)).add(new InstanceNorm(4 * width));
            net.add(ResNet.sum(body, Blocks.identityBlock()));
        }
        return net.add(new Upsample(2)).add(convIn(2 * width, 3, 1))
                .add(new Upsample(2)).add(convIn(width, 3, 1))
                .add(conv(3, 9, 1)).add(Activation.sigmoidBlock());
    }

    /** Convolution, instance norm, ReLU. */
    private static SequentialBlock convIn(int filters, int kernel, int stride) {
        return new SequentialBlock().add(conv(filters, kernel, stride)).add(new InstanceNorm(filters))
                .add(Activation.reluBlock());
    }

    /** Same-size padding (the paper pads by reflection; zeros here, as DJL's convolution offers). */
    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).build();
    }
}
