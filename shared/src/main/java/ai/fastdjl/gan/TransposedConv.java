package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.nd.BatchScope;

/**
 * A transposed ("fractionally strided") 2-D convolution, which DJL's PyTorch engine lacks: zeros inserted between the
 * input's pixels ({@code stride - 1} of them), then an ordinary stride-1 convolution with the kernel flipped and its
 * channel axes swapped, padded by {@code k - 1 - padding} ({@code + outputPadding} after the last row and column).
 * Output size {@code (in - 1) · stride - 2 · padding + k + outputPadding}, PyTorch's {@code ConvTranspose2d}. The
 * course's point about it: with stride 2 and kernel 3 the kernel covers some output pixels twice and others once, the
 * checkerboard; kernel 4, or nearest-neighbour upsampling and a normal convolution, covers them evenly (Odena,
 * Dumoulin &amp; Olah 2016).
 *
 * <p>As DJL's {@code Conv2d}, both a block (weights {@code [in, out, k, k]} and a bias, PyTorch's layout and default
 * initialisation) and a static {@link #apply} on arrays. The zeros are inserted by concatenation and reshape, not by
 * writing into a buffer, so gradients flow to the input and the weight.
 */
public final class TransposedConv extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final int filters;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param inChannels channels of the input (the weight's first axis)
     * @param filters output channels
     * @param outputPadding extra rows and columns at the bottom and right, e.g. 1 for kernel 3, stride 2, padding 1 to
     *     double the side exactly (PyTorch's {@code output_padding}; it must be below the stride)
     */
    public TransposedConv(int inChannels, int filters, int kernel, int stride, int padding, int outputPadding) {
        super(VERSION);
        if (stride < 1 || padding > kernel - 1 || outputPadding >= stride) {
            throw new IllegalArgumentException(String.format("transposed convolution: kernel %d, stride %d, padding %d,"
                    + " output padding %d; give stride ≥ 1, padding ≤ kernel - 1 and output padding < stride", kernel,
                    stride, padding, outputPadding));
        }
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.filters = filters;
        // PyTorch's ConvTranspose2d.reset_parameters: kaiming_uniform(a=√5), whose bound is 1/√fan_in, fan_in
        // computed from the weight's second axis (out channels) × k × k, the bias with the same bound
        float bound = (float) (1 / Math.sqrt((double) filters * kernel * kernel));
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(inChannels, filters, kernel, kernel)).optInitializer(new UniformInitializer(bound))
                .build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(filters))
                .optInitializer(new UniformInitializer(bound)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();
        return new NDList(apply(x, ps.getValue(weight, x.getDevice(), training), ps.getValue(bias, x.getDevice(),
                training), stride, padding, outputPadding));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        long k = weight.getShape().get(2);
        return new Shape[] {new Shape(s.get(0), filters, size(s.get(2), k), size(s.get(3), k))};
    }

    private long size(long in, long k) {
        return (in - 1) * stride - 2L * padding + k + outputPadding;
    }

    /**
     * {@code x [batch, in, h, w]}, {@code weight [in, out, k, k]} (PyTorch's layout for transposed convolutions),
     * optional {@code bias [out]}; {@code padding ≤ k - 1}; no output padding.
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
        return apply(x, weight, bias, stride, padding, 0);
    }

    /** As {@link #apply(NDArray, NDArray, NDArray, int, int)} with {@code outputPadding < stride}. */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int outputPadding) {
        long k = weight.getShape().get(2);
        if (padding > k - 1 || stride < 1 || outputPadding < 0 || outputPadding >= Math.max(stride, 1)) {
            throw new IllegalArgumentException("transposed convolution: stride " + stride + ", padding " + padding
                    + ", output padding " + outputPadding + " with a kernel of " + k + ": give stride ≥ 1, padding ≤"
                    + " k - 1 and 0 ≤ output padding < stride");
        }
        NDArray z = insertZeros(insertZeros(x, 3, stride), 2, stride);
        if (outputPadding > 0) {
            // PyTorch crops `padding` rows from the top of the full scatter but only `padding - output_padding` from
            // the bottom: in the convolution form, that many more zero rows (and columns) after the last
            z = padEnd(padEnd(z, 2, outputPadding), 3, outputPadding);
        }
        // the flipped kernel belongs to the batch, not to the weight's (the model's) manager: BatchScope says why
        NDArray w = BatchScope.attach(x, weight.flip(2, 3)).transpose(1, 0, 2, 3);
        long pad = k - 1 - padding;
        return Conv2d.conv2d(z, w, bias, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1).head();
    }

    /** {@code stride - 1} zeros after every element along {@code axis} (2 or 3), none after the last. */
    static NDArray insertZeros(NDArray x, int axis, int stride) {
        if (stride == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(axis);
        NDArray e = x.expandDims(axis + 1); // [.., n, 1, ..]
        long[] zs = s.getShape().clone();
        long[] zShape = new long[zs.length + 1];
        for (int i = 0, j = 0; i < zShape.length; i++) {
            zShape[i] = i == axis + 1 ? stride - 1 : zs[j++];
        }
        NDArray joined = e.concat(x.getManager().zeros(new Shape(zShape), x.getDataType()), axis + 1);
        long[] flat = zs.clone();
        flat[axis] = n * stride;
        NDArray spread = joined.reshape(new Shape(flat));
        return axis == 2 ? spread.get(":, :, :{}", (n - 1) * stride + 1)
                : spread.get(":, :, :, :{}", (n - 1) * stride + 1);
    }

    private static NDArray padEnd(NDArray x, int axis, int count) {
        long[] s = x.getShape().getShape().clone();
        s[axis] = count;
        return x.concat(x.getManager().zeros(new Shape(s), x.getDataType()), axis);
    }
}
