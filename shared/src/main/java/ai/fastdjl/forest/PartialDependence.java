package ai.fastdjl.forest;

import ai.fastdjl.plot.Plots;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ML course's partial dependence plot: set one feature to each value of a grid in every row, keep the other
 * features as they are, and average the model's predictions. Unlike a plain average of the target by that
 * feature, this holds everything else fixed, so it shows the feature's own effect ("sale price by year made,
 * other things equal"). A few rows' own curves (ICE lines) are drawn faintly to show whether the effect differs
 * between rows.
 */
public final class PartialDependence {
    private PartialDependence() {}

    /** {@code mean[g]}: the average prediction with the feature at {@code grid[g]}; {@code ice[row][g]} for a sample. */
    public record Curve(String feature, double[] grid, double[] mean, double[][] ice) {}

    public static Curve of(Predictor model, double[][] x, int feature, String name, double[] grid, int iceRows, long seed) {
        double[] mean = new double[grid.length];
        Random rng = new Random(seed);
        int[] sample = rng.ints(Math.min(iceRows, x.length), 0, x.length).toArray();
        double[][] ice = new double[sample.length][grid.length];
        for (int g = 0; g < grid.length; g++) {
            double[][] xs = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                xs[i] = x[i].clone();
                xs[i][feature] = grid[g];
            }
            double[] p = model.predict(xs);
            mean[g] = Arrays.stream(p).average().orElse(Double.NaN);
            for (int s = 0; s < sample.length; s++) {
                ice[s][g] = p[sample[s]];
            }
        }
        return new Curve(name, grid.clone(), mean, ice);
    }

    /** The feature's distinct values when there are at most {@code maxPoints}, else that many quantiles. */
    public static double[] grid(double[][] x, int feature, int maxPoints) {
        double[] v = Arrays.stream(x).mapToDouble(r -> r[feature]).sorted().toArray();
        double[] distinct = Arrays.stream(v).distinct().toArray();
        if (distinct.length <= maxPoints) {
            return distinct;
        }
        double[] g = new double[maxPoints];
        for (int k = 0; k < maxPoints; k++) {
            g[k] = v[(int) Math.round((double) k * (v.length - 1) / (maxPoints - 1))];
        }
        return Arrays.stream(g).distinct().toArray();
    }

    /**
     * The univariate view the course contrasts with partial dependence: the mean target of the rows whose feature
     * value is nearest to each grid value (NaN where no row is), other features left to vary as they do. Where it
     * and the partial dependence disagree, "there is something else going on": the feature travels with others.
     */
    public static double[] univariate(double[][] x, double[] y, int feature, double[] grid) {
        double[] sum = new double[grid.length];
        int[] count = new int[grid.length];
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            for (int g = 1; g < grid.length; g++) {
                if (Math.abs(x[i][feature] - grid[g]) < Math.abs(x[i][feature] - grid[best])) {
                    best = g;
                }
            }
            sum[best] += y[i];
            count[best]++;
        }
        double[] out = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            out[g] = count[g] == 0 ? Double.NaN : sum[g] / count[g];
        }
        return out;
    }

    /** How the two views compare over the grid points that have rows: Pearson's r, and each curve's max − min. */
    public record Comparison(double r, double univariateRange, double partialRange) {}

    public static Comparison compare(Curve c, double[] univariate) {
        int[] ok = java.util.stream.IntStream.range(0, univariate.length).filter(g -> !Double.isNaN(univariate[g]))
                .toArray();
        double[] u = Arrays.stream(ok).mapToDouble(g -> univariate[g]).toArray();
        double[] p = Arrays.stream(ok).mapToDouble(g -> c.mean()[g]).toArray();
        // Commons Math (already the linear baseline's solver) needs two points, and gives NaN for a flat curve
        double r = u.length < 2 ? Double.NaN : new PearsonsCorrelation().correlation(u, p);
        return new Comparison(r, range(u), range(p));
    }

    private static double range(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN) - Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** {@link #plot(Curve, double[], List, java.util.function.DoubleUnaryOperator, String, Path)} without the univariate curve. */
    public static void plot(Curve c, List<String> labels, java.util.function.DoubleUnaryOperator xValue, String yLabel,
            Path png) {
        plot(c, null, labels, xValue, yLabel, png);
    }

    /**
     * Writes the curve (thick) over the ICE lines (thin, grey) to {@code png}. {@code labels}, when not null,
     * names grid value {@code k} (a category code) on the x axis; {@code xValue} turns grid values back into the
     * feature's units (undoing normalisation), or null.
     */
    public static void plot(Curve c, double[] univariate, List<String> labels,
            java.util.function.DoubleUnaryOperator xValue, String yLabel, Path png) {
        double[] xs = Arrays.stream(c.grid()).map(v -> xValue == null ? v : xValue.applyAsDouble(v)).toArray();
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (int s = 0; s < c.ice().length; s++) {
            series.put("row " + s, new double[][] {xs, c.ice()[s]});
        }
        if (univariate != null) { // grid points without rows are left out of the line
            int[] ok = java.util.stream.IntStream.range(0, xs.length).filter(g -> !Double.isNaN(univariate[g])).toArray();
            series.put("mean of the target", new double[][] {Arrays.stream(ok).mapToDouble(g -> xs[g]).toArray(),
                    Arrays.stream(ok).mapToDouble(g -> univariate[g]).toArray()});
        }
        series.put("partial dependence", new double[][] {xs, c.mean()});
        XYChart chart = Plots.lines(univariate == null ? "Partial dependence on " + c.feature()
                : "Partial dependence (blue) vs mean of the target (orange) by " + c.feature(), c.feature(), yLabel,
                series, false);
        chart.getStyler().setLegendVisible(false);
        for (XYSeries s : chart.getSeriesMap().values()) {
            boolean pd = s.getName().equals("partial dependence");
            boolean uni = s.getName().equals("mean of the target");
            Color main = uni ? new Color(0xff, 0x7f, 0x0e) : new Color(0x1f, 0x77, 0xb4);
            s.setLineColor(pd || uni ? main : new Color(0, 0, 0, 40));
            s.setLineStyle(new BasicStroke(pd || uni ? 3f : 1f));
            s.setMarker((pd || uni) && xs.length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setMarkerColor(main);
        }
        if (labels != null) {
            chart.setCustomXAxisTickLabelsFormatter(v -> {
                int k = (int) Math.round(v);
                return Math.abs(v - k) < 1e-9 && k >= 0 && k < labels.size() ? labels.get(k) : "";
            });
        }
        Plots.save(png, chart);
    }
}
