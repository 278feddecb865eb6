package ai.fastdjl.lesson03;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.text.Bpe;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.Tokenizer;
import ai.fastdjl.text.Vocab;
import ai.fastdjl.text.models.RecurrentLm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3 — subword units: byte-pair encoding learned on <i>Moby-Dick</i>'s training chapters, and the same LSTM
 * language model on BPE pieces and on words, scored on the held-out chapters in bits per character (the one unit
 * both share) with the count of held-out tokens each vocabulary does not know.
 */
@Command(name = "BytePairLm", mixinStandardHelpOptions = true,
        description = "Lesson 3: BPE (Sennrich et al. 2016) vs word tokens for a language model.")
public final class BytePairLm {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--merges", defaultValue = "2000", description = "BPE merges (default ${DEFAULT-VALUE}).")
    int merges;

    /** fastai's AWD-LSTM embedding size is 400; a CPU budget takes a smaller model, the same for both. */
    static final int EMB = 64;
    static final int HIDDEN = 256;
    static final int BPTT = 70;
    /** Peak of one cycle with Adam; 3e-3 left both models far from trained in 6 epochs (1.66 / 2.63 bits). */
    static final double LR = 1e-2;

    /** Per tokenisation: held-out bits per character, unknown tokens, vocabulary, tokens per word. */
    public record Score(double bitsPerChar, long unknown, long heldOutTokens, double unknownCharShare, int vocab,
            double tokensPerWord, double seconds) {}

    public record Result(Map<String, Score> scores, boolean roundTrip, String example, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        BytePairLm o = new BytePairLm();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.merges < 1) {
            throw new UserInputException("--merges " + o.merges + ": give 1 or more, e.g. --merges 2000");
        }
        int epochs = run.epochs(6, 15);
        MobyChapters text = MobyChapters.load(run, Bpe::words); // the same held-out chapters as CharRnn
        List<List<String>> train = text.train();
        List<List<String>> held = text.heldOut();
        long heldChars = held.stream().flatMap(List::stream).mapToLong(w -> w.length() + 1).sum();
        Map<String, Integer> counts = new HashMap<>();
        train.forEach(d -> d.forEach(w -> counts.merge(w, 1, Integer::sum)));
        Bpe bpe = Bpe.learn(counts, o.merges);
        String sentence = String.join(" ", held.get(0).subList(0, Math.min(40, held.get(0).size())));
        List<String> pieces = bpe.encodeAll(Bpe.words(sentence));
        boolean roundTrip = Bpe.decode(pieces).equals(sentence);
        Map<String, Score> scores = new LinkedHashMap<>();
        for (boolean useBpe : new boolean[] {false, true}) {
            List<List<String>> tr = useBpe ? train.stream().map(bpe::encodeAll).toList() : train;
            List<List<String>> he = useBpe ? held.stream().map(bpe::encodeAll).toList() : held;
            Vocab vocab = Vocab.build(tr, useBpe ? 1 : Vocab.DEFAULT_MIN_FREQ, Vocab.DEFAULT_MAX_VOCAB);
            List<int[]> heIds = vocab.numericalizeAll(he);
            int unk = vocab.index(Tokenizer.UNK);
            long unknown = heIds.stream().flatMapToInt(Arrays::stream).filter(i -> i == unk).count();
            long heTokens = LmDataset.count(heIds);
            // the held-out characters inside unknown words: text the word model is never charged for
            long unknownChars = useBpe ? 0 : held.stream().flatMap(List::stream).filter(t -> !vocab.contains(t))
                    .mapToLong(t -> t.length() + 1).sum();
            int bs = run.batchSize(64);
            DataLoaders dls = new DataLoaders(LmDataset.train(vocab.numericalizeAll(tr), bs, BPTT),
                    LmDataset.valid(heIds, bs, BPTT), bs, true, List.of());
            long t0 = System.nanoTime();
            try (Learner l = run.learner(TextLearners.recurrentLm(dls, new RecurrentLm(vocab.size(), EMB, HIDDEN,
                    RecurrentLm.Kind.LSTM), BPTT)).name(useBpe ? "bpe" : "words").build()) {
                l.fitOneCycle(epochs, run.lr(LR));
                // mean loss per token × tokens per character: the same text's cost in bits per character
                double bpc = TextLearners.evaluate(l).loss() * heTokens / heldChars / Math.log(2);
                String name = useBpe ? "BPE, " + bpe.merges().size() + " merges" : "words (min frequency 3)";
                scores.put(name, new Score(bpc, unknown, heTokens, (double) unknownChars / heldChars, vocab.size(),
                        (double) heTokens / text.heldOutTokens(), (System.nanoTime() - t0) / 1e9));
                System.out.printf(Locale.ROOT, "%-26s %.3f bits/char, %d of %d held-out tokens unknown%n", name, bpc,
                        unknown, heTokens);
            }
        }
        RunReport report = run.report("Lesson 3: subword units (byte-pair encoding) vs words");
        List<List<String>> rows = new ArrayList<>();
        scores.forEach((k, s) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.3f", s.bitsPerChar()),
                String.format(Locale.ROOT, "%,d (%.2f %%; %.1f %% of the characters)", s.unknown(), 100.0 * s.unknown()
                        / s.heldOutTokens(), 100 * s.unknownCharShare()),
                String.format(Locale.ROOT, "%,d", s.vocab()), String.format(Locale.ROOT, "%.2f", s.tokensPerWord()),
                String.format(Locale.ROOT, "%.0f", s.seconds()))));
        report.claim("BPE answers \"what do I do with a word I haven't seen before?\": no held-out token is unknown,"
                + " where a word vocabulary maps every unseen word to xxunk.")
                .text(String.format(Locale.ROOT, "Moby-Dick, %,d training words, %,d held-out words (%,d characters"
                        + " with one space per word); LSTM language model (embedding %d, %d hidden), BPTT %d, %d"
                        + " epochs of one cycle at %.0e. A word model pays nothing for spelling its unknown words, so"
                        + " its bits per character flatter it by the unknown share.",
                        text.trainTokens(), text.heldOutTokens(),
                        heldChars, EMB, HIDDEN, BPTT, epochs, run.lr(LR)))
                .table("Held-out chapters:", List.of("tokens", "bits per character", "unknown held-out tokens",
                        "vocabulary", "tokens per word", "seconds"), rows)
                .text("BPE round trip (encode, decode) of a held-out sentence: " + (roundTrip ? "identical" : "DIFFERS")
                        + ". Pieces: `" + String.join(" ", pieces.subList(0, Math.min(40, pieces.size()))) + "`")
                .put("scores", scores).metric("round_trip", roundTrip).metric("epochs", epochs).write();
        run.printReport();
        return new Result(scores, roundTrip, String.join(" ", pieces), run.dir());
    }
}
