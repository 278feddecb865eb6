package ai.fastdjl.gan;

import ai.fastdjl.plot.Plots;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/** A GAN run's charts: both losses step by step, and the Fréchet distance next to the critic's own estimate. */
public final class GanPlots {
    private GanPlots() {}

    /**
     * The critic's loss at each critic step and the generator's at each generator step, side by side (the critic's
     * alone when a short run had no generator step, e.g. within a warm-up).
     */
    public static void losses(GanTrainer t, Path file) {
        XYChart critic = Plots.lines("Critic", "critic step", "loss", Map.of("critic", indexed(t.criticLosses())), false);
        if (t.generatorLosses().isEmpty()) {
            Plots.save(file, critic);
        } else {
            Plots.save(file, critic, Plots.lines("Generator", "generator step", "loss",
                    Map.of("generator", indexed(t.generatorLosses())), false));
        }
    }

    /**
     * The distance per epoch, and what the critic's loss says of the same epochs: {@code estimate} maps its mean
     * loss to the divergence it estimates ({@code -loss} for WGAN's Wasserstein distance, {@code log 2 - loss} for
     * the Jensen–Shannon divergence of a BCE critic).
     */
    public static void distance(List<GanMonitor.Row> rows, String estimateName, DoubleUnaryOperator estimate,
            Path file) {
        double[] x = new double[rows.size()];
        double[] fd = new double[rows.size()];
        double[] est = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i).epoch();
            fd[i] = rows.get(i).fd();
            est[i] = estimate.applyAsDouble(rows.get(i).criticLoss());
        }
        Map<String, double[][]> a = new LinkedHashMap<>();
        a.put("Fréchet distance", new double[][] {x, fd});
        Map<String, double[][]> b = new LinkedHashMap<>();
        b.put(estimateName, new double[][] {x, est});
        Plots.save(file, Plots.lines("Fréchet distance (lower is better)", "epoch", "FD", a, false),
                Plots.lines("Critic's estimate: " + estimateName, "epoch", "mean over the epoch", b, false));
    }

    private static double[][] indexed(List<Double> ys) {
        double[] x = new double[ys.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
            y[i] = ys.get(i);
        }
        return new double[][] {x, y};
    }
}
