package ai.fastdjl.plot;

import ai.fastdjl.callback.Recorder;
import ai.fastdjl.schedule.LrFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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
     * A comparison as horizontal-label bars: one bar per row ({@code name → mean}), with an error bar of
     * {@code spread} where given (the std over seeds), and the y axis starting near the smallest value so that
     * differences of a point stay visible. Saved to {@code file}.
     */
    public static void bars(Path file, String title, String yLabel, Map<String, double[]> meanAndSpread) {
        CategoryChart c = new CategoryChartBuilder().width(W + 160).height(H).title(title).yAxisTitle(yLabel).build();
        List<String> names = new ArrayList<>(meanAndSpread.keySet());
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
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        c.addSeries(yLabel, names, means, errors);
        saveChart(file, c);
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

    /** Training and validation loss per epoch, over every fit (fastai's {@code plot_loss}). */
    public static void losses(Recorder rec, Path file) {
        List<Recorder.EpochRow> rows = rec.epochs();
        double[] x = new double[rows.size()];
        double[] train = new double[rows.size()];
        double[] valid = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = i + 1;
            train[i] = rows.get(i).trainLossMean();
            valid[i] = rows.get(i).validLoss();
        }
        Map<String, double[][]> s = new java.util.LinkedHashMap<>();
        s.put("train", new double[][] {x, train});
        s.put("valid", new double[][] {x, valid});
        save(file, lines("Loss", "epoch", "loss", s, false));
    }

    /** Learning rate and momentum per batch of the last fit (fastai's {@code plot_sched}). */
    public static void schedule(Recorder rec, Path file) {
        List<XYChart> charts = new ArrayList<>();
        XYChart lr = lines("Learning rate", "batch", "lr", Map.of("lr", indexed(rec.lrs())), false);
        // rates span 1e-7..1e-1: XChart's default tick labels print them as 15-digit decimals that overlap
        lr.getStyler().setYAxisDecimalPattern("0.##E0");
        charts.add(lr);
        if (!rec.moms().isEmpty()) {
            XYChart mom = lines("Momentum", "batch", "mom", Map.of("mom", indexed(rec.moms())), false);
            mom.getStyler().setYAxisDecimalPattern("0.000");
            charts.add(mom);
        }
        save(file, charts.toArray(XYChart[]::new));
    }

    /** The LR finder's loss against learning rate (log scale), with both suggestions marked. */
    public static void lrFind(LrFinder.Result r, Path file) {
        int n = Math.max(1, r.losses().size() - 5); // fastai's plot_lr_find(skip_end=5)
        double[] lr = r.lrs().subList(0, n).stream().mapToDouble(Double::doubleValue).toArray();
        double[] loss = r.losses().subList(0, n).stream().mapToDouble(Double::doubleValue).toArray();
        XYChart c = lines("LR finder", "learning rate", "smoothed loss", Map.of("loss", new double[][] {lr, loss}), true);
        c.getStyler().setLegendVisible(true);
        mark(c, "valley " + String.format(java.util.Locale.ROOT, "%.2e", r.valley()), r.valley(), lr, loss);
        mark(c, "steep " + String.format(java.util.Locale.ROOT, "%.2e", r.steep()), r.steep(), lr, loss);
        save(file, c);
    }

    private static void mark(XYChart c, String name, double at, double[] lr, double[] loss) {
        int best = 0;
        for (int i = 1; i < lr.length; i++) {
            if (Math.abs(Math.log(lr[i] / at)) < Math.abs(Math.log(lr[best] / at))) {
                best = i;
            }
        }
        XYSeries s = c.addSeries(name, new double[] {lr[best]}, new double[] {loss[best]});
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    private static double[][] indexed(List<Double> ys) {
        double[] x = new double[ys.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = i;
            y[i] = ys.get(i);
        }
        return new double[][] {x, y};
    }
}
