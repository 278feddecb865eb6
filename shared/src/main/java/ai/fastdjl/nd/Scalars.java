package ai.fastdjl.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic with a number that is safe inside the autograd graph. Use these instead of DJL's
 * {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)} and
 * {@code minimum(Number)} on any array a loss is back-propagated through.
 *
 * <p>Why: DJL 0.36's PyTorch engine implements those overloads as {@code try (NDArray n = manager.create(number))
 * { return mul(n); }}. {@code create} wraps a JVM direct buffer without copying ({@code torch::from_blob}) and
 * {@code close} releases the Java side at once, so the buffer is freed at the next garbage collection. These five
 * operations need the number again in backward, and PyTorch's autograd keeps a reference to that tensor, not to
 * its memory: a GC between forward and backward makes backward read freed memory. Measured here: the gradient of
 * {@code x.mul(3f).sum()} came back as 1e30 or 2e-19 instead of 3 after a GC, and a matrix-factorisation test that
 * reaches RMSE 0.119 gave 0.35 to 0.63 (or NaN) with a thread calling {@code System.gc()} beside the training.
 * (Addition and subtraction are unaffected: their backward does not read the other operand.)
 *
 * <p>Here the number becomes a 0-d tensor made by PyTorch itself ({@code torch::full}), whose memory autograd's
 * reference keeps alive; it has the array's data type, so a float32 array stays float32.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · c}. */
    public static NDArray mul(NDArray x, double c) {
        return apply(x, c, NDArray::mul);
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return apply(x, c, NDArray::div);
    }

    /** {@code x ^ c}. */
    public static NDArray pow(NDArray x, double c) {
        return apply(x, c, NDArray::pow);
    }

    /** Element-wise {@code max(x, c)}. */
    public static NDArray maximum(NDArray x, double c) {
        return apply(x, c, NDArray::maximum);
    }

    /** Element-wise {@code min(x, c)}. */
    public static NDArray minimum(NDArray x, double c) {
        return apply(x, c, NDArray::minimum);
    }

    /** {@code c} as a 0-d array of {@code like}'s type and device, in memory PyTorch owns. */
    public static NDArray of(NDArray like, double c) {
        NDArray s = like.getManager().full(new Shape(), (float) c, like.getDataType());
        return s.getDevice().equals(like.getDevice()) ? s : s.toDevice(like.getDevice(), false);
    }

    private static NDArray apply(NDArray x, double c, BinaryOperator<NDArray> op) {
        // closing our handle is safe: autograd holds its own reference to the tensor and to memory PyTorch owns
        try (NDArray s = of(x, c)) {
            return op.apply(x, s);
        }
    }
}
