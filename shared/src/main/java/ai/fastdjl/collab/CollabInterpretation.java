package ai.fastdjl.collab;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.interpret.EmbeddingMap;
import ai.fastdjl.interpret.Neighbours;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.nd.Rows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

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
        return new CollabInterpretation(data, model.itemBias().getArray().toFloatArray(),
                Rows.of(model.itemFactors().getArray()));
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
        var p = ai.fastdjl.interpret.Pca.of(factors(items), k);
        return new Pca(items, p.coords(), p.explained());
    }

    /** The factor vectors of {@code items}, as doubles. */
    private double[][] factors(int[] items) {
        return Arrays.stream(items).mapToObj(i -> itemFactors[i]).map(f -> {
            double[] d = new double[f.length];
            Arrays.setAll(d, c -> f[c]);
            return d;
        }).toArray(double[][]::new);
    }

    /**
     * The item whose title contains {@code query} (ignoring case), the most rated of those; the most rated item of
     * all when {@code query} is null. Fails with one line when no title matches (the {@code --similar-to} flag).
     */
    public static int find(CollabData data, String query) {
        String q = query == null ? "" : query.toLowerCase(java.util.Locale.ROOT);
        return IntStream.range(1, data.items().size()).boxed()
                .filter(i -> data.title(i).toLowerCase(java.util.Locale.ROOT).contains(q))
                .max(Comparator.comparingInt((Integer i) -> data.itemCounts()[i]).thenComparing(i -> -i))
                .orElseThrow(() -> new ai.fastdjl.cli.UserInputException("--similar-to '" + query + "' matches no"
                        + " title; pass part of a title" + (data.items().size() > 1 ? ", e.g. '" + data.title(1) + "'" : "")));
    }

    /**
     * fastbook's "the movie most similar to": the {@code n} items rated at least {@code minCount} times whose factor
     * vectors have the largest cosine similarity with {@code item}'s.
     */
    public List<Scored> similar(int item, int n, int minCount) {
        int[] candidates = IntStream.range(1, itemFactors.length)
                .filter(i -> i == item || data.itemCounts()[i] >= minCount).toArray();
        int self = Arrays.binarySearch(candidates, item);
        return Arrays.stream(Neighbours.cosine(factors(candidates), self, n))
                .map(nb -> new Scored(data.title(candidates[nb.row()]), nb.value(),
                        data.itemCounts()[candidates[nb.row()]]))
                .toList();
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

    /** The first two components of {@code p} as a scatter PNG; the {@code labelled} most-rated items carry titles. */
    public void scatter(Pca p, int labelled, Path png) {
        String[] axes = new String[2];
        for (int c = 0; c < 2; c++) {
            axes[c] = String.format(java.util.Locale.ROOT, "PC%d (%.0f %% of variance)", c + 1,
                    c < p.explained().length ? 100 * p.explained()[c] : 0.0);
        }
        ai.fastdjl.plot.Plots.save(png, ai.fastdjl.plot.Plots.labelledScatter("Item factors: first two principal"
                + " components", axes[0], axes[1], p.coords(), titles(p), labelled));
    }

    /** The items of {@code p} mapped by PCA and by t-SNE (started from {@code seed}), with the neighbours kept. */
    public EmbeddingMap map(Pca p, long seed) {
        return EmbeddingMap.of(factors(p.items()), seed);
    }

    private List<String> titles(Pca p) {
        return Arrays.stream(p.items()).mapToObj(data::title).toList();
    }

    /**
     * Adds the lesson's interpretation to {@code report}: the {@code top} items with the lowest and highest bias
     * (rated at least {@code minCount} times), the extremes of the first two principal components of the factors of
     * the {@value #PCA_ITEMS} most-rated items, the items most similar to {@code similarTo} (part of a title; null:
     * the most-rated item), and the PCA and t-SNE maps of those factors ({@code item_map.png} in {@code dir}, t-SNE
     * started from {@code seed}).
     */
    public void addTo(ai.fastdjl.report.RunReport report, Path dir, int top, int minCount, String similarTo,
            long seed) {
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
        int item = find(data, similarTo);
        report.table("Most similar to " + data.title(item) + " (cosine of the item factors; ≥ " + minCount
                + " ratings):", List.of("title", "cosine", "ratings"), rows(similar(item, top, minCount)));
        if (p.explained().length < 2 || p.items().length < 3) {
            report.text("One factor per item (or under 3 items): there is no 2-D map.");
            return;
        }
        EmbeddingMap map = map(p, seed);
        map.plot(dir.resolve("item_map.png"), "Item factors", titles(p), PLOTTED);
        report.image("item_map.png", "the " + p.items().length + " most-rated items (the " + PLOTTED + " most rated"
                + " named) by PCA and by t-SNE");
        report.text(String.format(java.util.Locale.ROOT, "Of each item's %d most cosine-similar items, the PCA map"
                + " keeps %.0f %% among its %d nearest points, the t-SNE map %.0f %% (KL %.3f).", EmbeddingMap.K,
                100 * map.pcaKept(), EmbeddingMap.K, 100 * map.tsneKept(), map.kl()));
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
