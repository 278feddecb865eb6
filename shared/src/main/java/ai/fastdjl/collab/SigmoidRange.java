package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.fastdjl.nd.Scalars;

/**
 * fastai's {@code sigmoid_range}: {@code sigmoid(x) · (high - low) + low}, so a regression output can only land
 * in {@code (low, high)}. The course's tip: make the range a little wider than the data (0 … 5.5 for ratings of at
 * most 5), because a sigmoid reaches its bounds only at ±∞ and the model could otherwise never predict a 5.
 */
public final class SigmoidRange {
    private SigmoidRange() {}

    public static NDArray apply(NDArray x, float low, float high) {
        // not in place: sigmoid's backward reads its own output
        return Scalars.mul(Activation.sigmoid(x), high - low).add(low);
    }

    /** The same as a block, to end a sequential model. */
    public static Block block(float low, float high) {
        return new LambdaBlock(in -> new NDList(apply(in.singletonOrThrow(), low, high)), "sigmoid_range");
    }

    /**
     * The course's range for ratings in {@code [min, max]}, a little wider than the data on both sides: from 0 when
     * every rating is positive (else {@code min - 0.1·(max - min)}) to {@code max + 0.1·max(max, max - min)}. For
     * stars from 0.5 to 5 that is fastbook's 0 … 5.5; for ratings from -5 to -1 it is -5.4 … -0.6.
     *
     * @throws IllegalArgumentException when {@code max <= min} (no range to learn) or a bound is not finite
     */
    public static float[] forRatings(float min, float max) {
        float span = max - min;
        if (!(span > 0) || !Float.isFinite(span)) {
            throw new IllegalArgumentException("ratings from " + min + " to " + max + " leave no range to learn");
        }
        float low = min > 0 ? 0 : min - 0.1f * span;
        float high = max + 0.1f * Math.max(max, span);
        return new float[] {low, high};
    }
}
