package ai.fastdjl.tabular;

import ai.fastdjl.interpret.EmbeddingMap;
import ai.fastdjl.interpret.Neighbours;
import ai.fastdjl.interpret.Pca;
import ai.fastdjl.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Rossmann lesson's look inside the embeddings: a categorical variable's learned vectors mapped to 2-D by PCA
 * (the lesson's plot) and by t-SNE, each point labelled with its level, and each level's nearest levels by cosine
 * similarity. Levels the network found similar (German states next to each other on the map, in the paper; cities
 * of similar size and season here) land close together.
 */
public final class EmbeddingProjection {
    /** Levels named on the maps: enough for a variable like txhousing's 46 cities, few enough to read. */
    public static final int LABELLED = 60;
    /** Nearest levels listed per level, and levels listed. */
    public static final int NEIGHBOURS = 3;
    public static final int LISTED = 20;

    private EmbeddingProjection() {}

    /**
     * The categorical input to look at by default: the one with the most levels (the Rossmann lesson plots its
     * stores' or states' embeddings), or -1 when there are none.
     */
    public static int widest(List<float[][]> embeddings) {
        int best = -1;
        for (int j = 0; j < embeddings.size(); j++) {
            best = best < 0 || embeddings.get(j).length > embeddings.get(best).length ? j : best;
        }
        return best;
    }

    /**
     * Maps {@code w}'s rows (level {@code labels.get(k)} for row {@code k}) by PCA and t-SNE to {@code png},
     * leaving out {@link Categorify#NA}: a level the training rows never used keeps its random start. Null when
     * fewer than 3 levels remain (no map to draw).
     */
    public static EmbeddingMap plot(float[][] w, List<String> labels, String variable, Path png, long seed) {
        Levels l = Levels.of(w, labels);
        return l.rows().length < 3 ? null : l.map(variable, png, seed);
    }

    /**
     * Adds {@link #plot}'s maps ({@code emb_<variable>.png} in {@code dir}), how many neighbours each keeps, and the
     * first {@value #LISTED} levels' {@value #NEIGHBOURS} most cosine-similar levels to {@code report}.
     */
    public static EmbeddingMap addTo(RunReport report, Path dir, float[][] w, List<String> labels, String variable,
            long seed) {
        Levels l = Levels.of(w, labels);
        if (l.rows().length < 3) {
            report.text(variable + " has fewer than 3 levels: there is no embedding map.");
            return null;
        }
        String file = "emb_" + variable + ".png";
        EmbeddingMap map = l.map(variable, dir.resolve(file), seed);
        report.image(file, variable + " embeddings by PCA (2 principal components) and by t-SNE");
        report.text(String.format(Locale.ROOT, "Of each level's %d most cosine-similar levels, the PCA map keeps %.0f"
                + " %% among its nearest points, the t-SNE map %.0f %%.", Math.min(EmbeddingMap.K, l.rows().length - 1),
                100 * map.pcaKept(), 100 * map.tsneKept()));
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < Math.min(LISTED, l.rows().length); i++) {
            List<String> row = new ArrayList<>(List.of(l.names().get(i)));
            for (Neighbours.Neighbour n : Neighbours.cosine(l.rows(), i, NEIGHBOURS)) {
                row.add(l.names().get(n.row()) + " (" + RunReport.format(n.value()) + ")");
            }
            table.add(row);
        }
        List<String> header = new ArrayList<>(List.of(variable));
        for (int k = 1; k <= Math.min(NEIGHBOURS, l.rows().length - 1); k++) {
            header.add("nearest " + k + " (cosine)");
        }
        report.table(variable + " levels and their most similar levels by the cosine of their embeddings:", header,
                table);
        return map;
    }

    /** The vectors and names of the levels worth looking at: all but {@link Categorify#NA}. */
    private record Levels(double[][] rows, List<String> names) {
        static Levels of(float[][] w, List<String> labels) {
            int from = labels.get(0).equals(Categorify.NA) ? 1 : 0;
            return new Levels(Pca.toDouble(Arrays.copyOfRange(w, from, w.length)), labels.subList(from, labels.size()));
        }

        EmbeddingMap map(String variable, Path png, long seed) {
            EmbeddingMap map = EmbeddingMap.of(rows, seed);
            map.plot(png, variable + " embedding", names, LABELLED);
            return map;
        }
    }
}
