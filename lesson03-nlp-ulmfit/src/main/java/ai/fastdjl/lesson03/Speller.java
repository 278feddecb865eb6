package ai.fastdjl.lesson03;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.callback.TeacherForcing;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.CmuDict;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.SequenceCrossEntropy;
import ai.fastdjl.metric.CharErrorRate;
import ai.fastdjl.seq.BeamSearch;
import ai.fastdjl.seq.Seq2Seq;
import ai.fastdjl.plot.AttentionMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link SpellingBee}'s models: one encoder–decoder per variant, trained on the same words and scored alike. */
public final class Speller {
    /** Sizes of the course's spelling bee are of this order (it used 240 LSTM units); 256 GRU units here. */
    static final int EMB = 64;
    static final int HIDDEN = 256;
    static final int ATTN = 128;
    /** Adam's rate of the course's seq2seq notebooks, peak of one cycle. */
    static final double LR = 3e-3;
    /** Word-length groups of the table: attention is expected to matter most in the last. */
    static final int[][] LENGTHS = {{1, 5}, {6, 7}, {8, 9}, {10, SpellingData.MAX_LETTERS}};

    /** One model to train: which encoder, with or without attention, how its decoder is fed while training. */
    public record Variant(String name, boolean attention, boolean bidirectional, String forcing) {}

    /** A variant's test scores. */
    public record Scores(double wordAccuracy, double charErrorRate, Map<String, Double> byLength, long parameters,
            double seconds, List<String> predicted) {}

    private final LessonRun run;
    private final SpellingData data;
    private final List<CmuDict.Entry> test;
    private final NDManager manager;
    private final DataLoaders dls;

    public Speller(LessonRun run, NDManager m, SpellingData data, List<CmuDict.Entry> train, List<CmuDict.Entry> valid,
            List<CmuDict.Entry> test) {
        this.run = run;
        this.data = data;
        this.test = test;
        this.manager = m;
        int bs = run.batchSize(128);
        this.dls = new DataLoaders(data.pairs(train, bs, true), data.pairs(valid, bs, false), bs, true, List.of());
    }

    Seq2Seq.Config config(Variant v) {
        return new Seq2Seq.Config(data.srcVocab(), data.tgtVocab(), EMB, HIDDEN, ATTN, v.bidirectional(),
                v.attention(), data.maxLetters() + 1);
    }

    /** Trains a variant for {@code epochs} one-cycle epochs; the caller closes the learner. */
    public Learner train(Variant v, int epochs) {
        Learner l = run.learner(dls, new Seq2Seq(config(v))).name(v.name()).loss(new SequenceCrossEntropy(Seq2Seq.PAD))
                .callbacks(TeacherForcing.of(v.forcing()), new GradientClipping()).build();
        l.fitOneCycle(epochs, run.lr(LR));
        return l;
    }

