package ai.fastdjl.lesson03;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.datasets.AmazonReviews;
import ai.fastdjl.text.SortedTextDataset;
import ai.fastdjl.text.Tokenizer;
import ai.fastdjl.text.Vocab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The target task: labelled texts for training, labelled texts for testing. By default the Amazon fine-food reviews
 * (4,000 / 1,000, "great" vs "other"); any CSV with a text and a label column works ({@code --csv}), tested on
 * {@code --test-csv} or on a held-out fraction.
 */
public record TextTask(String name, List<String> trainTexts, int[] trainLabels, List<String> testTexts,
        int[] testLabels, List<String> classes) {

    /** The flags that choose the task (a picocli mixin). */
    public static class Options {
        @Option(names = "--csv", description = "Labelled texts to classify instead of the Amazon reviews.")
        public Path csv;

        @Option(names = "--text", defaultValue = "text", description = "Text column of --csv (default ${DEFAULT-VALUE}).")
        public String text;

        @Option(names = "--label", defaultValue = "label", description = "Label column of --csv (default ${DEFAULT-VALUE}).")
        public String label;

        @Option(names = "--test-csv", description = "Test texts with the same columns (default: hold out --test-pct of --csv).")
        public Path testCsv;

        @Option(names = "--test-pct", defaultValue = "0.2", description = "Held-out fraction when there is no --test-csv (default ${DEFAULT-VALUE}).")
        public double testPct;
    }

    public static TextTask load(Options o, CommonOptions c) {
        if (o.csv == null) {
            Table train = AmazonReviews.train(c.data());
            Table test = AmazonReviews.test(c.data());
            return of("amazon-reviews", column(train, "review", "amazon"), column(train, "label", "amazon"),
                    column(test, "review", "amazon"), column(test, "label", "amazon"), c);
        }
        Table t = read(o.csv);
        List<String> texts = column(t, o.text, o.csv.toString());
        List<String> labels = column(t, o.label, o.csv.toString());
        if (o.testCsv != null) {
            Table test = read(o.testCsv);
            return of(o.csv.getFileName().toString(), texts, labels, column(test, o.text, o.testCsv.toString()),
                    column(test, o.label, o.testCsv.toString()), c);
        }
        List<Integer> idx = new ArrayList<>(IntStream.range(0, texts.size()).boxed().toList());
        Collections.shuffle(idx, new Random(c.seed));
        int nTest = (int) Math.round(o.testPct * texts.size());
        List<String> trT = new ArrayList<>(), trL = new ArrayList<>(), teT = new ArrayList<>(), teL = new ArrayList<>();
        for (int k = 0; k < idx.size(); k++) {
            (k < nTest ? teT : trT).add(texts.get(idx.get(k)));
            (k < nTest ? teL : trL).add(labels.get(idx.get(k)));
        }
        return of(o.csv.getFileName().toString(), trT, trL, teT, teL, c);
    }

    /** Token indices in {@code vocab} of each training text, at most {@code maxLen} of them (a classifier's input). */
    public List<int[]> trainIds(Vocab vocab, int maxLen) {
        return ids(trainTexts, vocab, maxLen);
    }

    /** Token indices in {@code vocab} of each test text, at most {@code maxLen} of them. */
    public List<int[]> testIds(Vocab vocab, int maxLen) {
        return ids(testTexts, vocab, maxLen);
    }

    private static List<int[]> ids(List<String> texts, Vocab vocab, int maxLen) {
        return SortedTextDataset.truncate(vocab.numericalizeAll(Tokenizer.tokenizeAll(texts)), maxLen);
    }

    private static TextTask of(String name, List<String> trT, List<String> trL, List<String> teT, List<String> teL,
            CommonOptions c) {
        List<String> classes = List.copyOf(new TreeSet<>(trL));
        if (classes.size() < 2) {
            throw new UserInputException("the training labels of " + name + " have " + classes.size()
                    + " distinct value(s); a classifier needs at least 2 (check --label)");
        }
        int[] trY = indices(trL, classes, name);
        int[] teY = indices(teL, classes, name);
        int[] tr = c.limit != null ? stratifiedSample(trY, c.limit, c.seed) : all(trY.length);
        int[] te = c.validLimit != null ? stratifiedSample(teY, c.validLimit, c.seed) : all(teY.length);
        return new TextTask(name, pick(trT, tr), pick(trY, tr), pick(teT, te), pick(teY, te), classes);
    }

    /**
     * {@code n} indices (sorted) drawn without replacement so that each class keeps its share of {@code labels}
     * (largest remainders get the rounding), in a seeded random order within each class: {@code --limit} then
     * gives a smaller copy of the task, not its first rows (which may be sorted by label or product).
     */
    static int[] stratifiedSample(int[] labels, int n, long seed) {
        if (n >= labels.length) {
            return all(labels.length);
        }
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        int[] take = new int[k];
        double[] rest = new double[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            Collections.shuffle(byClass.get(c), random);
            double share = (double) n * byClass.get(c).size() / labels.length;
            take[c] = (int) share;
            rest[c] = share - take[c];
            given += take[c];
        }
        while (given < n) { // the classes with the largest remainders get the rest, one each
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = rest[c] > rest[best] ? c : best;
            }
            take[best]++;
            rest[best] = -1;
            given++;
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            out.addAll(byClass.get(c).subList(0, take[c]));
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    private static List<String> pick(List<String> xs, int[] idx) {
        return Arrays.stream(idx).mapToObj(xs::get).toList();
    }

    private static int[] pick(int[] xs, int[] idx) {
        return Arrays.stream(idx).map(i -> xs[i]).toArray();
    }

    private static int[] indices(List<String> labels, List<String> classes, String where) {
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = classes.indexOf(labels.get(i));
            if (out[i] < 0) {
                throw new UserInputException("test label '" + labels.get(i) + "' in " + where
                        + " never occurs in training (labels: " + classes + "); fix the label column");
            }
        }
        return out;
    }

    private static Table read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("no CSV file " + file + "; pass an existing file to --csv/--test-csv");
        }
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).maxCharsPerColumn(1 << 20).build());
        } catch (RuntimeException e) {
            throw new UserInputException("cannot read " + file + " as CSV (" + e.getMessage() + "); pass a CSV file"
                    + " with a header row", e);
        }
    }

    private static List<String> column(Table t, String name, String where) {
        if (!t.containsColumn(name)) {
            throw new UserInputException("no column '" + name + "' in " + where + " (columns: " + t.columnNames()
                    + "); pass --text/--label with one of them");
        }
        var col = t.column(name);
        List<String> out = new ArrayList<>(col.size());
        for (int i = 0; i < col.size(); i++) {
            out.add(col.isMissing(i) ? "" : col.getString(i));
        }
        return out;
    }
}
