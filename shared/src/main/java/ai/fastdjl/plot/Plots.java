package ai.fastdjl.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The course's standard plots as PNG files (XChart, headless). */
public final class Plots {
    private static final int W = 640;
    private static final int H = 420;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** A line chart; each series maps a name to {x[], y[]}. */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[][]> series, boolean logX) {
        XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setMarkerSize(4);
        series.forEach((name, xy) -> {
            XYSeries s = chart.addSeries(name, xy[0], xy[1]);
            s.setMarker(xy[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    /**
     * A comparison as labelled bars: one bar per row ({@code name → mean}), with an error bar of
     * {@code spread} where given (the std over seeds), and the y axis starting near the smallest value so that
     * differences of a point stay visible. Saved to {@code file}.
     */
    public static void bars(Path file, String title, String yLabel, Map<String, double[]> meanAndSpread) {
        List<String> names = new ArrayList<>(meanAndSpread.keySet());
        // XChart places labels rotated by a small angle one slot to the right of their bar (and drops the last), so
        // the labels stay level when they fit under their bars, and stand upright, centred on them, when they do not
        int width = W + 160;
        Font font = new CategoryChartBuilder().build().getStyler().getAxisTickLabelsFont();
        FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)
                .getGraphics().getFontMetrics(font);
        int longest = names.stream().mapToInt(fm::stringWidth).max().orElse(0);
        boolean upright = longest + 10 > (width - 100) / Math.max(1, names.size()); // 100: the y axis and margins
        CategoryChart c = new CategoryChartBuilder().width(width).height(H + (upright ? longest : 0)).title(title)
                .yAxisTitle(yLabel).build();
        List<Double> means = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] v : meanAndSpread.values()) {
            double spread = v.length > 1 ? v[1] : 0;
            means.add(v[0]);
            errors.add(spread);
            lo = Math.min(lo, v[0] - spread);
            hi = Math.max(hi, v[0] + spread);
        }
        double pad = Math.max(1e-9, (hi - lo) * 0.25);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(upright ? 90 : 0);
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        c.addSeries(yLabel, names, means, errors);
        saveChart(file, c);
    }

    /**
     * A scatter of points {@code xy[row] = {x, y}}, the first {@code labelled} of them annotated with their
     * {@code labels} (cut to 28 characters): an embedding map.
     */
    public static XYChart labelledScatter(String title, String xLabel, String yLabel, double[][] xy, List<String> labels,
            int labelled) {
        XYChart chart = new XYChartBuilder().width(900).height(700).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        double[] x = new double[xy.length];
        double[] y = new double[xy.length];
        for (int r = 0; r < xy.length; r++) {
            x[r] = xy[r][0];
            y[r] = xy[r].length > 1 ? xy[r][1] : 0;
            if (r < labelled) {
                String t = labels.get(r);
                chart.addAnnotation(new org.knowm.xchart.AnnotationText(t.length() > 28 ? t.substring(0, 27) + "…" : t,
                        x[r], y[r], false));
            }
        }
        XYSeries s = chart.addSeries("points", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /** Saves charts side by side in one PNG. */
    public static void save(Path file, XYChart... charts) {
        try {
            if (charts.length == 1) {
                BitmapEncoder.saveBitmap(charts[0], file.toString(), BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(List.of(charts), 1, charts.length, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }

    private static void saveChart(Path file, Chart<?, ?> chart) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }

    /** Marks the point of {@code (x, y)} whose x is nearest {@code at} on a log scale, as a named dot. */
    public static void mark(XYChart c, String name, double at, double[] x, double[] y) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(Math.log(x[i] / at)) < Math.abs(Math.log(x[best] / at))) {
                best = i;
            }
        }
        XYSeries s = c.addSeries(name, new double[] {x[best]}, new double[] {y[best]});
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    /** {@code {0, 1, …}} against {@code ys}: a series indexed by step. */
    public static double[][] indexed(List<Double> ys) {
        double[] x = new double[ys.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = i;
            y[i] = ys.get(i);
        }
        return new double[][] {x, y};
    }
}
