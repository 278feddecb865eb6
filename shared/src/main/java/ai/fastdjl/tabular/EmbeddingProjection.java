package ai.fastdjl.tabular;

import ai.fastdjl.plot.Plots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Rossmann lesson's look inside the embeddings: project a categorical variable's learned vectors onto their
 * first two principal components and label each point with its level. Levels the network found similar (German
 * states next to each other on the map, in the paper; cities of similar size and season here) land close together.
 */
public final class EmbeddingProjection {
    private EmbeddingProjection() {}

    /**
     * The rows of {@code w} centred and projected onto their top two principal components, {@code [row][2]}, and
     * the fraction of variance each component explains.
     */
    public static Result pca2(float[][] w) {
        int n = w.length;
        int d = w[0].length;
        double[][] c = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (float[] r : w) {
                mean += r[j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i][j] = w[i][j] - mean;
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(c, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(m);
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        double[][] xy = new double[n][2];
        RealMatrix u = svd.getU();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < Math.min(2, s.length); k++) {
                xy[i][k] = u.getEntry(i, k) * s[k];
            }
        }
        double[] explained = new double[2];
        for (int k = 0; k < Math.min(2, s.length); k++) {
            explained[k] = total == 0 ? 0 : s[k] * s[k] / total;
        }
        return new Result(xy, explained);
    }

    /** Projected points and the share of variance of components 1 and 2. */
    public record Result(double[][] xy, double[] explained) {}

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
     * Writes the labelled projection of {@code w}'s rows (level {@code labels.get(k)} for row {@code k}) to
     * {@code png}, leaving out {@link Categorify#NA}: a level the training rows never used keeps its random start.
     */
    public static Result plot(float[][] w, List<String> labels, String variable, Path png) {
        int from = labels.get(0).equals(Categorify.NA) ? 1 : 0;
        float[][] rows = java.util.Arrays.copyOfRange(w, from, w.length);
        Result r = pca2(rows);
        double[] x = new double[rows.length];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = r.xy[i][0];
            y[i] = r.xy[i][1];
        }
        String title = String.format(java.util.Locale.ROOT, "%s embedding, PCA (%.0f %% + %.0f %% of variance)",
                variable, 100 * r.explained[0], 100 * r.explained[1]);
        XYChart chart = Plots.lines(title, "PC1", "PC2", Map.of(variable, new double[][] {x, y}), false);
        XYSeries s = chart.getSeriesMap().get(variable);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setLegendVisible(false);
        for (int i = 0; i < rows.length; i++) {
            chart.addAnnotation(new AnnotationText(labels.get(from + i), x[i], y[i], false));
        }
        Plots.save(png, chart);
        return r;
    }
}
