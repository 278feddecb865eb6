package ai.fastdjl.lesson03;

import ai.fastdjl.callback.Checkpoint;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataResolver;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.LmDataset;
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
import picocli.CommandLine.Option;

/**
 * Lesson 3, ULMFiT stage 1 — a general-English AWD-LSTM language model, the "ImageNet of text".
 *
 * <p>The course pretrains on Wikipedia once and reuses the model for every task; here the corpus is what the
 * registries ship ({@link EnglishCorpus}: State of the Union addresses, Moby-Dick, Jane Austen; about 3.4M tokens).
 * Claim measured: the model predicts held-out text far better than its unigram baseline (validation perplexity and
 * next-word accuracy). Saves the encoder, decoder bias and vocabulary for {@link Ulmfit}; resumable with
 * {@code --resume RUN_DIR} at any epoch boundary.
 */
@Command(name = "PretrainLm", mixinStandardHelpOptions = true,
        description = "ULMFiT stage 1: pretrain an AWD-LSTM language model on a general English corpus.")
public final class PretrainLm {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    LmOptions lm = new LmOptions();

    @Option(names = "--max-tokens", description = "Use only the first N tokens of the corpus (smoke runs).")
    Integer maxTokens;

    @Option(names = "--valid-pct", defaultValue = "0.1", description = "Held-out fraction of documents (fastai's valid_pct; default ${DEFAULT-VALUE}).")
    double validPct;

    @Option(names = "--model-dir", description = "Where the pretrained model goes (default $FASTDJL_DATA/models/ulmfit-lm).")
    Path modelDir;

    @Option(names = "--resume", description = "Run folder of an interrupted run: continue from its last finished epoch.")
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
        if (!Cli.parse(args, o)) {
            return null;
        }
        CommonOptions c = o.common;
        EnglishCorpus corpus = EnglishCorpus.load(c.data, !c.noFetch);
        List<List<String>> tokens = Tokenizer.tokenizeAll(corpus.texts());
        List<List<String>> train = new ArrayList<>();
        List<List<String>> valid = new ArrayList<>();
        int[] validIdx = corpus.validIndices(o.validPct, c.seed);
        // --max-tokens takes whole documents in a seeded random order, so every source is represented
        java.util.Set<Integer> validSet = new java.util.HashSet<>();
        for (int i : validIdx) {
            validSet.add(i);
        }
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, tokens.size()).boxed().toList());
        java.util.Collections.shuffle(order, new Random(c.seed));
        long budget = o.maxTokens != null ? o.maxTokens : Long.MAX_VALUE;
        for (int i : order) {
            if (budget <= 0) {
                break;
            }
            budget -= tokens.get(i).size();
            (validSet.contains(i) ? valid : train).add(tokens.get(i));
        }
        Vocab vocab = Vocab.build(train, Vocab.DEFAULT_MIN_FREQ, o.lm.maxVocab);
        int bs = c.batchSize(64);
        LmDataset trainDs = LmDataset.train(vocab.numericalizeAll(train), bs, o.lm.bptt);
        DataLoaders dls = new DataLoaders(trainDs, LmDataset.valid(vocab.numericalizeAll(valid), bs, o.lm.bptt),
                bs, true, List.of());
        System.out.printf("corpus: %d documents, %d training tokens, vocabulary %d%n", tokens.size(),
                trainDs.tokens(), vocab.size());
        RunFolder run = o.resume != null ? RunFolder.at(o.resume) : RunFolder.create(c.out, "PretrainLm");
        AwdLstm.Config cfg = o.lm.languageModel();
        Checkpoint ckpt = new Checkpoint();
        TrainSpeed speed = new TrainSpeed();
        try (Learner learn = TextLearners.languageModel(dls, vocab.size(), cfg, o.lm.bptt).name("awd-lstm-lm")
                .callbacks(ckpt, speed).run(run).seed(c.seed).maxBatches(c.maxBatches).quiet(c.quiet).build()) {
            if (o.resume != null) {
                System.out.println("resuming at epoch " + ckpt.resume(learn, o.resume));
            }
            double lr = c.lr != null ? c.lr : 5e-3;
            int epochs = c.epochs(2, 4);
            TextLearners.fitOneCycle(learn, epochs, LrSlice.flat(lr));
            var last = learn.recorder().last();
            double ppl = Math.exp(last.validLoss());
            double acc = last.metrics().get("accuracy");
            Path dir = o.modelDir != null ? o.modelDir : defaultModelDir();
            Map<String, Object> notes = Map.of("valid_perplexity", ppl, "valid_accuracy", acc, "train_tokens",
                    trainDs.tokens(), "corpus", "sotu + moby-dick + austen", "epochs", epochs);
            PretrainedLm.save(dir, (LanguageModel) learn.block(), vocab, notes);
            PretrainedLm.save(run.file("model"), (LanguageModel) learn.block(), vocab, notes);
            TextGenerator gen = new TextGenerator(learn, vocab);
            Random r = new Random(c.seed);
            String prompt = "The people of the United States";
            String sampled = TextGenerator.text(gen.sample(prompt, 40, 0.75, r));
            String beam = TextGenerator.text(gen.beamSearch(prompt, 20, TextGenerator.TOP_K, 100, 0.1, r));
            System.out.printf("valid perplexity %.1f, accuracy %.3f, %.0f tokens/s%nsample: %s%nbeam:   %s%n", ppl,
                    acc, speed.tokensPerSecond(), sampled, beam);
            new RunReport(run, "Lesson 3 (ULMFiT stage 1): a general-English AWD-LSTM language model")
                    .claim("A language model pretrained on general English predicts held-out text far better than"
                            + " chance; it is the starting point of every text task (the 'ImageNet of NLP').")
                    .metric("valid_perplexity", ppl).metric("valid_accuracy", acc)
                    .metric("train_tokens", trainDs.tokens()).metric("vocab", vocab.size())
                    .metric("model", cfg.embSize() + "/" + cfg.hiddenSize() + "/" + cfg.layers() + " (emb/hidden/layers)")
                    .metric("tokens_per_second", speed.tokensPerSecond()).metric("model_dir", dir.toString())
                    .text("Sampled at temperature 0.75:\n\n> " + sampled + "\n\nBeam search (top 10 of 100 beams):\n\n> "
                            + beam)
                    .learnerPlots(learn)
                    .command("mvn -q -pl lesson03-nlp-ulmfit -am package -DskipTests -Prun -Dmain=PretrainLm -Dargs=\""
                            + String.join(" ", args) + "\"")
                    .write();
            System.out.println("report: " + run.file("README.md") + "\nmodel:  " + dir);
            return new Result(ppl, acc, trainDs.tokens(), vocab.size(), speed.tokensPerSecond(), dir, run.dir());
        }
    }
}
