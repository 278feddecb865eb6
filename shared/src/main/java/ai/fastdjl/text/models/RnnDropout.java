package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Dropout that removes the same features at every time step (Gal &amp; Ghahramani's variational dropout; fastai's
 * {@code RNNDropout}): the mask has shape {@code [batch, 1, features]} and is broadcast over the sequence. The
 * course: "dropout the same things in every time step" — a fresh mask per step would let the recurrent state route
 * around it and would add noise to the state at every step instead of thinning features consistently.
 */
public final class RnnDropout {
    private RnnDropout() {}

    /**
     * {@code x * mask / (1-p)} for {@code x: [batch, time, features]} while training; {@code x} itself otherwise. The
     * mask is created in {@code x}'s manager (the batch's), so nothing outlives the batch.
     */
    public static NDArray apply(NDArray x, float p, boolean training) {
        if (!training || p <= 0) {
            return x;
        }
        Shape s = x.getShape();
        NDArray mask = keepMask(x, new Shape(s.get(0), 1, s.get(2)), p);
        return mask.mul(x);
    }

    /** Bernoulli(1-p) values scaled by 1/(1-p), shape {@code shape}, in {@code like}'s manager. */
    static NDArray keepMask(NDArray like, Shape shape, float p) {
        return like.getManager().randomUniform(0f, 1f, shape).gte(p).toType(DataType.FLOAT32, false)
                .mul(1f / (1f - p));
    }
}
