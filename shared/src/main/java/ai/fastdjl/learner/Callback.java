package ai.fastdjl.learner;

/**
 * A piece of training behaviour that reacts to the {@link Learner}'s events, as fastai's {@code Callback}.
 *
 * <p>Events fire in this order: before fit → (before epoch → before train → (before batch → after pred → after
 * loss → after backward → after step → after batch)* → after train → before validate → (before batch → after
 * pred → after loss → after batch)* → after validate → after epoch)* → after fit. A callback reads and may replace
 * the learner's state ({@code xb}, {@code yb}, {@code pred}, {@code loss}) and may throw a
 * {@link CancelException} to skip the rest of a batch, a phase, an epoch or the fit. Callbacks run in ascending
 * {@link #order()}.
 */
public interface Callback {

    /** Lower runs first. Schedules set hyper-parameters before the recorder reads them. */
    default int order() {
        return 0;
    }

    default void beforeFit(Learner learn) {}

    default void beforeEpoch(Learner learn) {}

    default void beforeTrain(Learner learn) {}

    /** A callback may replace {@code learn.xb()}/{@code learn.yb()} here (mixup does). */
    default void beforeBatch(Learner learn) {}

    default void afterPred(Learner learn) {}

    /** A callback may replace {@code learn.loss()} here. */
    default void afterLoss(Learner learn) {}

    /** Gradients are ready and the step has not happened: clip them here. */
    default void afterBackward(Learner learn) {}

    default void afterStep(Learner learn) {}

    default void afterBatch(Learner learn) {}

    default void afterTrain(Learner learn) {}

    default void beforeValidate(Learner learn) {}

    default void afterValidate(Learner learn) {}

    default void afterEpoch(Learner learn) {}

    default void afterFit(Learner learn) {}

    /** Called instead of the rest of the phase when a {@link CancelException} for it was thrown. */
    default void afterCancel(Learner learn, CancelException cancel) {}
}
