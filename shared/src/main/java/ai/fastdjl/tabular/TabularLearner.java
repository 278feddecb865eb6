package ai.fastdjl.tabular;

import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.metric.Metrics;

/**
 * fastai's {@code tabular_learner}: for regression a {@link TabularModel} trained with mean squared error (fastai's
 * {@code MSELossFlat}), reporting RMSE, and exp-RMSPE when the target is a log (Rossmann's metric); for
 * classification one output per class, cross-entropy (fastai's {@code CrossEntropyLossFlat}) and accuracy.
 */
public final class TabularLearner {
    private TabularLearner() {}

    /** A learner builder with the loss and metrics set; add seed, run folder, callbacks as usual. */
    public static LearnerBuilder regression(DataLoaders dls, TabularModel model, boolean logTarget) {
        LearnerBuilder b = Learner.builder(dls, model).name("tabular").loss(new MseLoss());
        return logTarget ? b.metrics(Metrics.rmse(), Metrics.expRmspe()) : b.metrics(Metrics.rmse());
    }

    /** A learner builder for a model with one output per class; its labels are class codes. */
    public static LearnerBuilder classification(DataLoaders dls, TabularModel model) {
        return Learner.builder(dls, model).name("tabular").loss(new SoftTargetCrossEntropy()).metrics(Metrics.accuracy());
    }
}
