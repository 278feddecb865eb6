package ai.fastdjl.text;

import ai.djl.ndarray.types.Shape;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.callback.ModelResetter;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.schedule.OneCycle;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.LanguageModel;
import ai.fastdjl.text.models.TextClassifier;

/**
 * The application layer for text, as fastai's {@code language_model_learner} and {@code text_classifier_learner}:
 * one call gives a learner builder with the AWD-LSTM model, its parameter groups, cross-entropy, accuracy, the
 * hidden-state resetter and gradient clipping; the caller adds seed, run folder and progress settings.
 */
public final class TextLearners {
    /** The AWD-LSTM paper clips the gradient norm at 0.25 (fastai's RNN learners leave it to the user). */
    public static final double CLIP = 0.25;

    private TextLearners() {}

    /** A language model learner on {@link LmDataset} loaders with sequences of {@code bptt}. */
    public static Learner.Builder languageModel(DataLoaders dls, int vocabSize, AwdLstm.Config cfg, int bptt) {
        return Learner.builder(dls, new LanguageModel(vocabSize, cfg))
                .splitter(LanguageModel.splitter())
                .metrics(Metrics.accuracy())
                .callbacks(new ModelResetter(), new GradientClipping(CLIP))
                .inputShapes(new Shape(dls.batchSize(), bptt));
    }

    /** A classifier learner on {@link SortedTextDataset} loaders. */
    public static Learner.Builder classifier(DataLoaders dls, int vocabSize, AwdLstm.Config cfg, int nClasses,
            int pad) {
        return Learner.builder(dls, new TextClassifier(vocabSize, cfg, nClasses, pad))
                .splitter(TextClassifier.splitter())
                .metrics(Metrics.accuracy())
                .callbacks(new ModelResetter(), new GradientClipping(CLIP))
                .inputShapes(new Shape(dls.batchSize(), 8));
    }

    /** One cycle with fastai's text momentum, {@code moms=(0.8, 0.7, 0.8)} (its {@code TextLearner} default). */
    public static void fitOneCycle(Learner learn, int epochs, LrSlice lr) {
        OneCycle.builder(lr).moms(0.8, 0.7, 0.8).build().fit(learn, epochs);
    }
}
