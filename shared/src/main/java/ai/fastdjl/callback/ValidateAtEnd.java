package ai.fastdjl.callback;

import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;

/**
 * Skips validation except after the last epoch: for many short epochs on a small training set, where scoring the
 * whole validation set every epoch would cost more than the training itself.
 */
public class ValidateAtEnd implements Callback {
    @Override
    public void beforeValidate(Learner learn) {
        if (learn.epoch() < learn.nEpoch() - 1) {
            throw new CancelException.Validate("validation only after the last epoch");
        }
    }
}
