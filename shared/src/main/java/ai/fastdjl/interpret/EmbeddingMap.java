package ai.fastdjl.interpret;

import ai.fastdjl.plot.Plots;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Learned embedding vectors (a collaborative filter's item factors, a tabular network's category embeddings) drawn
 * in 2-D two ways, side by side: {@link Pca}, the lessons' projection, which keeps the global linear layout, and
 * {@link Tsne}, which keeps who is next to whom. How well each keeps neighbourhoods is measured: the share of each
 * vector's {@value #K} most cosine-similar vectors that are also among its {@value #K} nearest points on the map
 * (fewer when there are fewer vectors). t-SNE is run on the vectors scaled to unit length, so that its Euclidean
 * distances rank pairs as the cosine does (the course's similarity between embeddings, {@link Neighbours}).
 *
 * @param pca      the first two principal components of the vectors as they are
 * @param tsne     the t-SNE map, {@code [row]{x, y}}
 * @param kl       t-SNE's final KL divergence
 * @param pcaKept  share of cosine neighbours kept on the PCA map
 * @param tsneKept share of cosine neighbours kept on the t-SNE map
 */
public record EmbeddingMap(Pca pca, double[][] tsne, double kl, double pcaKept, double tsneKept) {
    /** Neighbours per vector in the kept-neighbourhood measure (the order of t-SNE's perplexity, 5 … 50). */
    public static final int K = 10;

    /** Maps {@code vectors} (at least 3 rows); {@code seed} fixes t-SNE's start. */
    public static EmbeddingMap of(double[][] vectors, long seed) {
        Pca pca = Pca.of(vectors, 2);
        // bhtsne refuses a perplexity above (n - 1) / 3; below that, the default 30
        Tsne tsne = Tsne.builder().perplexity(Math.min(30, (vectors.length - 1) / 3.0)).seed(seed).build();
        double[][] map = tsne.fit(unitLength(vectors));
        double[][] pca2 = Arrays.stream(pca.coords()).map(r -> r.length > 1 ? r : new double[] {r[0], 0})
                .toArray(double[][]::new);
        return new EmbeddingMap(pca, map, tsne.klDivergence(), kept(vectors, pca2), kept(vectors, map));
    }

    /**
     * The share of each row's {@link #K} most cosine-similar rows of {@code vectors} that are among its {@link #K}
     * nearest rows of {@code map}, averaged over the rows.
     */
    public static double kept(double[][] vectors, double[][] map) {
        int k = Math.min(K, vectors.length - 1);
        double sum = 0;
        for (int row = 0; row < vectors.length; row++) {
            int i = row;
            Set<Integer> near = new HashSet<>();
            Arrays.stream(Neighbours.cosine(vectors, i, k)).forEach(n -> near.add(n.row()));
            long both = Arrays.stream(Neighbours.euclidean(map, map[i], k + 1)).filter(n -> n.row() != i)
                    .limit(k).filter(n -> near.contains(n.row())).count();
            sum += (double) both / k;
        }
        return sum / vectors.length;
    }

    /**
     * Writes both maps of {@code what} side by side to {@code png}, the first {@code labelled} rows named by
     * {@code labels}.
     */
    public void plot(Path png, String what, List<String> labels, int labelled) {
        String pcaTitle = String.format(Locale.ROOT, "%s: PCA (keeps %.0f %% of %d-neighbourhoods)", what,
                100 * pcaKept, K);
        String tsneTitle = String.format(Locale.ROOT, "%s: t-SNE (keeps %.0f %%)", what, 100 * tsneKept);
        double[] e = pca.explained();
        Plots.save(png, Plots.labelledScatter(pcaTitle, String.format(Locale.ROOT, "PC1 (%.0f %% of variance)",
                        100 * e[0]), e.length > 1 ? String.format(Locale.ROOT, "PC2 (%.0f %% of variance)", 100 * e[1])
                        : "(one component)", pca.coords(), labels, labelled),
                Plots.labelledScatter(tsneTitle, "t-SNE 1 (no unit)", "t-SNE 2 (no unit)", tsne, labels, labelled));
    }

    private static double[][] unitLength(double[][] v) {
        return Arrays.stream(v).map(r -> {
            double norm = Math.sqrt(Arrays.stream(r).map(a -> a * a).sum());
            return norm == 0 ? r.clone() : Arrays.stream(r).map(a -> a / norm).toArray();
        }).toArray(double[][]::new);
    }
}
