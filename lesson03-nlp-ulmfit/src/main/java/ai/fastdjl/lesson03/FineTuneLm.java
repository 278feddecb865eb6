package ai.fastdjl.lesson03;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.LmFineTuning;
import ai.fastdjl.text.TextGenerator;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.Tokenizer;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.LanguageModel;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 3, ULMFiT stage 2 — the general-English language model of {@link PretrainLm} fine-tuned on the target
 * task's texts, the step the course says makes ULMFiT work on small data sets: the model learns the task's words and
 * style from text that needs no labels. The vocabulary is the task's own; words the pretrained model knows keep
 * their embedding, new ones start at the mean embedding. Claim measured: perplexity on held-out task text falls well
 * below the pretrained model's. Also generates reviews by sampling and by beam search.
 */
@Command(name = "FineTuneLm", mixinStandardHelpOptions = true,
        description = "ULMFiT stage 2: fine-tune the pretrained language model on the target task's texts.")
public final class FineTuneLm {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    TextTask.Options task = new TextTask.Options();

    @Mixin
    FineTuneOptions lm = new FineTuneOptions();

    /** The task vocabulary and model; perplexities of stage 1 (general English) and on held-out task text. */
    public record Result(Vocab vocab, int pretrainedTokens, double stage1Perplexity, double pretrainedPerplexity,
            double perplexity, double accuracy, String sample, String beam, Path modelDir, Path runDir) {

        /** What a finished run saved in {@code modelDir} ({@link Ulmfit}'s {@code --finetuned}). */
        static Result read(Path modelDir) {
            PretrainedLm.Info info = PretrainedLm.read(modelDir, "pass --finetuned the model folder of a FineTuneLm"
                    + " run (runs/FineTuneLm/<time>/model)");
            return new Result(info.vocab(), -1, info.number("stage1_perplexity"), info.number("pretrained_perplexity"),
                    info.number("valid_perplexity"), info.number("valid_accuracy"), "", "", modelDir, null);
        }
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        FineTuneLm o = new FineTuneLm();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (run.options().lr != null) {
            throw new UserInputException("FineTuneLm's learning rate is --lm-lr (the unfrozen epochs'), not --lr");
        }
        PretrainedLm.Info stage1 = o.lm.stage1();
        TextTask task = TextTask.load(o.task, run.options());
        Result r = fineTune(task, stage1, o.lm, run, run.folder());
        run.printReport();
        System.out.println("model:  " + r.modelDir());
        return r;
    }

    /**
     * The stage-2 model a classifier main starts from: {@code given} (read from its {@code --finetuned} folder before
     * anything was written), or stage 2 run now into {@code run}'s {@code stage2/} folder.
     */
    static Result givenOrRun(Result given, TextTask task, PretrainedLm.Info stage1, FineTuneOptions o, LessonRun run) {
        return given != null ? given : fineTune(task, stage1, o, run, RunFolder.at(run.file("stage2")));
    }

    /** Stage 2 on {@code task} into {@code run} (its report, plots and {@code model/}); {@link Ulmfit} calls it too. */
    static Result fineTune(TextTask task, PretrainedLm.Info stage1, FineTuneOptions o, LessonRun run, RunFolder folder) {
        List<String> texts = new ArrayList<>(task.trainTexts());
        if (o.lmTexts == FineTuneOptions.LmTexts.ALL) {
            texts.addAll(task.testTexts()); // fastai's IMDb notebooks: the test reviews, without labels, too
        }
        List<List<String>> docs = Tokenizer.tokenizeAll(texts);
        Vocab vocab = Vocab.build(docs, Vocab.DEFAULT_MIN_FREQ, o.maxVocab);
        List<List<int[]>> split = LmDataset.splitDocs(vocab.numericalizeAll(docs), o.validPct, run.seed());
        int bs = run.batchSize(64);
        LmOptions.requireTokens(LmDataset.count(split.get(0)), bs, "training", "--limit");
        LmOptions.requireTokens(LmDataset.count(split.get(1)), bs, "validation", "--lm-valid-pct");
        DataLoaders dls = new DataLoaders(LmDataset.train(split.get(0), bs, o.bptt), LmDataset.valid(split.get(1),
                bs, o.bptt), bs, true, List.of());
        AwdLstm.Config cfg = stage1.config().forLanguageModel(o.dropMult);
        LmFineTuning schedule = LmFineTuning.fastai().epochs(o.epochs(run.options())).lr(o.lr);
        try (Learner learn = run.learner(TextLearners.languageModel(dls, vocab.size(), cfg, o.bptt))
                .name("ulmfit-lm-finetuned").run(folder).build()) {
            int known = LmFineTuning.loadPretrained(learn, o.lmDir, stage1.vocab(), vocab);
            TextLearners.Eval before = TextLearners.evaluate(learn);
            System.out.printf("%d of %d task tokens start from the pretrained model; its perplexity on held-out task"
                    + " text: %.1f%n", known, vocab.size(), before.perplexity());
            schedule.fit(learn);
            var last = learn.recorder().last();
            double perplexity = Math.exp(last.validLoss());
            double accuracy = last.metrics().get("accuracy");
            double stage1Ppl = stage1.number("valid_perplexity");
            Path modelDir = folder.file("model");
            PretrainedLm.save(modelDir, (LanguageModel) learn.block(), vocab, Map.of("valid_perplexity",
                    perplexity, "valid_accuracy", accuracy, "pretrained_perplexity", before.perplexity(),
                    "stage1_perplexity", stage1Ppl, "pretrained_from", o.lmDir.toString(), "task", task.name()));
            TextGenerator gen = new TextGenerator(learn, vocab);
            String sample = TextGenerator.text(gen.sample(o.prompt, 40, 0.75, new Random(run.seed())));
            String beam = TextGenerator.text(gen.beamSearch(o.prompt, 20, TextGenerator.TOP_K, 100, 0.1,
                    new Random(run.seed())));
            System.out.printf("perplexity on held-out task text: %.1f pretrained, %.1f fine-tuned (accuracy %.3f)%n"
                    + "sample: %s%nbeam:   %s%n", before.perplexity(), perplexity, accuracy, sample, beam);
            new RunReport(folder, "Lesson 3 (ULMFiT stage 2): the language model fine-tuned on " + task.name())
                    .claim("Fine-tuning the general language model on the task's own (unlabelled) texts makes it"
                            + " predict them far better: the step that lets ULMFiT learn from few labels.")
                    .metric("stage1_valid_perplexity (general English)", stage1Ppl)
                    .metric("pretrained_perplexity (task text)", before.perplexity())
                    .metric("finetuned_perplexity (task text)", perplexity).metric("finetuned_accuracy", accuracy)
                    .metric("vocab", vocab.size()).metric("tokens_with_pretrained_rows", known)
                    .metric("lm_texts", texts.size() + " (" + o.lmTexts + ")").metric("epochs", "1 frozen + "
                            + o.epochs(run.options()) + " unfrozen")
                    .text("Sampled at temperature 0.75:\n\n> " + sample + "\n\nBeam search (top 10 of 100 beams):"
                            + "\n\n> " + beam)
                    .add(learn.recorder())
                    .command(run.command())
                    .write();
            return new Result(vocab, known, stage1Ppl, before.perplexity(), perplexity, accuracy, sample, beam,
                    modelDir, folder.dir());
        }
    }
}
