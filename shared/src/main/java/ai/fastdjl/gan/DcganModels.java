package ai.fastdjl.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;

/**
 * DCGAN's networks (Radford, Metz &amp; Chintala 2016) as the course builds them, for square images whose side is a
 * multiple of 4 (Fashion-MNIST: 28).
 *
 * <p>Generator: noise → one linear projection to {@code widths[0] × side/4 × side/4} → BatchNorm → ReLU → for each
 * further width: nearest upsampling ×2 + 3×3 convolution + BatchNorm + ReLU → 3×3 convolution to the image's
 * channels → tanh. No fully connected layer beyond the projection, no pooling; upsampling + convolution instead of
 * transposed convolution (see {@link Upsample}).
 *
 * <p>Critic: 4×4 convolutions of stride 2 (learnt downsampling, no max-pooling), LeakyReLU(0.2), BatchNorm in every
 * layer but the first and the last (the paper's rule), and a last convolution that covers the remaining map and gives
 * one score per image. No sigmoid: the loss applies it (DCGAN) or not (WGAN).
 *
 * <p>Weights start from N(0, 0.02), the paper's initialisation.
 */
public final class DcganModels {
    /** DCGAN paper: "All weights were initialized from a zero-centered Normal distribution with standard deviation 0.02". */
    public static final float INIT_STD = 0.02f;
    /** DCGAN paper: "In the LeakyReLU, the slope of the leak was set to 0.2 in all models". */
    public static final float LEAK = 0.2f;

    private DcganModels() {}

    /**
     * @param noiseSize length of the noise vector (the paper's 100)
     * @param channels image channels
     * @param side image side, a multiple of 4
     * @param widths channels at side/4, side/2 and side, e.g. {@code 64, 32, 16}: one more width per doubling
     */
    public static SequentialBlock generator(int noiseSize, int channels, int side, int... widths) {
        int doublings = widths.length - 1;
        int start = side >> doublings;
        if (doublings < 1 || start << doublings != side) {
            throw new IllegalArgumentException("image side " + side + " is not " + (1 << doublings) + " × an integer"
                    + " (" + widths.length + " generator widths double the side " + doublings + " times)");
        }
        int w0 = widths[0];
        SequentialBlock g = new SequentialBlock()
                .add(Linear.builder().setUnits((long) w0 * start * start).optBias(false).build())
                .add(new LambdaBlock(x -> new NDList(x.head().reshape(-1, w0, start, start)), "project"))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int i = 1; i < widths.length; i++) {
            g.add(upConv(widths[i]));
        }
        g.add(conv(channels, 3, 1, 1, true)).add(Activation.tanhBlock());
        g.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
        return g;
    }

    /** Nearest upsampling ×2, 3×3 convolution, BatchNorm, ReLU: the generator's layer. */
    public static SequentialBlock upConv(int filters) {
        return new SequentialBlock()
                .add(new Upsample(2))
                .add(conv(filters, 3, 1, 1, false))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /**
     * @param side image side
     * @param widths channels after each stride-2 convolution, e.g. {@code 16, 32, 64}
     */
    public static SequentialBlock critic(int side, int... widths) {
        SequentialBlock c = new SequentialBlock();
        int s = side;
        for (int i = 0; i < widths.length; i++) {
            c.add(conv(widths[i], 4, 2, 1, i == 0));
            if (i > 0) {
                c.add(BatchNorm.builder().build());
            }
            c.add(Activation.leakyReluBlock(LEAK));
            s = (s + 2 - 4) / 2 + 1;
        }
        if (s < 1) {
            throw new IllegalArgumentException("image side " + side + " is too small for " + widths.length
                    + " stride-2 critic layers");
        }
        c.add(conv(1, s, 1, 0, true)).add(Blocks.batchFlattenBlock());
        c.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
        return c;
    }

    /**
     * The critic with every convolution spectrally normalised ({@link SpectralNorm#wrap}) and no BatchNorm, as in
     * Miyato et al.'s DCGAN-style discriminators: the normalisation bounds each layer's Lipschitz constant, which
     * batch statistics would undo.
     */
    public static SequentialBlock spectralCritic(int side, int... widths) {
        SequentialBlock c = new SequentialBlock();
        int s = side;
        for (int width : widths) {
            c.add(SpectralNorm.wrap((Conv2d) conv(width, 4, 2, 1, true))).add(Activation.leakyReluBlock(LEAK));
            s = (s + 2 - 4) / 2 + 1;
        }
        c.add(SpectralNorm.wrap((Conv2d) conv(1, s, 1, 0, true))).add(Blocks.batchFlattenBlock());
        c.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
        return c;
    }

    /** A course GAN: the generator and critic above in a {@link GanModule}. */
    public static GanModule gan(int noiseSize, int channels, int side, int[] generatorWidths, int[] criticWidths) {
        return new GanModule(generator(noiseSize, channels, side, generatorWidths), critic(side, criticWidths),
                noiseSize);
    }

    private static Block conv(int filters, int kernel, int stride, int pad, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(bias).build();
    }
}
