package ai.fastdjl.callback;

import ai.djl.ndarray.NDArray;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.models.Hook;
import ai.fastdjl.plot.Plots;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Records, for every hooked layer and training batch, the mean and standard deviation of its output and a histogram
 * of its values (fastai's {@code ActivationStats(with_hist=True)}), and draws the course's plots: means and stds per
 * batch, and the "colorful dimension" — one column per batch, one row per histogram bin, brighter for more
 * activations — where a healthy network shows a smooth spread and a bad one a collapse to zero and back.
 */
public class ActivationStats implements Callback {
    /** fastai's hook: {@code histc(40, 0, 10)} of each output. */
    public static final int BINS = 40;
    public static final double HIST_MIN = 0;
    public static final double HIST_MAX = 10;
    /** fastai's {@code dead_chart}/{@code get_min}: the share of activations in the lowest two bins (below 0.5). */
    public static final int NEAR_ZERO_BINS = 2;

    private final List<Hook> hooks;
    private final List<String> names;
    private final List<List<double[]>> stats = new ArrayList<>(); // per layer, per batch: mean, std
    private final List<List<long[]>> hists = new ArrayList<>();
    private boolean active;

    public ActivationStats(List<Hook> hooks, List<String> names) {
        this.hooks = hooks;
        this.names = names;
        for (int i = 0; i < hooks.size(); i++) {
            stats.add(new ArrayList<>());
            hists.add(new ArrayList<>());
            final int layer = i;
            hooks.get(i).listen((out, training) -> {
                if (active && training) {
                    record(layer, out);
                }
            });
        }
    }

    @Override
    public void beforeBatch(Learner learn) {
        active = learn.training();
    }

    @Override
    public void afterPred(Learner learn) {
        active = false;
    }

    @Override
    public void afterFit(Learner learn) {
        active = false;
    }

    private void record(int layer, NDArray out) {
        float[] v = out.toFloatArray();
        double sum = 0;
        double sq = 0;
        for (float f : v) {
            sum += f;
            sq += (double) f * f;
        }
        double mean = sum / v.length;
        stats.get(layer).add(new double[] {mean, Math.sqrt(Math.max(0, sq / v.length - mean * mean))});
        hists.get(layer).add(histogram(v, BINS, HIST_MIN, HIST_MAX));
    }

    /** Counts of values in {@code bins} equal bins over {@code [lo, hi]}; values outside are ignored (torch.histc). */
    public static long[] histogram(float[] values, int bins, double lo, double hi) {
        long[] h = new long[bins];
        double width = (hi - lo) / bins;
        for (float f : values) {
            if (f >= lo && f <= hi) {
                h[Math.min(bins - 1, (int) ((f - lo) / width))]++;
            }
        }
        return h;
    }

    /** Per layer, per batch: {mean, std}. */
    public List<List<double[]>> stats() {
        return stats;
    }

    public List<List<long[]>> histograms() {
        return hists;
    }

    /** Share of each layer's activations below 0.5, per batch (fastai's {@code get_min}). */
    public List<double[]> nearZero() {
        List<double[]> out = new ArrayList<>();
        for (List<long[]> layer : hists) {
            double[] f = new double[layer.size()];
            for (int b = 0; b < f.length; b++) {
                long total = 0;
                long low = 0;
                for (int k = 0; k < BINS; k++) {
                    total += layer.get(b)[k];
                    low += k < NEAR_ZERO_BINS ? layer.get(b)[k] : 0;
                }
                f[b] = total == 0 ? 0 : (double) low / total;
            }
            out.add(f);
        }
        return out;
    }

    /** Means and stds of each layer per batch, side by side (fastai's {@code plot_layer_stats}). */
    public void plotStats(Path file) {
        Map<String, double[][]> means = new LinkedHashMap<>();
        Map<String, double[][]> stds = new LinkedHashMap<>();
        for (int l = 0; l < hooks.size(); l++) {
            int n = stats.get(l).size();
            double[] x = new double[n];
            double[] m = new double[n];
            double[] s = new double[n];
            for (int b = 0; b < n; b++) {
                x[b] = b;
                m[b] = stats.get(l).get(b)[0];
                s[b] = stats.get(l).get(b)[1];
            }
            means.put(names.get(l), new double[][] {x, m});
            stds.put(names.get(l), new double[][] {x, s});
        }
        Plots.save(file, Plots.lines("Activation means", "batch", "mean", means, false),
                Plots.lines("Activation stds", "batch", "std", stds, false));
    }

    /** The colorful dimension: one panel per layer, batches across, histogram bins up, log-scaled counts as colour. */
    public void plotColorfulDimension(Path file) {
        int panelH = BINS * 4;
        int gap = 24;
        int batches = hists.isEmpty() ? 0 : hists.get(0).size();
        int w = Math.max(200, Math.min(800, batches * 2));
        BufferedImage img = new BufferedImage(w + 80, hooks.size() * (panelH + gap) + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int l = 0; l < hooks.size(); l++) {
            List<long[]> layer = hists.get(l);
            int y0 = l * (panelH + gap) + gap;
            g.setColor(Color.BLACK);
            g.drawString(names.get(l), 4, y0 - 6);
            double max = 1;
            for (long[] h : layer) {
                for (long c : h) {
                    max = Math.max(max, Math.log1p(c));
                }
            }
            for (int b = 0; b < layer.size(); b++) {
                int x0 = 70 + (int) ((long) b * w / Math.max(1, layer.size()));
                int x1 = 70 + (int) ((long) (b + 1) * w / Math.max(1, layer.size()));
                for (int k = 0; k < BINS; k++) {
                    float t = (float) (Math.log1p(layer.get(b)[k]) / max);
                    g.setColor(viridis(t));
                    g.fillRect(x0, y0 + panelH - (k + 1) * 4, Math.max(1, x1 - x0), 4);
                }
            }
        }
        g.dispose();
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A dark-blue → green → yellow ramp approximating matplotlib's viridis, which fastai's plot uses. */
    static Color viridis(float t) {
        float[][] stops = {{0.267f, 0.005f, 0.329f}, {0.128f, 0.567f, 0.551f}, {0.993f, 0.906f, 0.144f}};
        float u = Math.max(0, Math.min(1, t)) * 2;
        int i = Math.min(1, (int) u);
        float f = u - i;
        return new Color(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]),
                stops[i][1] + f * (stops[i + 1][1] - stops[i][1]), stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
    }

    /** Stops listening (the hooks stay in the model, idle). */
    public void remove() {
        hooks.forEach(h -> h.listen(null));
    }
}
