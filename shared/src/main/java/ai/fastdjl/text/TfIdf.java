package ai.fastdjl.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bag-of-words features: TF-IDF of word n-grams, as scikit-learn's {@code TfidfVectorizer} computes them by default
 * (the baseline the course compares ULMFiT with): lower case, words of two or more word characters
 * ({@code (?u)\b\w\w+\b}), n-grams from 1 to {@code maxN}, term counts times the smoothed inverse document frequency
 * {@code idf = ln((1 + n) / (1 + df)) + 1}, each text scaled to unit L2 norm. The vocabulary is every n-gram of the
 * fitted texts.
 */
public final class TfIdf {
    private static final Pattern WORD = Pattern.compile("(?U)\\b\\w\\w+\\b");
    private final int maxN;
    private final Map<String, Integer> vocab = new HashMap<>();
    private double[] idf;

    /** A sparse row: sorted feature indices and their values. */
    public record Row(int[] index, float[] value) {}

    public TfIdf(int maxN) {
        this.maxN = maxN;
    }

    /** Learns the vocabulary and the IDF weights from {@code texts} and returns their rows. */
    public List<Row> fitTransform(List<String> texts) {
        List<Map<String, Integer>> counts = texts.stream().map(this::counts).toList();
        Map<String, Integer> df = new TreeMap<>(); // sorted: feature indices repeat run to run
        for (Map<String, Integer> c : counts) {
            c.keySet().forEach(g -> df.merge(g, 1, Integer::sum));
        }
        idf = new double[df.size()];
        int n = texts.size();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            int i = vocab.size();
            vocab.put(e.getKey(), i);
            idf[i] = Math.log((1.0 + n) / (1.0 + e.getValue())) + 1;
        }
        return counts.stream().map(this::row).toList();
    }

    /** Rows of new texts; n-grams the fitted texts never had are ignored. */
    public List<Row> transform(List<String> texts) {
        return texts.stream().map(t -> row(counts(t))).toList();
    }

    public int features() {
        return vocab.size();
    }

    /** The n-gram counts of one text. */
    Map<String, Integer> counts(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Map<String, Integer> c = new HashMap<>();
        for (int n = 1; n <= maxN; n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                c.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return c;
    }

    private Row row(Map<String, Integer> c) {
        TreeMap<Integer, Double> v = new TreeMap<>();
        for (Map.Entry<String, Integer> e : c.entrySet()) {
            Integer i = vocab.get(e.getKey());
            if (i != null) {
                v.put(i, e.getValue() * idf[i]);
            }
        }
        double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
        int[] idx = new int[v.size()];
        float[] val = new float[v.size()];
        int k = 0;
        for (Map.Entry<Integer, Double> e : v.entrySet()) {
            idx[k] = e.getKey();
            val[k++] = (float) (norm > 0 ? e.getValue() / norm : 0);
        }
        return new Row(idx, val);
    }
}
