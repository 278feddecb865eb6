package ai.fastdjl.lesson03;

import ai.fastdjl.callback.Checkpoint;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.DataResolver;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.TextGenerator;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.LanguageModel;
import ai.fastdjl.text.models.PretrainedLm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3, ULMFiT stage 1 — a general-English AWD-LSTM language model, the "ImageNet of text".
 *
 * <p>The course pretrains on Wikipedia once and reuses the model for every task; here the corpus is what the
 * registries ship ({@link EnglishCorpus}: State of the Union addresses, Moby-Dick, Jane Austen; about 3.4M tokens).
 * Claim measured: the model predicts held-out text far better than its unigram baseline (validation perplexity and
 * next-word accuracy). Saves the encoder, decoder bias and vocabulary for {@link FineTuneLm} and {@link Ulmfit};
 * resumable with {@code --resume RUN_DIR} at any epoch boundary.
 */
@Command(name = "PretrainLm", mixinStandardHelpOptions = true,
        description = "ULMFiT stage 1: pretrain an AWD-LSTM language model on a general English corpus.")
public final class PretrainLm {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    LmOptions lm = new LmOptions();

    @Option(names = "--max-tokens", description = "Use only about N tokens of the corpus (smoke runs).")
    Long maxTokens;

    @Option(names = "--valid-pct", defaultValue = "0.1", description = "Held-out fraction of documents (fastai's valid_pct; default ${DEFAULT-VALUE}).")
    double validPct;

    @Option(names = "--model-dir", description = "Where the pretrained model goes (default $FASTDJL_DATA/models/ulmfit-lm).")
    Path modelDir;

    @Option(names = "--resume", description = "Run folder of an interrupted run (same flags): continue after its last finished epoch.")
    Path resume;

    /** Validation perplexity and next-token accuracy, corpus size, speed, and where the model went. */
    public record Result(double perplexity, double accuracy, long trainTokens, int vocabSize, double tokensPerSecond,
            Path modelDir, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Path defaultModelDir() {
        return DataResolver.cacheRoot().resolve("models").resolve("ulmfit-lm");
    }

    public static Result run(String... args) {
        PretrainLm o = new PretrainLm();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (run.limit() != null || run.validLimit() != null) {
            throw new UserInputException("PretrainLm reads a token budget, --max-tokens N, not --limit/--valid-limit");
        }
        int bs = run.batchSize(64);
        int epochs = run.epochs(4, 10);
        double lr = run.lr(5e-3);
        if (o.resume != null) {
            run.resumeIn(ResumeCheck.runFolder(o.resume)); // fail before the corpus loads
        }
        EnglishCorpus.Split split = EnglishCorpus.load(run.data()).split(o.validPct, run.seed(), o.maxTokens);
        LmOptions.requireTokens(split.trainTokens(), bs, "training", "--max-tokens");
        LmOptions.requireTokens(split.validTokens(), bs, "validation", "--max-tokens or --valid-pct");
        Vocab vocab = Vocab.build(split.train(), Vocab.DEFAULT_MIN_FREQ, o.lm.maxVocab);
        Map<String, Object> flags = new LinkedHashMap<>(o.lm.flags());
        flags.putAll(Map.of("--bs", bs, "--epochs", epochs, "--lr", lr, "--seed", run.seed(), "--valid-pct", o.validPct,
                "--max-tokens", o.maxTokens == null ? "all" : o.maxTokens));
        ResumeCheck.check(run.folder(), o.resume != null, flags, vocab);
        LmDataset trainDs = LmDataset.train(vocab.numericalizeAll(split.train()), bs, o.lm.bptt);
        DataLoaders dls = new DataLoaders(trainDs, LmDataset.valid(vocab.numericalizeAll(split.valid()), bs,
                o.lm.bptt), bs, true, List.of());
        System.out.printf("corpus: %d documents, %d training tokens (%d batches of %d x ~%d), vocabulary %d%n",
                split.train().size() + split.valid().size(), trainDs.tokens(), trainDs.batches(), bs, o.lm.bptt,
                vocab.size());
        AwdLstm.Config cfg = o.lm.languageModel();
        Checkpoint ckpt = new Checkpoint();
        TrainSpeed speed = new TrainSpeed();
        try (Learner learn = run.learner(TextLearners.languageModel(dls, vocab.size(), cfg, o.lm.bptt))
                .name("awd-lstm-lm").callbacks(ckpt, speed).build()) {
            if (o.resume != null) {
                System.out.println("resuming at epoch " + ckpt.resume(learn, o.resume));
            }
            TextLearners.fitOneCycle(learn, epochs, LrSlice.flat(lr));
            var last = learn.recorder().last(); // the last epoch's validation pass; no need for another
            TextLearners.Eval valid = new TextLearners.Eval(last.validLoss(), last.metrics().get("accuracy"));
            Path dir = o.modelDir != null ? o.modelDir : defaultModelDir();
            Map<String, Object> notes = Map.of("valid_perplexity", valid.perplexity(), "valid_accuracy",
                    valid.accuracy(), "train_tokens", trainDs.tokens(), "corpus", "sotu + moby-dick + austen",
                    "epochs", epochs);
            PretrainedLm.save(dir, (LanguageModel) learn.block(), vocab, notes);
            PretrainedLm.save(run.file("model"), (LanguageModel) learn.block(), vocab, notes);
            TextGenerator gen = new TextGenerator(learn, vocab);
            String prompt = "The people of the United States";
            String sampled = TextGenerator.text(gen.sample(prompt, 40, 0.75, new Random(run.seed())));
            String beam = TextGenerator.text(gen.beamSearch(prompt, 20, TextGenerator.TOP_K, 100, 0.1,
                    new Random(run.seed())));
            System.out.printf("valid perplexity %.1f, accuracy %.3f, %.0f tokens/s%nsample: %s%nbeam:   %s%n",
                    valid.perplexity(), valid.accuracy(), speed.tokensPerSecond(), sampled, beam);
            run.report("Lesson 3 (ULMFiT stage 1): a general-English AWD-LSTM language model")
                    .claim("A language model pretrained on general English predicts held-out text far better than"
                            + " chance; it is the starting point of every text task (the 'ImageNet of NLP').")
                    .metric("valid_perplexity", valid.perplexity()).metric("valid_accuracy", valid.accuracy())
                    .metric("train_tokens", trainDs.tokens()).metric("vocab", vocab.size())
                    .metric("model", cfg.embSize() + "/" + cfg.hiddenSize() + "/" + cfg.layers()
                            + " (emb/hidden/layers)")
                    .metric("tokens_per_second", speed.tokensPerSecond()).metric("model_dir", dir.toString())
                    .put("flags", flags)
                    .text("Sampled at temperature 0.75:\n\n> " + sampled + "\n\nBeam search (top 10 of 100 beams):"
                            + "\n\n> " + beam)
                    .add(learn.recorder())
                    .write();
            run.printReport();
            System.out.println("model:  " + dir);
            return new Result(valid.perplexity(), valid.accuracy(), trainDs.tokens(), vocab.size(),
                    speed.tokensPerSecond(), dir, run.dir());
        }
    }
}
