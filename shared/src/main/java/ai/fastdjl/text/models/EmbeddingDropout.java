package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Drops whole words from the embedding matrix while training (fastai's {@code EmbeddingDropout}, Merity et al.'s
 * embedding dropout): each row of the {@code [vocab, emb]} matrix is zeroed with probability {@code p} and the rest
 * scaled by {@code 1/(1-p)}, so every occurrence of a dropped word in the batch vanishes at once, and the model
 * cannot lean on any single word.
 */
public final class EmbeddingDropout {
    private EmbeddingDropout() {}

    /**
     * The masked weight, created in {@code batchArray}'s manager (the weight itself belongs to the model, and arrays
     * made from it would live as long as the model).
     */
    public static NDArray apply(NDArray weight, float p, boolean training, NDArray batchArray) {
        if (!training || p <= 0) {
            return weight;
        }
        NDArray mask = RnnDropout.keepMask(batchArray, new Shape(weight.getShape().get(0), 1), p);
        return mask.mul(weight);
    }
}
