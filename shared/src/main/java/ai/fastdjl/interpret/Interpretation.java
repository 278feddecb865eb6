package ai.fastdjl.interpret;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Preds;
import ai.fastdjl.nd.Rows;
import ai.fastdjl.plot.ConfusionMatrixPlot;
import ai.fastdjl.plot.ImageGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Look at what a classifier gets wrong (fastai's {@code ClassificationInterpretation}, and the 2017 notes' advice to
 * look at the most correct, most incorrect and most uncertain examples): the confusion matrix, the most confused
 * class pairs, the samples with the highest loss, and per class the least certain and the most confidently correct
 * predictions.
 */
public final class Interpretation {
    private final RandomAccessDataset dataset;
    private final List<String> classes;
    private final float[][] probs;
    private final int[] targets;
    private final int[] preds;
    private final double[] losses;

    /** One sample's story: index in the data set, its classes, its loss and its predicted class's probability. */
    public record Sample(int index, int actual, int predicted, double loss, double probability) {}

    /** A pair of classes the model mixes up, and how often. */
    public record Confusion(String actual, String predicted, int count) {}

    public Interpretation(RandomAccessDataset dataset, List<String> classes, float[][] probs, int[] targets) {
        this.dataset = dataset;
        this.classes = classes;
        this.probs = probs;
        this.targets = targets;
        this.preds = new int[targets.length];
        this.losses = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            preds[i] = argMax(probs[i]);
            // cross-entropy of the softmax output: -log p(actual); floor at float's smallest normal to stay finite
            losses[i] = -Math.log(Math.max(probs[i][targets[i]], Float.MIN_NORMAL));
        }
    }

    /** Predictions of {@code learn} on its validation set. */
    public static Interpretation of(Learner learn) {
        return of(learn, learn.dls().valid());
    }

    public static Interpretation of(Learner learn, RandomAccessDataset dataset) {
        try (NDManager m = learn.trainer().getManager().newSubManager()) {
            Preds p = learn.getPreds(dataset, m);
            return fromOutputs(dataset, learn.dls().classes(), p.output().softmax(-1), p.target());
        }
    }

    /** From class probabilities (e.g. TTA's) and targets. */
    public static Interpretation fromOutputs(RandomAccessDataset ds, List<String> classes, NDArray probs, NDArray y) {
        float[][] p = Rows.of(probs);
        int n = p.length;
        long[] t = y.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        return new Interpretation(ds, classes, p, IntStream.range(0, n).map(i -> (int) t[i]).toArray());
    }

    public double accuracy() {
        long ok = IntStream.range(0, targets.length).filter(i -> preds[i] == targets[i]).count();
        return (double) ok / targets.length;
    }

    /** Counts: row = actual class, column = predicted class. */
    public int[][] confusionMatrix() {
        int[][] cm = new int[classes.size()][classes.size()];
        for (int i = 0; i < targets.length; i++) {
            cm[targets[i]][preds[i]]++;
        }
        return cm;
    }

    /** Off-diagonal cells with at least {@code minCount} samples, most frequent first. */
    public List<Confusion> mostConfused(int minCount) {
        int[][] cm = confusionMatrix();
        List<Confusion> out = new ArrayList<>();
        for (int a = 0; a < cm.length; a++) {
            for (int p = 0; p < cm.length; p++) {
                if (a != p && cm[a][p] >= minCount) {
                    out.add(new Confusion(classes.get(a), classes.get(p), cm[a][p]));
                }
            }
        }
        out.sort(Comparator.comparingInt(Confusion::count).reversed());
        return out;
    }

    /** The {@code k} samples with the highest loss, highest first. */
    public List<Sample> topLosses(int k) {
        return IntStream.range(0, targets.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> losses[i]).reversed())
                .limit(k).map(this::sample).toList();
    }

    /** For each predicted class, the {@code k} predictions with the lowest top probability. */
    public List<List<Sample>> mostUncertain(int k) {
        return perPredictedClass(k, Comparator.comparingDouble(i -> probs[i][preds[i]]), false);
    }

    /** For each class, the {@code k} correct predictions the model was surest of. */
    public List<List<Sample>> mostConfidentCorrect(int k) {
        return perPredictedClass(k, Comparator.comparingDouble((Integer i) -> probs[i][preds[i]]).reversed(), true);
    }

    private List<List<Sample>> perPredictedClass(int k, Comparator<Integer> order, boolean correctOnly) {
        List<List<Sample>> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            final int cls = c;
            out.add(IntStream.range(0, targets.length).boxed()
                    .filter(i -> preds[i] == cls && (!correctOnly || targets[i] == cls))
                    .sorted(order).limit(k).map(this::sample).toList());
        }
        return out;
    }

    private Sample sample(int i) {
        return new Sample(i, targets[i], preds[i], losses[i], probs[i][preds[i]]);
    }

    public void plotConfusionMatrix(Path file) {
        ConfusionMatrixPlot.save(confusionMatrix(), classes, file);
    }

    /** fastai's {@code plot_top_losses}: each image captioned predicted/actual/loss/probability. */
    public void plotTopLosses(int k, Path file) {
        plotSamples(topLosses(k), file);
    }

    /** Any samples as an image grid with fastai's captions. */
    public void plotSamples(List<Sample> samples, Path file) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> imgs = new ArrayList<>();
            List<String> caps = new ArrayList<>();
            for (Sample s : samples) {
                imgs.add(dataset.get(m, s.index()).getData().head());
                caps.add(String.format(Locale.ROOT, "%s / %s%n%.2f / %.2f", shorten(classes.get(s.predicted())),
                        shorten(classes.get(s.actual())), s.loss(), s.probability()));
            }
            ImageGrid.save(imgs, caps, Math.min(5, Math.max(1, samples.size())), 96, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 11 ? s.substring(0, 10) + "…" : s;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
