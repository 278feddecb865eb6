package ai.fastdjl.lesson03;

import static ai.fastdjl.report.RunReport.format;

import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the mains that classify texts with the pretrained encoder ({@link Ulmfit}, {@link ProbeEncoder}) share: the
 * task, the language model of stage 1 and how to get stage 2 (run it now, or read a {@link FineTuneLm} run's).
 */
public class ClassifierOptions {
    @Mixin
    TextTask.Options task = new TextTask.Options();

    @Mixin
    FineTuneOptions lm = new FineTuneOptions();

    @Option(names = "--max-len", defaultValue = "300", description = "Tokens a classifier reads of each text (default ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--finetuned", description = "Model folder of a FineTuneLm run on the same task: skips stage 2.")
    Path finetuned;

    /**
     * Stage 1's model, the task, and stage 2's model; {@code stage2Given} when it came from {@code --finetuned}. Without
     * a language model (none where {@link PretrainLm} saves it, and no {@code --lm-dir}) stage 1 and 2 are null.
     */
    record Stages(PretrainedLm.Info stage1, TextTask task, FineTuneLm.Result lm, boolean stage2Given) {
        boolean pretrained() {
            return stage1 != null;
        }
    }

    /** What a run without a language model says, once when it starts and in its report. */
    String noLm() {
        return "No stage-1 language model in " + lm.lmDir + ": the majority class, TF-IDF and the classifier from"
                + " scratch only. For the ULMFiT rows build one first with ./fastdjl PretrainLm (25-45 minutes on 2"
                + " cores; it resumes after an interruption), then run this again.";
    }

    /** The report's part on the language models: their perplexities and where stage 2 came from, or {@link #noLm}. */
    void report(Stages st, RunReport report) {
        if (!st.pretrained()) {
            report.text(noLm());
            return;
        }
        report.table("Language model perplexity (lower is better):", List.of("model", "text", "perplexity"),
                        List.of(List.of("stage 1", "held-out general English", format(st.lm().stage1Perplexity())),
                                List.of("stage 1", "held-out task text", format(st.lm().pretrainedPerplexity())),
                                List.of("stage 2", "held-out task text", format(st.lm().perplexity()))))
                .text(!st.stage2Given() ? "Stage 2, the language model fine-tuned on the task: [stage2/README.md]"
                        + "(stage2/README.md)." : "Stage 2 from " + finetuned + ".")
                .put("stage2", st.lm().modelDir().toString());
    }

    /**
     * Reads stage 1 and {@code --finetuned} first (so a bad folder fails before any work), then the task, then runs
     * stage 2 into the run folder's {@code stage2/} unless it was given. {@code needsLm} false: with no language model
     * where {@link PretrainLm} saves it (and none named by a flag) the task alone, so a new CSV gets the rows that need
     * none at once.
     */
    Stages load(LessonRun run, boolean needsLm) {
        if (!needsLm && finetuned == null && lm.lmDir.equals(PretrainLm.defaultModelDir())
                && !Files.exists(lm.lmDir.resolve(PretrainedLm.WEIGHTS))) {
            return new Stages(null, TextTask.load(task, run.options()), null, false);
        }
        PretrainedLm.Info stage1 = lm.stage1();
        FineTuneLm.Result given = finetuned != null ? FineTuneLm.Result.read(finetuned) : null;
        TextTask t = TextTask.load(task, run.options());
        return new Stages(stage1, t, FineTuneLm.givenOrRun(given, t, stage1, lm, run), given != null);
    }
}
