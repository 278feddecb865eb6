package ai.fastdjl.callback;

import ai.djl.nn.Block;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;

/**
 * Clears a recurrent model's hidden state before training, before validation and after the fit, as fastai's
 * {@code ModelResetter}: a language model carries its state from batch to batch within a pass over the token
 * stream, but a new pass starts at a different place in the text, where the old state means nothing.
 */
public class ModelResetter implements Callback {

    /** A block with state that outlives one forward pass. */
    public interface Resettable {
        void reset();
    }

    @Override
    public void beforeTrain(Learner learn) {
        reset(learn.block());
    }

    @Override
    public void beforeValidate(Learner learn) {
        reset(learn.block());
    }

    @Override
    public void afterFit(Learner learn) {
        reset(learn.block());
    }

    /** Resets every {@link Resettable} in {@code block}'s tree. */
    public static void reset(Block block) {
        if (block instanceof Resettable r) {
            r.reset();
        }
        for (Block child : block.getChildren().values()) {
            reset(child);
        }
    }
}
