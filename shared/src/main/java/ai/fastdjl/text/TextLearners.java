package ai.fastdjl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.callback.ModelResetter;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.schedule.OneCycle;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.LanguageModel;
import ai.fastdjl.text.models.PretrainedLm;
import ai.fastdjl.text.models.RecurrentLm;
import ai.fastdjl.text.models.TextClassifier;
import java.nio.file.Path;

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
    public static LearnerBuilder languageModel(DataLoaders dls, int vocabSize, AwdLstm.Config cfg, int bptt) {
        return Learner.builder(dls, new LanguageModel(vocabSize, cfg))
                .splitter(LanguageModel.splitter())
                .metrics(Metrics.accuracy())
                .callbacks(new ModelResetter(), new GradientClipping(CLIP))
                .inputShapes(new Shape(dls.batchSize(), bptt));
    }

    /**
     * A small recurrent language model's learner ({@link RecurrentLm}) on {@link LmDataset} loaders with sequences of
     * {@code bptt}: cross-entropy, accuracy, the hidden-state resetter and gradient clipping at norm 1.
     */
    public static LearnerBuilder recurrentLm(DataLoaders dls, RecurrentLm model, int bptt) {
        return Learner.builder(dls, model)
                .metrics(Metrics.accuracy())
                .callbacks(new ModelResetter(), new GradientClipping())
                .inputShapes(new Shape(dls.batchSize(), bptt));
    }

    /** A classifier learner on {@link SortedTextDataset} loaders. */
    public static LearnerBuilder classifier(DataLoaders dls, int vocabSize, AwdLstm.Config cfg, int nClasses,
            int pad) {
        return Learner.builder(dls, new TextClassifier(vocabSize, cfg, nClasses, pad))
                .splitter(TextClassifier.splitter())
                .metrics(Metrics.accuracy())
                .callbacks(new ModelResetter(), new GradientClipping(CLIP))
                .inputShapes(new Shape(dls.batchSize(), 8));
    }

    /** Mean loss and accuracy of a pass over the validation set; for a language model, per token. */
    public record Eval(double loss, double accuracy) {
        /** {@code exp(loss)}: the number of words a language model hesitates between, on average. */
        public double perplexity() {
            return Math.exp(loss);
        }
    }

    /**
     * Scores {@code learn}'s model on its validation set without training (fastai's {@code learn.validate()}),
     * from a fresh hidden state, e.g. a pretrained language model on the new task's text before fine-tuning.
     */
    public static Eval evaluate(Learner learn) {
        ModelResetter.reset(learn.block());
        double lossSum = 0;
        long correct = 0;
        long n = 0;
        for (Batch batch : DataLoaders.batches(learn.dls().valid(), learn.trainer().getManager())) {
            try (batch) {
                NDList pred = learn.predict(batch.getData());
                NDArray y = batch.getLabels().head().toType(DataType.INT64, false);
                long count = y.getShape().get(0);
                lossSum += learn.lossFn().evaluate(batch.getLabels(), pred).getFloat() * count;
                correct += pred.head().argMax(1).toType(DataType.INT64, false).eq(y).countNonzero().getLong();
                n += count;
            }
        }
        ModelResetter.reset(learn.block());
        return new Eval(lossSum / n, (double) correct / n);
    }

    /** One cycle with fastai's text momentum, {@code moms=(0.8, 0.7, 0.8)} (its {@code TextLearner} default). */
    public static void fitOneCycle(Learner learn, int epochs, LrSlice lr, Callback... extra) {
        learn.fit(epochs, OneCycle.builder(lr).moms(0.8, 0.7, 0.8).build(), extra);
    }

    /**
     * Copies a saved language model's encoder into a classifier learner's (fastai's {@code load_encoder}), mapping
     * the model's vocabulary {@code lmVocab} onto the classifier's {@code vocab}.
     *
     * @return how many of {@code vocab}'s tokens had a saved embedding row
     */
    public static int loadEncoder(Learner learn, Path lmDir, Vocab lmVocab, Vocab vocab) {
        return PretrainedLm.load(lmDir, lmVocab, vocab, ((TextClassifier) learn.block()).encoder(), null);
    }
}
