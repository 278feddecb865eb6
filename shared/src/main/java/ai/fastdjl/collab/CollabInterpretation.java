package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.plot.Plots;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a trained {@link EmbeddingDotBias} learned about the items (fastbook ch. 8, "Interpreting embeddings and
 * biases"): the item bias is how much an item is liked once the users' tastes are accounted for, so the lowest and
 * highest biases name the films people dislike even when they like that kind of film, and the ones they like
 * regardless; the principal components of the item factors are the main axes of taste the model found.
 */
public final class CollabInterpretation {
    /** fastbook runs PCA on the 1,000 most-rated films and plots the first 50 of them. */
    public static final int PCA_ITEMS = 1000;
    public static final int PLOTTED = 50;

    private final CollabData data;
    private final float[] itemBias;
    private final float[][] itemFactors;

    /** An item and a number about it (bias, component score, predicted rating), with its training rating count. */
    public record Scored(String title, double value, int count) {}

    /** Items (indices), their coordinates on the first components, and each component's share of the variance. */
    public record Pca(int[] items, double[][] coords, double[] explained) {}

    public CollabInterpretation(CollabData data, float[] itemBias, float[][] itemFactors) {
        this.data = data;
        this.itemBias = itemBias;
        this.itemFactors = itemFactors;
    }

    /** Reads the item tables of a trained model. */
    public static CollabInterpretation of(CollabData data, EmbeddingDotBias model) {
        NDArray f = model.itemFactors().getArray();
        int n = (int) f.getShape().get(0);
        int k = (int) f.getShape().get(1);
        float[] flat = f.toFloatArray();
        float[][] factors = new float[n][];
        for (int i = 0; i < n; i++) {
            factors[i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return new CollabInterpretation(data, model.itemBias().getArray().toFloatArray(), factors);
    }

    /** The {@code n} items with the lowest ({@code highest=false}) or highest bias among those rated ≥ minCount times. */
    public List<Scored> bias(int n, int minCount, boolean highest) {
        Comparator<Integer> byBias = Comparator.comparingDouble(i -> itemBias[i]);
        return IntStream.range(1, itemBias.length).boxed()
                .filter(i -> data.itemCounts()[i] >= minCount)
                .sorted(highest ? byBias.reversed() : byBias)
                .limit(n)
                .map(i -> new Scored(data.title(i), itemBias[i], data.itemCounts()[i]))
                .toList();
    }

    /**
     * fastai's {@code Tensor.pca}: centre the factors of the {@code topItems} most-rated items, take the SVD, and
     * project onto the first {@code k} right singular vectors.
     */
    public Pca pca(int topItems, int k) {
        int[] items = IntStream.range(1, itemFactors.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -data.itemCounts()[i]).thenComparing(i -> i))
                .limit(topItems).mapToInt(Integer::intValue).toArray();
        int dim = itemFactors[0].length;
        double[][] x = new double[items.length][dim];
        double[] mean = new double[dim];
        for (int r = 0; r < items.length; r++) {
            for (int c = 0; c < dim; c++) {
                x[r][c] = itemFactors[items[r]][c];
                mean[c] += x[r][c] / items.length;
            }
        }
        for (double[] row : x) {
            for (int c = 0; c < dim; c++) {
                row[c] -= mean[c];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(x, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(m);
        int kk = Math.min(k, dim);
        RealMatrix proj = m.multiply(svd.getV().getSubMatrix(0, dim - 1, 0, kk - 1));
        double[] s = svd.getSingularValues();
        double total = Arrays.stream(s).map(v -> v * v).sum();
        double[] explained = new double[kk];
        for (int c = 0; c < kk; c++) {
            explained[c] = total > 0 ? s[c] * s[c] / total : 0; // one item, or all alike: nothing to explain
        }
        return new Pca(items, proj.getData(), explained);
    }

    /** The {@code n} items scoring highest ({@code high}) or lowest on component {@code c} of {@code p}. */
    public List<Scored> extremes(Pca p, int c, int n, boolean high) {
        Comparator<Integer> byScore = Comparator.comparingDouble(r -> p.coords()[r][c]);
        return IntStream.range(0, p.items().length).boxed()
                .sorted(high ? byScore.reversed() : byScore)
                .limit(n)
                .map(r -> new Scored(data.title(p.items()[r]), p.coords()[r][c], data.itemCounts()[p.items()[r]]))
                .toList();
    }

    /** The first two components as a scatter PNG; the {@code labelled} most-rated items carry their titles. */
    public void scatter(Pca p, int labelled, Path png) {
        XYChart chart = new XYChartBuilder().width(900).height(700).title("Item factors: first two principal components")
                .xAxisTitle(String.format(java.util.Locale.ROOT, "PC1 (%.0f %% of variance)", 100 * p.explained()[0]))
                .yAxisTitle(String.format(java.util.Locale.ROOT, "PC2 (%.0f %% of variance)", 100 * p.explained()[1]))
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int n = Math.min(labelled, p.items().length);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int r = 0; r < n; r++) { // items are sorted by count, so the first n are the most rated
            xs[r] = p.coords()[r][0];
            ys[r] = p.coords()[r][1];
            String t = data.title(p.items()[r]);
            chart.addAnnotation(new AnnotationText(t.length() > 28 ? t.substring(0, 27) + "…" : t, xs[r], ys[r], false));
        }
        chart.addSeries("items", xs, ys).setMarker(SeriesMarkers.CIRCLE);
        Plots.save(png, chart);
    }

    /**
     * Adds the lesson's interpretation to {@code report}: the {@code top} items with the lowest and highest bias
     * (rated at least {@code minCount} times), the extremes of the first two principal components of the factors of
     * the {@value #PCA_ITEMS} most-rated items, and their scatter plot {@code item_pca.png} in {@code dir}.
     */
    public void addTo(ai.fastdjl.report.RunReport report, Path dir, int top, int minCount) {
        List<String> header = List.of("title", "bias", "ratings");
        report.table("Lowest item bias (rated by enough users, yet liked less than their tastes predict; ≥ "
                + minCount + " ratings):", header, rows(bias(top, minCount, false)));
        report.table("Highest item bias (liked even by users who do not usually like that kind of film):", header,
                rows(bias(top, minCount, true)));
        Pca p = pca(PCA_ITEMS, 2);
        for (int c = 0; c < p.explained().length; c++) {
            String pc = "PC" + (c + 1);
            report.table(String.format(java.util.Locale.ROOT, "%s of the item factors (%.0f %% of the variance among the"
                    + " %d most-rated items): the two ends", pc, 100 * p.explained()[c], p.items().length),
                    List.of(pc + " low", "score", pc + " high", "score"), pairs(extremes(p, c, top, false),
                            extremes(p, c, top, true)));
        }
        if (p.explained().length < 2) {
            report.text("One factor per item: it is its own single component, so there is no 2-D plot.");
            return;
        }
        scatter(p, PLOTTED, dir.resolve("item_pca.png"));
        report.image("item_pca.png", "the " + PLOTTED + " most-rated items on the first two principal components");
    }

    static List<List<String>> rows(List<Scored> l) {
        return l.stream().map(s -> List.of(s.title(), ai.fastdjl.report.RunReport.format(s.value()),
                String.valueOf(s.count()))).toList();
    }

    private static List<List<String>> pairs(List<Scored> a, List<Scored> b) {
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
            out.add(List.of(a.get(k).title(), ai.fastdjl.report.RunReport.format(a.get(k).value()), b.get(k).title(),
                    ai.fastdjl.report.RunReport.format(b.get(k).value())));
        }
        return out;
    }

    /**
     * The model's top {@code n} items for {@code user} (an id of the data) among the items rated at least
     * {@code minCount} times in training that the user has not rated, with their predicted ratings.
     */
    public static List<Scored> recommend(Learner learn, CollabData data, String user, int n, int minCount) {
        checkUser(data, user);
        int u = data.userIndex(user);
        Set<Integer> seen = data.rated(user);
        int[] candidates = IntStream.range(1, data.items().size())
                .filter(i -> !seen.contains(i) && data.itemCounts()[i] >= minCount).toArray();
        if (candidates.length == 0) {
            return List.of();
        }
        long[] x = new long[candidates.length * 2];
        for (int r = 0; r < candidates.length; r++) {
            x[2 * r] = u;
            x[2 * r + 1] = candidates[r];
        }
        float[] scores;
        try (NDManager m = learn.trainer().getManager().newSubManager()) {
            NDList out = learn.predict(new NDList(m.create(x, new Shape(candidates.length, 2))));
            scores = out.head().toFloatArray();
            out.close();
        }
        List<Scored> all = new ArrayList<>();
        for (int r = 0; r < candidates.length; r++) {
            all.add(new Scored(data.title(candidates[r]), scores[r], data.itemCounts()[candidates[r]]));
        }
        all.sort(Comparator.comparingDouble(Scored::value).reversed());
        return all.subList(0, Math.min(n, all.size()));
    }

    /**
     * Fails with one line unless {@code user} (the {@code --recommend} flag) has ratings in {@code data}'s training
     * split, the only users the model has learned factors for: call it before training.
     */
    public static void checkUser(CollabData data, String user) {
        if (data.userIndex(user) != 0) {
            return;
        }
        boolean inData = IntStream.range(0, data.ratings().size()).anyMatch(k -> data.ratings().user(k).equals(user));
        throw new ai.fastdjl.cli.UserInputException("user '" + user + "' (--recommend) " + (inData
                ? "has no ratings in the training split (all of them were held out for validation)"
                : "is not in the data") + "; pass a user id with training ratings, e.g. " + data.users().get(1));
    }

    /** {@link #recommend} as a report table. */
    public static void addTo(ai.fastdjl.report.RunReport report, String user, List<Scored> recommended) {
        report.table("Top items for user " + user + " (not yet rated by them):", List.of("title", "predicted rating",
                "ratings"), rows(recommended));
    }
}
