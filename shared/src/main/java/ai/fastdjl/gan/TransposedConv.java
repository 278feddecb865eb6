package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A transposed ("fractionally strided") 2-D convolution, which DJL's PyTorch engine lacks: zeros inserted between the
 * input's pixels ({@code stride - 1} of them), then an ordinary stride-1 convolution with the kernel flipped and its
 * channel axes swapped, padded by {@code k - 1 - padding}. Output size {@code (in - 1) · stride - 2 · padding + k},
 * PyTorch's {@code ConvTranspose2d} without output padding. The course's point about it: with stride 2 and kernel 3
 * the kernel covers some output pixels twice and others once, the checkerboard; kernel 4, or nearest-neighbour
 * upsampling and a normal convolution, covers them evenly (Odena, Dumoulin &amp; Olah 2016).
 *
 * <p>The zeros are inserted by concatenation and reshape, not by writing into a buffer, so gradients flow to the
 * input and the weight.
 */
public final class TransposedConv {
    private TransposedConv() {}

    /**
     * {@code x [batch, in, h, w]}, {@code weight [in, out, k, k]} (PyTorch's layout for transposed convolutions),
     * optional {@code bias [out]}; {@code padding ≤ k - 1}.
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
        long k = weight.getShape().get(2);
        if (padding > k - 1 || stride < 1) {
            throw new IllegalArgumentException("transposed convolution: stride " + stride + ", padding " + padding
                    + " with a kernel of " + k + ": give stride ≥ 1 and padding ≤ k - 1");
        }
        NDArray z = insertZeros(insertZeros(x, 3, stride), 2, stride);
        NDArray w = weight.flip(2, 3).transpose(1, 0, 2, 3);
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
}
