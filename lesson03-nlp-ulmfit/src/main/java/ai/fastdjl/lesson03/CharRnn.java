package ai.fastdjl.lesson03;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.StatefulSampler;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.RecurrentLm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3 — character models: a plain RNN written with DJL ops (its hidden weights starting as the identity or at
 * random), then a GRU and an LSTM of the same width, each reading <i>Moby-Dick</i> one character at a time and
 * predicting the next. Held-out chapters give bits per character and next-character accuracy; each model writes
 * a sample.
 */
@Command(name = "CharRnn", mixinStandardHelpOptions = true,
        description = "Lesson 3: char-RNN (identity vs random init), GRU and LSTM on Moby-Dick.")
public final class CharRnn {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--models", split = ",", defaultValue = "rnn-identity,rnn-random,gru,lstm",
            description = "Recurrent layers to compare (default ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default ${DEFAULT-VALUE}, the"
            + " course's n_hidden).")
    int hidden;

    /** The course's character model: n_fac = 42 embedding dimensions; fastai's bptt = 70. */
    static final int EMB = 42;
    static final int BPTT = 70;
    /** Adam's 3e-3 (fastai's default peak for one cycle is 1e-3 for the AWD-LSTM; these models are smaller). */
    static final double LR = 3e-3;

    /** Per model: held-out bits per character, next-character accuracy, parameters, seconds, a sample. */
    public record Score(double bitsPerChar, double accuracy, long parameters, double seconds, String sample) {}

    public record Result(Map<String, Score> models, long trainChars, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        CharRnn o = new CharRnn();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        List<RecurrentLm.Kind> kinds = new ArrayList<>();
        for (String m : o.models) {
            try {
                kinds.add(RecurrentLm.Kind.parse(m));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--models " + m + ": give rnn-identity, rnn-random, gru or lstm");
            }
        }
        run.quickLimit(600_000); // training characters
        int epochs = run.epochs(4, 10);
        MobyChapters text = MobyChapters.load(run, CharRnn::chars);
        Vocab vocab = Vocab.build(text.train(), Vocab.DEFAULT_MIN_FREQ, Vocab.DEFAULT_MAX_VOCAB);
        List<int[]> train = vocab.numericalizeAll(text.train());
        List<int[]> held = vocab.numericalizeAll(text.heldOut());
        int bs = run.batchSize(64);
        DataLoaders dls = new DataLoaders(LmDataset.train(train, bs, BPTT), LmDataset.valid(held, bs, BPTT),
                bs, true, List.of());
        Map<String, Score> scores = new LinkedHashMap<>();
        boolean[] banned = new boolean[vocab.size()];
        for (int i = 0; i < banned.length; i++) {
            banned[i] = vocab.token(i).length() > 1; // the special tokens: only characters are written
        }
        for (RecurrentLm.Kind k : kinds) {
            long t0 = System.nanoTime();
            try (Learner l = run.learner(TextLearners.recurrentLm(dls, new RecurrentLm(vocab.size(), EMB, o.hidden, k),
                    BPTT)).name(k.name().toLowerCase(Locale.ROOT)).build()) {
                l.fitOneCycle(epochs, run.lr(LR));
                TextLearners.Eval e = TextLearners.evaluate(l);
                int[] s = StatefulSampler.sample(l, vocab.numericalize(chars(PROMPT)), 300, 0.7, banned,
                        new Random(run.seed()));
                Score sc = new Score(e.loss() / Math.log(2), e.accuracy(), l.parameterCount(),
                        (System.nanoTime() - t0) / 1e9, PROMPT + String.join("", vocab.textify(s)));
                scores.put(k.label(), sc);
                System.out.printf(Locale.ROOT, "%-20s %.3f bits/char, accuracy %.4f, %,d parameters%n%s%n%n",
                        k.label(), sc.bitsPerChar(), sc.accuracy(), sc.parameters(), sc.sample());
            }
        }
        RunReport report = run.report("Lesson 3: character models (RNN by hand, GRU, LSTM)");
        List<List<String>> rows = new ArrayList<>();
        scores.forEach((k, s) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.3f", s.bitsPerChar()),
                String.format(Locale.ROOT, "%.2f %%", 100 * s.accuracy()), String.format(Locale.ROOT, "%,d",
                        s.parameters()), String.format(Locale.ROOT, "%.0f", s.seconds()))));
        report.claim("A plain RNN learns better from identity-initialised hidden weights than from random ones; the GRU"
                + " (\"a simpler LSTM\") comes within 1 point of the LSTM's next-character accuracy with fewer"
                + " parameters.")
                .text(String.format(Locale.ROOT, "Moby-Dick, %,d training characters, %,d held-out characters (10 %%"
                        + " of the chapters); vocabulary %d; embedding %d, %d hidden units, BPTT %d, batch %d, %d"
                        + " epochs of one cycle at %.0e, gradient norm clipped at 1.", LmDataset.count(train),
                        LmDataset.count(held), vocab.size(), EMB, o.hidden, BPTT, bs, epochs, run.lr(LR)))
                .table("Held-out chapters:", List.of("model", "bits per character", "next-character accuracy",
                        "parameters", "seconds"), rows);
        scores.forEach((k, s) -> report.text("**" + k + "** (temperature 0.7): " + s.sample().replace("\n", " ")));
        report.put("models", scores).metric("train_chars", LmDataset.count(train)).metric("epochs", epochs).write();
        run.printReport();
        return new Result(scores, LmDataset.count(train), run.dir());
    }

    /** The prompt of every sample: the novel's first words. */
    static final String PROMPT = "Call me ";

    static List<String> chars(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }
}
