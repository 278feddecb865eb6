package ai.fastdjl.lesson04;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.fastdjl.gan.PixelShuffle;
import ai.fastdjl.gan.TransposedConv;
import ai.fastdjl.gan.Upsample;
import ai.fastdjl.models.Init;
import java.util.function.IntFunction;

/**
 * The ways to double an image's side that lesson 4 compares, each as one layer of {@code width} channels in the
 * same small network: 3×3 convolution + ReLU, two doubling layers + ReLU, 3×3 convolution to one channel.
 */
enum Upsamplers {
    /** The checkerboard's cause: stride 2, kernel 3 covers alternate output pixels once and twice. */
    TRANSPOSED_K3("transposed conv k3", w -> new TransposedConv(w, w, 3, 2, 1, 1)),
    /** Kernel divisible by the stride: every output pixel covered twice (Odena et al.'s first fix). */
    TRANSPOSED_K4("transposed conv k4", w -> new TransposedConv(w, w, 4, 2, 1, 0)),
    /** The course's choice (and Odena et al.'s): nearest-neighbour upsampling, then a normal convolution. */
    NEAREST_CONV("nearest + conv", w -> new SequentialBlock().add(new Upsample(2)).add(conv(w))),
    /** Sub-pixel convolution with the convolution's own random initialisation. */
    PIXEL_SHUFFLE("pixel shuffle", w -> new PixelShuffle(w, 2, false)),
    /** fastai's PixelShuffle_ICNR: sub-pixel convolution starting as nearest-neighbour upsampling. */
    PIXEL_SHUFFLE_ICNR("pixel shuffle ICNR", w -> new PixelShuffle(w, 2, true));

    final String label;
    private final IntFunction<Block> layer;

    Upsamplers(String label, IntFunction<Block> layer) {
        this.label = label;
        this.layer = layer;
    }

    /** {@code [N, 1, s, s] → [N, 1, 4s, 4s]}: two doubling layers of this kind. */
    SequentialBlock network(int width) {
        return new SequentialBlock().add(conv(width)).add(Activation.reluBlock())
                .add(layer.apply(width)).add(Activation.reluBlock())
                .add(layer.apply(width)).add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(1).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
    }

    /** The periodic share of {@code [N, 1, H, W]} images. */
    static double share(NDArray images) {
        long[] s = images.getShape().getShape();
        return ai.fastdjl.metric.Checkerboard.periodicShare(images.toFloatArray(), (int) (s[0] * s[1]), (int) s[2],
                (int) s[3], Checkerboard.FACTOR);
    }

    /** Untrained networks' periodic share (mean over seeds) and the first seed's outputs for 8 images. */
    record Untrained(double share, NDArray samples) {}

    /** {@code seeds} networks of this kind, Kaiming-initialised from seeds {@code seed, seed + 1, ...}, on {@code x}. */
    Untrained atInit(int width, NDArray x, int seed, int seeds, NDManager keepIn) {
        double share = 0;
        NDArray samples = null;
        for (int s = 0; s < seeds; s++) {
            try (NDManager sub = keepIn.newSubManager()) {
                Engine.getInstance().setRandomSeed(seed + s);
                SequentialBlock net = Init.weights(network(width), Init.kaiming());
                net.initialize(sub, DataType.FLOAT32, new Shape(1, 1, 7, 7));
                NDArray out = predict(net, x, sub);
                share += share(out) / seeds;
                if (s == 0) {
                    samples = out.get("0:8").duplicate();
                    samples.attach(keepIn);
                }
            }
        }
        return new Untrained(share, samples);
    }

    /**
     * The kernels' overlap alone: a one-channel network of this kind with every weight 1 and no bias, given a constant
     * 7×7 image. Where some output pixels receive more kernel taps than others, the output repeats that pattern.
     */
    double coverage(NDManager m) {
        try (NDManager sub = m.newSubManager()) {
            SequentialBlock net = network(1);
            net.initialize(sub, DataType.FLOAT32, new Shape(1, 1, 7, 7));
            net.getParameters().forEach(p -> {
                NDArray a = p.getValue().getArray();
                float[] v = new float[(int) a.size()];
                java.util.Arrays.fill(v, p.getValue().getType() == Parameter.Type.BIAS ? 0 : 1);
                a.set(v);
            });
            return share(predict(net, sub.ones(new Shape(1, 1, 7, 7)), sub));
        }
    }

    /** The network's outputs for {@code x}, 250 images at a time, in {@code into}. */
    static NDArray predict(SequentialBlock net, NDArray x, NDManager into) {
        ParameterStore ps = new ParameterStore(into, false);
        NDList parts = new NDList();
        long n = x.getShape().get(0);
        for (long i = 0; i < n; i += 250) {
            parts.add(net.forward(ps, new NDList(x.get("{}:{}", i, Math.min(n, i + 250))), false).head());
        }
        NDArray out = NDArrays.concat(parts);
        out.attach(into);
        return out;
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }
}
