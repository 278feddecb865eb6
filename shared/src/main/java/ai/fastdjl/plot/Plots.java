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
        charts.add(lines("Learning rate", "batch", "lr", Map.of("lr", indexed(rec.lrs())), false));
        if (!rec.moms().isEmpty()) {
            charts.add(lines("Momentum", "batch", "mom", Map.of("mom", indexed(rec.moms())), false));
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
