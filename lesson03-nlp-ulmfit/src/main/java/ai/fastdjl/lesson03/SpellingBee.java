package ai.fastdjl.lesson03;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.AttentionMap;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.seq.Seq2Seq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3 — the course's spelling bee: an encoder–decoder reads a word's pronunciation from the CMU dictionary
 * (phonemes) and spells it, letter by letter. Five variants on the same words: Bahdanau attention or none, a
 * bidirectional or a one-way encoder, teacher forcing always, never or scheduled; then greedy decoding against beam
 * search, and the attention drawn.
 */
@Command(name = "SpellingBee", mixinStandardHelpOptions = true,
        description = "Lesson 3: phonemes to spelling with seq2seq, attention, teacher forcing and beam search.")
public final class SpellingBee {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--beams", split = ",", defaultValue = "1,3,5,10",
            description = "Beam widths to compare (default ${DEFAULT-VALUE}; 1 is greedy).")
    int[] beams;
    @Option(names = "--compare", description = "What the other models vary: attention (default), encoder,"
            + " forcing, or all (default with --full).")
    String compare;
    @Option(names = "--spell", description = "Phonemes to spell with the attention model, e.g. \"R EH1 D\".")
    String spell;

    static final Speller.Variant MAIN = new Speller.Variant("attention, bidirectional, forcing always", true, true,
            "always");
    /** The models compared with {@link #MAIN}, by what they change. */
    static final Map<String, List<Speller.Variant>> OTHERS = Map.of(
            "attention", List.of(new Speller.Variant("no attention, bidirectional, forcing always", false, true,
                    "always")),
            "encoder", List.of(new Speller.Variant("attention, one-way, forcing always", true, false, "always")),
            "forcing", List.of(new Speller.Variant("attention, bidirectional, forcing never", true, true, "never"),
                    new Speller.Variant("attention, bidirectional, forcing scheduled", true, true, "scheduled")));

    /** Test scores per variant (greedy), word accuracy per beam width, and the spelled --spell. */
    public record Result(Map<String, Speller.Scores> variants, Map<Integer, Double> beams, String spelled,
            Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        SpellingBee o = new SpellingBee();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        for (int b : o.beams) {
            if (b < 1) {
                throw new UserInputException("--beams " + b + ": a beam keeps at least 1 hypothesis, e.g. --beams 1,5");
            }
        }
        String compare = o.compare != null ? o.compare : run.full() ? "all" : "attention";
        List<Speller.Variant> variants = new ArrayList<>(List.of(MAIN));
        for (String k : List.of("attention", "encoder", "forcing")) {
            if (compare.equals(k) || compare.equals("all")) {
                variants.addAll(OTHERS.get(k));
            }
        }
        if (variants.size() == 1) {
            throw new UserInputException("--compare " + compare + ": give attention, encoder, forcing or all");
        }
        run.quickLimit(30_000);
        int epochs = run.epochs(4, 12);
        SpellingData.Words w = SpellingData.words(run.data(), run.limit(), run.validLimit());
        SpellingData data = new SpellingData(w.allTrain(), SpellingData.MAX_LETTERS);
        int[] spellIds = o.spell == null ? null : data.phonemeIds(List.of(o.spell.strip().split("\\s+")));
        try (NDManager m = NDManager.newBaseManager()) {
            Speller sp = new Speller(run, m, data, w.train(), w.valid(), w.test());
            Map<String, Speller.Scores> scores = new LinkedHashMap<>();
            Map<Integer, Double> beams = new LinkedHashMap<>();
            String spelled = null;
            List<AttentionMap.Panel> panels = new ArrayList<>();
            for (Speller.Variant v : variants) {
                long t0 = System.nanoTime();
                try (Learner l = sp.train(v, epochs)) {
                    Speller.Scores s = sp.score(l, 1, (System.nanoTime() - t0) / 1e9);
                    scores.put(v.name(), s);
                    System.out.printf(Locale.ROOT, "%-46s words %.4f, CER %.4f, %s%n", v.name(), s.wordAccuracy(),
                            s.charErrorRate(), s.byLength());
                    if (v == MAIN) {
                        for (int b : o.beams) {
                            beams.put(b, b == 1 ? s.wordAccuracy() : sp.score(l, b, 0).wordAccuracy());
                            System.out.printf(Locale.ROOT, "beam %2d: words %.4f%n", b, beams.get(b));
                        }
                        panels = sp.attention(l, 8);
                        if (spellIds != null) {
                            spelled = sp.spell(l, spellIds, 5);
                            System.out.println(o.spell + " -> " + spelled);
                        }
                    }
                }
            }
            AttentionMap.save(panels, 4, run.file("attention.png"));
            RunReport report = run.report("Lesson 3: the spelling bee (phonemes → letters)");
            report.claim("Attention beats no attention on words of 10+ letters by ≥ 10 points of word accuracy; beam"
                    + " search (width 5) spells at least as many words as greedy decoding.")
                    .text(String.format(Locale.ROOT, "CMU dictionary: %,d words spelled A-Z of up to %d letters,"
                            + " split by word; %,d training, %,d test words (%s); %d epochs per model, one cycle,"
                            + " Adam at %.0e.", w.dictionary(), SpellingData.MAX_LETTERS, w.train().size(),
                            w.test().size(), sp.lengthCounts(), epochs, run.lr(Speller.LR)))
                    .table("Test words, greedy decoding:", Speller.variantHeader(), Speller.variants(scores))
                    .table("Beam search, " + MAIN.name() + ":", List.of("beam width", "word accuracy"),
                            Speller.beams(beams))
                    .image("attention.png", "Attention of " + MAIN.name() + " on long test words")
                    .put("variants", Speller.json(scores)).put("beams", beams).metric("epochs", epochs);
            if (spelled != null) {
                report.metric("spelled", o.spell + " -> " + spelled);
            }
            report.write();
            run.printReport();
            return new Result(scores, beams, spelled, run.dir());
        }
    }
}
