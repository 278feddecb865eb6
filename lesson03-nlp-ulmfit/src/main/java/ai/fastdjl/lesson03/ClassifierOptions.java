package ai.fastdjl.lesson03;

import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
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

    /** Stage 1's model, the task, and stage 2's model; {@code stage2Given} when it came from {@code --finetuned}. */
    record Stages(PretrainedLm.Info stage1, TextTask task, FineTuneLm.Result lm, boolean stage2Given) {}

    /**
     * Reads stage 1 and {@code --finetuned} first (so a bad folder fails before any work), then the task, then runs
     * stage 2 into the run folder's {@code stage2/} unless it was given.
     */
    Stages load(LessonRun run) {
        PretrainedLm.Info stage1 = lm.stage1();
        FineTuneLm.Result given = finetuned != null ? FineTuneLm.Result.read(finetuned) : null;
        TextTask t = TextTask.load(task, run.options());
        return new Stages(stage1, t, FineTuneLm.givenOrRun(given, t, stage1, lm, run), given != null);
    }
}