    /** The test words spelled by beam search of {@code width} (1: greedy), scored. */
    public Scores score(Learner l, int width, double seconds) {
        Seq2Seq s = (Seq2Seq) l.block();
        // words of one pronunciation length at a time: no padding, which the encoder would read as input
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> test.get(i).phonemes().size()));
        String[] predicted = new String[test.size()];
        int chunk = Math.max(1, 2048 / width);
        for (int i = 0; i < order.size(); ) {
            int len = test.get(order.get(i)).phonemes().size();
            int j = i;
            while (j < order.size() && j - i < chunk && test.get(order.get(j)).phonemes().size() == len) {
                j++;
            }
            int[][] rows = new int[j - i][];
            for (int k = i; k < j; k++) {
                rows[k - i] = data.phonemeIds(test.get(order.get(k)).phonemes());
            }
            try (NDManager p = manager.newSubManager()) {
                List<BeamSearch.Hypothesis> hs = s.beamSearch(p.create(rows), width, data.maxLetters() + 1);
                for (int k = i; k < j; k++) {
                    predicted[order.get(k)] = SpellingData.spell(hs.get(k - i).tokens());
                }
            }
            i = j;
        }
        return scores(List.of(predicted), l.parameterCount(), seconds);
    }

    private Scores scores(List<String> predicted, long parameters, double seconds) {
        List<String> truth = test.stream().map(CmuDict.Entry::word).toList();
        Map<String, Double> byLength = new LinkedHashMap<>();
        for (int[] g : LENGTHS) {
            int n = 0;
            int right = 0;
            for (int i = 0; i < truth.size(); i++) {
                int len = truth.get(i).length();
                if (len >= g[0] && len <= g[1]) {
                    n++;
                    right += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
                }
            }
            byLength.put(lengthName(g), n == 0 ? Double.NaN : (double) right / n);
        }
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            right += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        return new Scores((double) right / truth.size(), CharErrorRate.of(predicted, truth), byLength,
                parameters, seconds, predicted);
    }

    static String lengthName(int[] g) {
        return g[1] >= SpellingData.MAX_LETTERS ? g[0] + "+ letters" : g[0] + "-" + g[1] + " letters";
    }

    /** Test words per length group, e.g. "2,266 of 1-5 letters, ...". */
    String lengthCounts() {
        List<String> n = new ArrayList<>();
        for (int[] g : LENGTHS) {
            n.add(String.format(Locale.ROOT, "%,d of %s", test.stream().filter(e -> e.word().length() >= g[0]
                    && e.word().length() <= g[1]).count(), lengthName(g)));
        }
        return String.join(", ", n);
    }

    /** Attention maps of the {@code n} longest test words (greedy decoding). */
    public List<AttentionMap.Panel> attention(Learner l, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> Integer.compare(test.get(b).word().length(), test.get(a).word().length()));
        List<AttentionMap.Panel> panels = new ArrayList<>();
        for (int k = 0; k < n && k < idx.size(); k++) {
            CmuDict.Entry e = test.get(idx.get(k));
            try (NDManager p = manager.newSubManager()) {
                // one word at a time: no padding for the encoder to read
                Seq2Seq.Decoded d = ((Seq2Seq) l.block()).greedy(p.create(new int[][] {data.phonemeIds(
                        e.phonemes())}), data.maxLetters() + 1);
                String spelled = SpellingData.spell(d.tokens()[0]);
                List<String> letters = spelled.chars().mapToObj(c -> String.valueOf((char) c)).toList();
                panels.add(new AttentionMap.Panel(e.word() + " → " + spelled, e.phonemes(), letters,
                        d.attention()[0]));
            }
        }
        return panels;
    }

    /** One pronunciation's spelling by beam search of {@code width}. */
    public String spell(Learner l, int[] source, int width) {
        try (NDManager p = manager.newSubManager()) {
            return SpellingData.spell(((Seq2Seq) l.block()).beamSearch(p.create(new int[][] {source}), width,
                    data.maxLetters() + 1).get(0).tokens());
        }
    }

    static List<String> variantHeader() {
        List<String> h = new ArrayList<>(List.of("model", "word accuracy", "CER"));
        for (int[] g : LENGTHS) {
            h.add(lengthName(g));
        }
        h.addAll(List.of("parameters", "seconds"));
        return h;
    }

    static List<List<String>> variants(Map<String, Scores> scores) {
        List<List<String>> rows = new ArrayList<>();
        scores.forEach((k, s) -> {
            List<String> r = new ArrayList<>(List.of(k, pct(s.wordAccuracy()), pct(s.charErrorRate())));
            s.byLength().values().forEach(v -> r.add(pct(v)));
            r.add(String.format(Locale.ROOT, "%,d", s.parameters()));
            r.add(String.format(Locale.ROOT, "%.0f", s.seconds()));
            rows.add(r);
        });
        return rows;
    }

    static List<List<String>> beams(Map<Integer, Double> beams) {
        List<List<String>> rows = new ArrayList<>();
        beams.forEach((k, v) -> rows.add(List.of(k == 1 ? "1 (greedy)" : String.valueOf(k), pct(v))));
        return rows;
    }

    /** The scores for metrics.json, without the predicted words. */
    static Map<String, Object> json(Map<String, Scores> scores) {
        Map<String, Object> out = new LinkedHashMap<>();
        scores.forEach((k, s) -> out.put(k, Map.of("word_accuracy", s.wordAccuracy(), "cer", s.charErrorRate(),
                "by_length", s.byLength(), "parameters", s.parameters(), "seconds", s.seconds())));
        return out;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
