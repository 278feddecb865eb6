package ai.fastdjl.lesson03;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.report.RunFolder;
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
import picocli.CommandLine.Option;

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
    TextTask.Options task = new TextTask.Options();
    @Mixin
    FineTuneOptions lm = new FineTuneOptions();
    @Option(names = "--max-len", defaultValue = "300", description = "Tokens read of each text (default ${DEFAULT-VALUE}, as Ulmfit).")
    int maxLen;
    @Option(names = "--finetuned", description = "Model folder of a FineTuneLm run on the same task: skips stage 2.")
    Path finetuned;

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
        if (!Cli.parse(args, o)) {
            return null;
        }
        CommonOptions c = o.common;
        PretrainedLm.Info stage1 = o.lm.stage1();
        FineTuneLm.Result stage2 = o.finetuned != null ? FineTuneLm.Result.read(o.finetuned) : null;
        TextTask task = TextTask.load(o.task, c);
        RunFolder run = RunFolder.create(c.out, "ProbeEncoder");
        FineTuneLm.Result lm = FineTuneLm.givenOrRun(stage2, task, stage1, o.lm, c, run, args);
        Vocab vocab = lm.vocab();
        List<int[]> train = task.trainIds(vocab, o.maxLen);
        List<int[]> test = task.testIds(vocab, o.maxLen);
        Map<String, Double> acc = new LinkedHashMap<>();
        Map<String, Path> weights = new LinkedHashMap<>();
        weights.put(RANDOM, null);
        weights.put(STAGE1, o.lm.lmDir);
        weights.put(STAGE2, lm.modelDir());
        for (Map.Entry<String, Path> e : weights.entrySet()) {
            long t0 = System.nanoTime();
            Engine.getInstance().setRandomSeed(c.seed); // the random encoder's weights
            try (NDManager m = NDManager.newBaseManager()) {
                AwdLstm enc = new AwdLstm(vocab.size(), stage1.config(), false);
                enc.initialize(m, DataType.FLOAT32, new Shape(1, 8));
                if (e.getValue() != null) {
                    PretrainedLm.load(e.getValue(), e.getKey().equals(STAGE1) ? stage1.vocab() : vocab, vocab, enc, null);
                }
                EncoderProbe.Result r = EncoderProbe.probe(enc, vocab.pad(), train, task.trainLabels(), test,
                        task.testLabels(), task.classes().size(), c.seed, m);
                acc.put(e.getKey(), r.accuracy());
                System.out.printf(Locale.ROOT, "%-50s test accuracy %.4f (C = %s, %.0f s)%n", e.getKey(),
                        r.accuracy(), RunReport.format(r.c()), (System.nanoTime() - t0) / 1e9);
            }
        }
        acc.put(TFIDF, TextBaselines.tfidfLogistic(task.trainTexts(), task.trainLabels(), task.testTexts(),
                task.testLabels(), task.classes().size()));
        double margin = Math.max(acc.get(STAGE1), acc.get(STAGE2)) - acc.get(RANDOM);
        new RunReport(run, "Lesson 3: linear probes of the encoder on " + task.name())
                .claim("Pretraining puts features into the encoder that a linear model can use: logistic regression"
                        + " on its pooled outputs beats the same probe of a randomly initialised encoder.")
                .table("Test accuracy of logistic regression on the frozen encoder's concat-pooled outputs ("
                        + task.testTexts().size() + " texts, majority class "
                        + RunReport.format(TextBaselines.majority(task.trainLabels(), task.testLabels())) + "):",
                        List.of("features", "accuracy"), acc.entrySet().stream()
                                .map(e -> List.of(e.getKey(), RunReport.format(e.getValue()))).toList())
                .metric("best_margin_over_random", margin)
                .comparison("Linear probe test accuracy", "accuracy", acc)
                .command("lesson03-nlp-ulmfit", "ProbeEncoder", args)
                .write();
        System.out.println("report: " + run.file("README.md"));
        return new Result(acc, run.dir());
    }
}
