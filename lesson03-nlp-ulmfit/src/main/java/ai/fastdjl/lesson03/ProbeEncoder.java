package ai.fastdjl.lesson03;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.EncoderProbe;
import ai.fastdjl.text.TextBaselines;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 3 — is the pretrained encoder any use for this task before fine-tuning? The course's simplest transfer, a
 * linear model on the pretrained outputs ({@link EncoderProbe}), on three encoders of the same sizes: randomly
 * initialised, the general language model (stage 1) and the one fine-tuned on the task's texts (stage 2). Claim:
 * pretraining puts features into the encoder that a linear model can use, so the stage-1 and stage-2 probes beat
 * the random encoder's (the head start ULMFiT's gradual unfreezing protects).
 */
@Command(name = "ProbeEncoder", mixinStandardHelpOptions = true,
        description = "Linear probes of a random, the stage-1 and the stage-2 encoder on a text classification task.")
public final class ProbeEncoder {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    ClassifierOptions text = new ClassifierOptions();

    static final String RANDOM = "random encoder";
    static final String STAGE1 = "stage-1 encoder (general English)";
    static final String STAGE2 = "stage-2 encoder (fine-tuned on the task's texts)";
    static final String TFIDF = "TF-IDF 1-2-grams + logistic regression (reference)";

    /** Test accuracy of each probe (and of the TF-IDF reference), and the run folder. */
    public record Result(Map<String, Double> accuracy, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ProbeEncoder o = new ProbeEncoder();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        ClassifierOptions.Stages stages = o.text.load(run, true); // stage 2 runs here unless --finetuned gives it
        TextTask task = stages.task();
        Vocab vocab = stages.lm().vocab();
        List<int[]> train = task.trainIds(vocab, o.text.maxLen);
        List<int[]> test = task.testIds(vocab, o.text.maxLen);
        Map<String, Double> acc = new LinkedHashMap<>();
        Map<String, Path> weights = new LinkedHashMap<>();
        weights.put(RANDOM, null);
        weights.put(STAGE1, o.text.lm.lmDir);
        weights.put(STAGE2, stages.lm().modelDir());
        for (Map.Entry<String, Path> e : weights.entrySet()) {
            long t0 = System.nanoTime();
            Engine.getInstance().setRandomSeed(run.seed()); // the random encoder's weights
            try (NDManager m = NDManager.newBaseManager()) {
                AwdLstm enc = new AwdLstm(vocab.size(), stages.stage1().config(), false);
                enc.initialize(m, DataType.FLOAT32, new Shape(1, 8));
                if (e.getValue() != null) {
                    PretrainedLm.load(e.getValue(), e.getKey().equals(STAGE1) ? stages.stage1().vocab() : vocab, vocab, enc, null);
                }
                EncoderProbe.Result r = EncoderProbe.probe(enc, vocab.pad(), train, task.trainLabels(), test,
                        task.testLabels(), task.classes().size(), run.seed(), m);
                acc.put(e.getKey(), r.accuracy());
                System.out.printf(Locale.ROOT, "%-50s test accuracy %.4f (C = %s, %.0f s)%n", e.getKey(),
                        r.accuracy(), RunReport.format(r.c()), (System.nanoTime() - t0) / 1e9);
            }
        }
        acc.put(TFIDF, TextBaselines.tfidfLogistic(task.trainTexts(), task.trainLabels(), task.testTexts(),
                task.testLabels(), task.classes().size()));
        double margin = Math.max(acc.get(STAGE1), acc.get(STAGE2)) - acc.get(RANDOM);
        run.report("Lesson 3: linear probes of the encoder on " + task.name())
                .claim("Pretraining puts features into the encoder that a linear model can use: logistic regression"
                        + " on its pooled outputs beats the same probe of a randomly initialised encoder.")
                .table("Test accuracy of logistic regression on the frozen encoder's concat-pooled outputs ("
                        + task.testTexts().size() + " texts, majority class "
                        + RunReport.format(TextBaselines.majority(task.trainLabels(), task.testLabels())) + "):",
                        List.of("features", "accuracy"), acc.entrySet().stream()
                                .map(e -> List.of(e.getKey(), RunReport.format(e.getValue()))).toList())
                .metric("best_margin_over_random", margin)
                .comparison("Linear probe test accuracy", "accuracy", acc)
                .write();
        run.printReport();
        return new Result(acc, run.dir());
    }
}
