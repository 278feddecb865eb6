package ai.fastdjl.lesson03;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Stage 2's flags, shared by {@link FineTuneLm} and {@link Ulmfit} (a picocli mixin). */
public class FineTuneOptions {
    /** Which texts the language model is fine-tuned on; none of them needs a label. */
    public enum LmTexts { TRAIN, ALL }

    @Option(names = "--lm-dir", description = "The stage-1 model (default $FASTDJL_DATA/models/ulmfit-lm, where PretrainLm saves it).")
    public Path lmDir = PretrainLm.defaultModelDir();

    @Option(names = "--lm-epochs", description = "Unfrozen epochs of LM fine-tuning, after one frozen (default 1, --full 4; fastbook 10).")
    public Integer lmEpochs;

    @Option(names = "--lm-lr", defaultValue = "2e-3", description = "Learning rate of the unfrozen epochs (default ${DEFAULT-VALUE}, fastbook's; the frozen one uses 2e-2).")
    public double lr;

    @Option(names = "--lm-texts", defaultValue = "ALL", description = "Texts to fine-tune on: TRAIN, or ALL = training"
            + " and test texts without their labels, as fastai's IMDb notebooks do (default ${DEFAULT-VALUE}).")
    public LmTexts lmTexts;

    @Option(names = "--lm-valid-pct", defaultValue = "0.1", description = "Held-out fraction of those texts for perplexity (default ${DEFAULT-VALUE}).")
    public double validPct;

    @Option(names = "--bptt", defaultValue = "70", description = "Sequence length (default ${DEFAULT-VALUE}, as fastai).")
    public int bptt;

    @Option(names = "--lm-drop-mult", defaultValue = "0.3", description = "Scales the LM's dropouts (fastbook: 0.3).")
    public double dropMult;

    @Option(names = "--max-vocab", defaultValue = "8000", description = "Largest task vocabulary (default ${DEFAULT-VALUE}; fastai 60000).")
    public int maxVocab;

    @Option(names = "--prompt", defaultValue = "I liked this because", description = "Start of the generated texts.")
    public String prompt;

    /** The stage-1 model's sizes, vocabulary and notes; one line naming the fix when there is none. */
    PretrainedLm.Info stage1() {
        return PretrainedLm.read(lmDir, "run PretrainLm first (./fastdjl PretrainLm) or pass --lm-dir DIR");
    }

    int epochs(CommonOptions c) {
        return lmEpochs != null ? lmEpochs : c.full ? 4 : 1;
    }
}
