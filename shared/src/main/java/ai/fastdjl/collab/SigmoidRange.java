package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * fastai's {@code sigmoid_range}: {@code sigmoid(x) · (high - low) + low}, so a regression output can only land
 * in {@code (low, high)}. The course's tip: make the range a little wider than the data (0 … 5.5 for ratings of at
 * most 5), because a sigmoid reaches its bounds only at ±∞ and the model could otherwise never predict a 5.
 */
public final class SigmoidRange {
    private SigmoidRange() {}

    public static NDArray apply(NDArray x, float low, float high) {
        // not in place: sigmoid's backward reads its own output
        return Activation.sigmoid(x).mul(high - low).add(low);
    }

    /** The same as a block, to end a sequential model. */
    public static Block block(float low, float high) {
        return new LambdaBlock(in -> new NDList(apply(in.singletonOrThrow(), low, high)), "sigmoid_range");
    }

    /**
     * The course's range for ratings in {@code [min, max]}: 0 (or {@code 1.1·min} if ratings can be negative) to
     * {@code 1.1·max}, i.e. 0 … 5.5 for stars up to 5.
     */
    public static float[] forRatings(float min, float max) {
        float low = min >= 0 ? 0 : 1.1f * min;
        float high = max > 0 ? 1.1f * max : max - 0.1f * (max - min);
        return new float[] {low, high};
    }
}
