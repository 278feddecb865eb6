package ai.fastdjl.lesson03;

import ai.fastdjl.callback.ValidateAtEnd;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.ScoreTable;
import ai.fastdjl.report.Stats;
import ai.fastdjl.text.GradualUnfreezing;
import ai.fastdjl.text.SortedTextDataset;
import ai.fastdjl.text.TextBaselines;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.Tokenizer;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3 — ULMFiT (Howard &amp; Ruder 2018): a language model pretrained on general English (stage 1,
 * {@link PretrainLm}) is fine-tuned on the task's texts (stage 2, {@link FineTuneLm}), and a classifier on its
 * encoder (concat pooling, BatchNorm/dropout head) is trained by gradual unfreezing with discriminative learning
 * rates (stage 3). Claim measured on the Amazon fine-food reviews (4,000 train / 1,000 test, great vs other), mean
 * of 3 seeds: ULMFiT reaches ≥ 0.83, ≥ 2 points over TF-IDF logistic regression and ≥ 3 over the same classifier
 * trained from scratch; the table also shows what stage 2 adds. Without a stage-1 model it gives the rows that need
 * none (majority, TF-IDF, from scratch) at once, and says how to build one.
 */
@Command(name = "Ulmfit", mixinStandardHelpOptions = true,
        description = "ULMFiT stages 2 and 3 on a text classification task, against four baselines.")
public final class Ulmfit {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    ClassifierOptions text = new ClassifierOptions();
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds of each neural classifier (default ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--drop-mult", defaultValue = "0.5", description = "Scales the classifier's dropouts (fastbook: 0.5).")
    double dropMult;
    @Option(names = "--scratch-lr", defaultValue = "5e-3", description = "One-cycle learning rate of the classifier from scratch (default ${DEFAULT-VALUE}).")
    double scratchLr;
    @Option(names = "--all-layers", description = "Pretrained classifiers train every layer from the start at --scratch-lr, as the scratch row (no gradual unfreezing).")
    boolean allLayers;

    static final String MAJORITY = "majority class";
    static final String TFIDF = "TF-IDF 1-2-grams + logistic regression";
    static final String SCRATCH = "AWD-LSTM classifier from scratch";
    static final String NO_STAGE2 = "ULMFiT without stage 2";
    static final String FULL = "ULMFiT";

    /** Test accuracy per model (over seeds), and the language model's perplexities. */
    public record Result(Map<String, Stats> accuracy, double stage1Perplexity, double pretrainedPerplexity,
            double finetunedPerplexity, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Ulmfit o = new Ulmfit();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        ClassifierOptions.Stages stages = o.text.load(run, false);
        PretrainedLm.Info stage1 = stages.stage1();
        TextTask task = stages.task();
        FineTuneLm.Result lm = stages.lm();
        if (!stages.pretrained()) {
            System.out.println(o.text.noLm());
        }
        // without a language model the classifier's vocabulary is the training texts' own, as stage 2's would be
        Vocab vocab = stages.pretrained() ? lm.vocab() : Vocab.build(Tokenizer.tokenizeAll(task.trainTexts()),
                Vocab.DEFAULT_MIN_FREQ, o.text.lm.maxVocab);
        DataLoaders dls = SortedTextDataset.loaders(task.trainIds(vocab, o.text.maxLen), task.trainLabels(),
                task.testIds(vocab, o.text.maxLen), task.testLabels(), run.batchSize(64), vocab.pad(),
                task.classes());
        ScoreTable acc = new ScoreTable();
        acc.add(MAJORITY, TextBaselines.majority(task.trainLabels(), task.testLabels()));
        acc.add(TFIDF, TextBaselines.tfidfLogistic(task.trainTexts(), task.trainLabels(), task.testTexts(),
                task.testLabels(), task.classes().size()));
        AwdLstm.Config cfg = (stages.pretrained() ? stage1.config() : new LmOptions().languageModel())
                .forClassifier(o.dropMult); // stage 1's sizes, or PretrainLm's defaults
        List<String> models = stages.pretrained() ? List.of(SCRATCH, NO_STAGE2, FULL) : List.of(SCRATCH);
        GradualUnfreezing gu = GradualUnfreezing.fastai().scaled(run.lr(2e-2)).epochs(1, 1, 1,
                run.epochs(1, 2)); // --lr: the head's; later stages keep fastbook's 1/2, 1/4, 1/20 of it
        RunReport report = run.report("Lesson 3: ULMFiT on " + task.name());
        for (int s = 0; s < o.seeds; s++) {
            for (String model : models) {
                long t0 = System.nanoTime();
                boolean shown = s == 0 && model.equals(models.get(models.size() - 1)); // its table and plots: report
                try (Learner learn = run.learner(TextLearners.classifier(dls, vocab.size(), cfg, task.classes().size(),
                        vocab.pad())).seed(run.seed() + s).progress(Progress.quietIf(run.quiet() || !shown)).build()) {
                    if (!model.equals(SCRATCH)) { // NO_STAGE2 starts from the general LM, FULL from the fine-tuned one
                        TextLearners.loadEncoder(learn, model.equals(FULL) ? lm.modelDir() : o.text.lm.lmDir,
                                model.equals(FULL) ? vocab : stage1.vocab(), vocab);
                    }
                    if (model.equals(SCRATCH) || o.allLayers) { // the same epochs, all layers at once
                        TextLearners.fitOneCycle(learn, gu.totalEpochs(), LrSlice.flat(o.scratchLr),
                                new ValidateAtEnd());
                    } else {
                        gu.fit(learn, shown);
                    }
                    acc.add(model, learn.recorder().last().metrics().get("accuracy"));
                    System.out.printf(Locale.ROOT, "seed %d, %s: test accuracy %.4f (%.0f s)%n", run.seed() + s, model,
                            acc.get(model).get(s), (System.nanoTime() - t0) / 1e9);
                    if (shown) {
                        report.add(learn.recorder());
                    }
                }
            }
        }
        acc.report(report, "Test accuracy (" + task.name() + ", " + task.testTexts().size() + " texts; mean ± std"
                + " over seeds):", "accuracy");
        report.claim("ULMFiT (general LM → LM fine-tuned on the task's texts → classifier by gradual unfreezing)"
                        + " beats bag-of-words and the same classifier without pretraining: ≥ 0.83 on the Amazon"
                        + " reviews, ≥ 2 points over TF-IDF logistic regression, ≥ 3 over no pretraining.");
        o.text.report(stages, report);
        report.metric("vocab", vocab.size()).metric("max_len", o.text.maxLen)
                .metric("classifier", cfg.embSize() + "/" + cfg.hiddenSize() + "/" + cfg.layers()
                        + " (emb/hidden/layers), " + gu.totalEpochs() + " epochs, " + (o.allLayers ? "all layers" : "gradual"))
                .write();
        run.printReport();
        double[] ppl = stages.pretrained() ? new double[] {lm.stage1Perplexity(), lm.pretrainedPerplexity(),
            lm.perplexity()} : new double[] {Double.NaN, Double.NaN, Double.NaN};
        return new Result(acc.stats(), ppl[0], ppl[1], ppl[2], run.dir());
    }
}
