package ai.fastdjl.lesson03;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.Csv;
import ai.fastdjl.data.StratifiedSample;
import ai.fastdjl.datasets.AmazonReviews;
import ai.fastdjl.text.SortedTextDataset;
import ai.fastdjl.text.Tokenizer;
import ai.fastdjl.text.Vocab;
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
            return of("amazon-reviews", Csv.strings(train, "review", "--text"), Csv.strings(train, "label", "--label"),
                    Csv.strings(test, "review", "--text"), Csv.strings(test, "label", "--label"), c);
        }
        Table t = Csv.read(o.csv);
        List<String> texts = Csv.strings(t, o.text, "--text");
        List<String> labels = Csv.strings(t, o.label, "--label");
        if (o.testCsv != null) {
            Table test = Csv.read(o.testCsv);
            return of(o.csv.getFileName().toString(), texts, labels, Csv.strings(test, o.text, "--text"),
                    Csv.strings(test, o.label, "--label"), c);
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
        int[] tr = c.limit != null ? StratifiedSample.indices(trY, c.limit, c.seed) : all(trY.length);
        int[] te = c.validLimit != null ? StratifiedSample.indices(teY, c.validLimit, c.seed) : all(teY.length);
        return new TextTask(name, pick(trT, tr), pick(trY, tr), pick(teT, te), pick(teY, te), classes);
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
}
