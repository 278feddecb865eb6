package ai.fastdjl.text;

import ai.fastdjl.learner.Learner;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.text.models.LanguageModel;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;

/**
 * ULMFiT stage 2 (Howard &amp; Ruder 2018; fastbook chapter 10): a language model pretrained on general English is
 * fine-tuned on the target task's own texts, so it learns their vocabulary and style before any classifier is
 * built. First only the embedding and the decoder train (the LSTMs frozen), while the new words' rows move away
 * from the mean embedding they start at; then everything trains. Each phase is one cycle, the slanted triangular
 * learning rate of the paper.
 *
 * <p>fastbook's recipe, {@link #fastai}: {@code fit_one_cycle(1, 2e-2)} frozen, then {@code unfreeze()},
 * {@code fit_one_cycle(10, 2e-3)}.
 */
public final class LmFineTuning {
    private final int frozenEpochs;
    private final double frozenLr;
    private final int epochs;
    private final double lr;

    public LmFineTuning(int frozenEpochs, double frozenLr, int epochs, double lr) {
        this.frozenEpochs = frozenEpochs;
        this.frozenLr = frozenLr;
        this.epochs = epochs;
        this.lr = lr;
    }

    /** fastbook's schedule: 1 frozen epoch at 2e-2, 10 unfrozen at 2e-3. */
    public static LmFineTuning fastai() {
        return new LmFineTuning(1, 2e-2, 10, 2e-3);
    }

    /** The same schedule with {@code lr} for the unfrozen epochs. */
    public LmFineTuning lr(double lr) {
        return new LmFineTuning(frozenEpochs, frozenLr, epochs, lr);
    }

    /** The same schedule with {@code e} unfrozen epochs. */
    public LmFineTuning epochs(int e) {
        return new LmFineTuning(frozenEpochs, frozenLr, e, lr);
    }

    public int totalEpochs() {
        return frozenEpochs + epochs;
    }

    /**
     * Copies the stage-1 model in {@code dir} into {@code learn}'s language model, mapping its vocabulary
     * {@code pretrained} onto {@code vocab}, the learner's (new words start at the mean embedding and bias).
     *
     * @return how many of {@code vocab}'s tokens had a pretrained row
     */
    public static int loadPretrained(Learner learn, Path dir, Vocab pretrained, Vocab vocab) {
        LanguageModel lm = (LanguageModel) learn.block();
        return PretrainedLm.load(dir, pretrained, vocab, lm.encoder(), lm.decoder());
    }

    /** Trains {@code learn} (a {@link LanguageModel} learner) on this schedule and leaves it unfrozen. */
    public void fit(Learner learn) {
        if (frozenEpochs > 0) {
            learn.freeze(); // LanguageModel.splitter(): the last group is the embedding with the decoder
            TextLearners.fitOneCycle(learn, frozenEpochs, LrSlice.flat(frozenLr));
        }
        learn.unfreeze();
        if (epochs > 0) {
            TextLearners.fitOneCycle(learn, epochs, LrSlice.flat(lr));
        }
    }
}
