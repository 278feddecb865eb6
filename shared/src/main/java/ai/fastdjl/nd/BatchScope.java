package ai.fastdjl.nd;

import ai.djl.ndarray.NDArray;

/**
 * Gives an array computed from a parameter inside a forward pass (a weight flipped, transposed, reshaped or scaled)
 * to the batch's manager. Use it in a block's {@code forwardInternal} on every op whose first operand is a
 * parameter.
 *
 * <p>Why: DJL's PyTorch engine attaches an op's result to its first operand's manager. A parameter's manager lives
 * as long as the model, so such a result is never closed: one leaked array per forward pass, with its autograd node.
 * Measured here (DJL 0.36, libtorch 2.7.1): a transposed convolution that flipped its weight this way leaked 1.6 MB of
 * native memory per batch of 64 and killed a 60,000-image run at 23 GB (out of memory); a weight's transpose left
 * 300 arrays in the model's manager per 300 batches. Re-attached to the batch's manager, both stay flat.
 */
public final class BatchScope {
    private BatchScope() {}

    /**
     * {@code derived}, now owned by {@code batchArray}'s manager, so it is closed with the batch. {@code derived}
     * must be a new array (an op's result), never the parameter itself: that would close the parameter with the batch.
     */
    public static NDArray attach(NDArray batchArray, NDArray derived) {
        derived.attach(batchArray.getManager());
        return derived;
    }
}
