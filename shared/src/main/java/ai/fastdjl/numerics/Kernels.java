package ai.fastdjl.numerics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.fastdjl.nd.Scalars;
import java.util.List;

/**
 * The kernels the lessons train with, at the lessons' shapes (batch sizes cut to keep the whole check near ten
 * seconds on 2 cores). Convolutions dominate the list because their float32 path is oneDNN's JIT code, whose kernel
 * and memory layout change with the CPU's vector width: a channel count that fills AVX2's 8 lanes leaves a padded
 * tail in AVX-512's 16, and that is where a faulty CPU/ISA combination shows (see README "Known DJL gaps").
 * Arithmetic with a number inside a differentiated op goes through {@link Scalars}, as everywhere in the project:
 * DJL's {@code mul(Number)} hands autograd a tensor whose memory the next GC frees (measured here too: all-zero
 * gradients of {@code x.mul(0.5)} after a few hundred megabytes of earlier kernels, on any ISA).
 */
public final class Kernels {
    private Kernels() {}

    /** Every kernel, in the order the doctor prints them. */
    public static List<Kernel> all() {
        return List.of(
                // lesson 1's ResNet (widths 8,16,32,64 on 28x28 Fashion-MNIST; batch 128 there, 32-64 here)
                conv("conv2d 1->8 3x3 (ResNet stem)", 32, 1, 8, 28, 3, 1),
                conv("conv2d 8->8 3x3", 32, 8, 8, 28, 3, 1),
                conv("conv2d 8->16 3x3 stride 2", 32, 8, 16, 28, 3, 2),
                conv("conv2d 16->16 3x3", 64, 16, 16, 14, 3, 1),
                conv("conv2d 32->64 3x3 stride 2", 64, 32, 64, 7, 3, 2),
                conv("conv2d 16->32 1x1 (shortcut)", 64, 16, 32, 7, 1, 1),
                // lesson 4: DCGAN's 4x4 stride-2 critic, the generator's 3-channel output, style transfer's RGB input
                conv("conv2d 3->32 4x4 stride 2 (critic)", 32, 3, 32, 32, 4, 2),
                conv("conv2d 32->3 3x3 (generator output)", 16, 32, 3, 32, 3, 1),
                // lesson 1's imported MobileNetV2: depthwise 3x3 (groups = channels), then a pointwise 1x1
                Kernel.of("conv2d depthwise 32ch 3x3 (MobileNetV2)", "oneDNN",
                        l -> Conv2d.conv2d(l.get(0), l.get(1), null, new Shape(1, 1), new Shape(1, 1),
                                new Shape(1, 1), 32),
                        new Shape(8, 32, 28, 28), new Shape(32, 1, 3, 3)),
                conv("conv2d 32->16 1x1 (MobileNetV2)", 8, 32, 16, 28, 1, 1),
                Kernel.of("batchNorm train 16ch", "ATen",
                        l -> BatchNorm.batchNorm(l.get(0), zeros(l.get(0), 16), ones(l.get(0), 16), l.get(1),
                                l.get(2), 1, 0.1f, 1e-5f, true),
                        new Shape(64, 16, 14, 14), new Shape(16), new Shape(16)),
                Kernel.of("batchNorm eval 16ch", "ATen",
                        l -> BatchNorm.batchNorm(l.get(0), l.get(1).abs().stopGradient(), l.get(2).abs().add(0.5).stopGradient(), l.get(3),
                                l.get(4), 1, 0.1f, 1e-5f, false),
                        new Shape(64, 16, 14, 14), new Shape(16), new Shape(16), new Shape(16), new Shape(16)),
                // the classifier head, the collab/tabular MLPs and the language model's tied decoder (odd vocab)
                Kernel.of("linear 576->10", "MKL",
                        l -> l.get(0).getNDArrayInternal().linear(l.get(0), l.get(1), l.get(2)),
                        new Shape(128, 576), new Shape(10, 576), new Shape(10)),
                Kernel.of("linear 100->100 (MLP)", "MKL",
                        l -> l.get(0).getNDArrayInternal().linear(l.get(0), l.get(1), l.get(2)),
                        new Shape(512, 100), new Shape(100, 100), new Shape(100)),
                Kernel.of("linear 400->4999 (LM decoder)", "MKL",
                        l -> l.get(0).getNDArrayInternal().linear(l.get(0), l.get(1), null),
                        new Shape(48, 400), new Shape(4999, 400)),
                // the AWD-LSTM's layers (fastai: 400 -> 1152 -> 400) and the tests' tiny language model (16 -> 32 -> 16),
                // in training (forward and backward) and in evaluation, a separate oneDNN kernel: measured wrong with
                // AVX-512 at 32->16 and 24->40 while training at the same sizes was right
                lstm("lstm 64->128, 20 steps", 64, 128, 16, 20, true),
                lstm("lstm 32->16, eval (tiny LM's last layer)", 32, 16, 16, 20, false),
                lstm("lstm 24->40, eval", 24, 40, 16, 20, false),
                lstm("lstm 1152->400, eval (AWD-LSTM's last layer)", 1152, 400, 4, 10, false),
                new Kernel("embedding 9725x50 (collab)", "ATen",
                        List.of(new Shape(512), new Shape(9725, 50)), 9725, true,
                        l -> l.get(1).getNDArrayInternal().embedding(l.get(0),
                                l.get(1), ai.djl.ndarray.types.SparseFormat.DENSE)),
                // as gan.Upsample: libtorch's upsample_nearest2d
                Kernel.of("upsample x2 (generator)", "ATen",
                        l -> new NDList(l.get(0).getNDArrayInternal().interpolation(new long[] {14, 14}, 0, false)),
                        new Shape(16, 32, 7, 7)),
                Kernel.of("interpolate bilinear 28->20 (augment)", "ATen",
                        l -> new NDList(l.get(0).getNDArrayInternal().interpolation(new long[] {20, 20}, 1, false)),
                        new Shape(32, 1, 28, 28)),
                Kernel.of("maxPool 2x2", "ATen",
                        l -> new NDList(Pool.maxPool2d(l.get(0), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0),
                                false)),
                        new Shape(64, 16, 14, 14)),
                Kernel.of("avgPool 2x2 (shortcut)", "ATen",
                        l -> new NDList(Pool.avgPool2d(l.get(0), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0),
                                true, true)),
                        new Shape(64, 16, 7, 7)),
                Kernel.of("globalAvgPool", "ATen",
                        l -> new NDList(Pool.globalAvgPool2d(l.get(0))),
                        new Shape(64, 64, 4, 4)),
                Kernel.of("softmax 4999", "ATen", l -> new NDList(l.get(0).softmax(1)), new Shape(48, 4999)),
                Kernel.of("cross-entropy 10 classes", "ATen",
                        l -> {
                            // the loss DJL's SoftmaxCrossEntropyLoss computes: mean of -log p(label)
                            NDArray logp = l.get(0).logSoftmax(1);
                            double[] oneHot = new double[128 * 10];
                            for (int i = 0; i < 128; i++) {
                                oneHot[i * 10 + i % 10] = 1;
                            }
                            NDArray labels = logp.getManager().create(oneHot, new Shape(128, 10))
                                    .toType(logp.getDataType(), false);
                            return new NDList(logp.mul(labels).sum(new int[] {1}).neg().mean());
                        },
                        new Shape(128, 10)),
                Kernel.of("sum, mean, max over 1025x513", "ATen",
                        l -> new NDList(l.get(0).sum(new int[] {0}).add(l.get(0).mean(new int[] {1}).sum())
                                .add(l.get(0).max(new int[] {1}).sum())),
                        new Shape(1025, 513)),
                Kernel.of("exp, tanh, sigmoid, leakyRelu", "ATen",
                        l -> {
                            NDArray x = l.get(0);
                            return new NDList(Scalars.mul(x, 0.5).exp().add(x.tanh()).add(
                                    ai.djl.nn.Activation.sigmoid(x)).add(ai.djl.nn.Activation.leakyRelu(x, 0.2f)));
                        },
                        new Shape(250_003)),
                new Kernel("adamUpdate 9725x50 (AdamW step)", "ATen",
                        List.of(new Shape(9725, 50), new Shape(9725, 50), new Shape(9725, 50), new Shape(9725, 50)),
                        0, false, Kernels::adamStep));
    }

    /**
     * One batch-first LSTM layer over {@code steps} steps from random states, weights at PyTorch's init scale
     * 1/sqrt(hidden) (N(0, 1) weights saturate the gates and make 20 steps chaotic, where any float32 rounding grows:
     * measured 4e-3). {@code training}: outputs and gradients; otherwise the inference kernel, outputs only.
     */
    static Kernel lstm(String name, int in, int hidden, int batch, int steps, boolean training) {
        double s = 1 / Math.sqrt(hidden);
        java.util.function.Function<NDList, NDList> op = l -> {
            NDArray x = l.get(0);
            NDList states = new NDList(Scalars.mul(l.get(5), 0.5), Scalars.mul(l.get(6), 0.5));
            NDList params = new NDList(Scalars.mul(l.get(1), s), Scalars.mul(l.get(2), s), Scalars.mul(l.get(3), s),
                    Scalars.mul(l.get(4), s));
            NDList out = x.getNDArrayInternal().lstm(x, states, params, true, 1, 0, training, false, true);
            // the output sequence and the final states, in one array so the gradient reaches all three
            return new NDList(out.get(0).add(out.get(1).sum()).add(out.get(2).sum()));
        };
        return new Kernel(name, "oneDNN", List.of(new Shape(batch, steps, in), new Shape(4L * hidden, in),
                new Shape(4L * hidden, hidden), new Shape(4L * hidden), new Shape(4L * hidden),
                new Shape(1, batch, hidden), new Shape(1, batch, hidden)), 0, training, op);
    }

    /** A 2-d convolution with padding kernel/2 and no bias, as ResNet's conv layers (BatchNorm follows). */
    static Kernel conv(String name, int n, int cin, int cout, int hw, int k, int stride) {
        return Kernel.of(name, "oneDNN",
                l -> Conv2d.conv2d(l.get(0), l.get(1), null, new Shape(stride, stride), new Shape(k / 2, k / 2)),
                new Shape(n, cin, hw, hw), new Shape(cout, cin, k, k));
    }

    /**
     * The fused AdamW step {@link ai.fastdjl.optim.Adam} runs, at fastai's betas, from a state after some steps
     * (squared averages made positive). Returns the updated weight and both moments.
     */
    private static NDList adamStep(NDList l) {
        NDArray w = l.get(0).duplicate();
        NDArray grad = l.get(1);
        NDArray mean = l.get(2).mul(0.1);
        NDArray var = l.get(3).square().mul(0.01);
        w.getNDArrayInternal().adamUpdate(new NDList(w, grad, mean, var), new NDList(w), 1e-2f, 1.2e-2f, 1e-2f, 1f,
                -1f, 0.9f, 0.99f, 1e-5f, false, true);
        return new NDList(w, mean, var);
    }

    private static NDArray zeros(NDArray like, long... shape) {
        NDManager m = like.getManager();
        return m.zeros(new Shape(shape), like.getDataType());
    }

    private static NDArray ones(NDArray like, long... shape) {
        return like.getManager().ones(new Shape(shape), like.getDataType());
    }
}
