package ai.fastdjl.learner;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.numerics.Doctor;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.ParamGroup;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.schedule.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The learning-rate range test (Smith 2015; fastai's {@code lr_find}): train a few batches while the learning rate
 * grows exponentially, watch the smoothed loss, stop once it diverges, then put the weights back. The loss curve
 * shows where learning is fastest; {@link Result#valley()} and {@link Result#steep()} are fastai's two automatic
 * picks.
 */
public final class LrFinder {
    // fastai defaults: start_lr=1e-7, end_lr=10, num_it=100, stop_div=True
    private double startLr = 1e-7;
    private double endLr = 10;
    private int numIt = 100;
    private boolean stopDiv = true;
    /** fastai stops when the smoothed loss exceeds 4× its best: past that point the curve says nothing more. */
    private static final double DIVERGE_FACTOR = 4;

    public LrFinder range(double start, double end) {
        this.startLr = start;
        this.endLr = end;
        return this;
    }

    public LrFinder numIt(int numIt) {
        // fastai: if num_it < 6: num_it = 6 (the suggestion trims the first tenth and last five points)
        this.numIt = Math.max(6, numIt);
        return this;
    }

    public LrFinder stopDiv(boolean stopDiv) {
        this.stopDiv = stopDiv;
        return this;
    }

    /** The sweep's points and fastai's suggestions. */
    public record Result(List<Double> lrs, List<Double> losses, double valley, double steep) {
        /** The loss against learning rate (log scale) with both suggestions marked (fastai's {@code plot_lr_find}). */
        public void plot(Path file) {
            int n = Math.max(1, losses.size() - 5); // fastai's plot_lr_find(skip_end=5)
            double[] lr = lrs.subList(0, n).stream().mapToDouble(Double::doubleValue).toArray();
            double[] loss = losses.subList(0, n).stream().mapToDouble(Double::doubleValue).toArray();
            XYChart c = Plots.lines("LR finder", "learning rate", "smoothed loss",
                    Map.of("loss", new double[][] {lr, loss}), true);
            c.getStyler().setLegendVisible(true);
            Plots.mark(c, "valley " + String.format(Locale.ROOT, "%.2e", valley), valley, lr, loss);
            Plots.mark(c, "steep " + String.format(Locale.ROOT, "%.2e", steep), steep, lr, loss);
            Plots.save(file, c);
        }
    }

    public Result find(Learner learn) {
        Path tmp;
        try {
            tmp = Files.createTempFile("lr_find", ".ckpt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<Hyper, Double>> hypers = new ArrayList<>();
        for (ParamGroup g : learn.opt().groups()) {
            hypers.add(new EnumMap<>(g.hypers()));
        }
        learn.save(tmp, true);
        Sweep sweep = new Sweep();
        try {
            int nEpoch = numIt / Math.max(1, Math.min(learn.dls().trainBatches(), learn.maxBatches())) + 1;
            learn.withoutLogging(() -> learn.fit(nEpoch, sweep));
        } finally {
            learn.load(tmp);
            for (int i = 0; i < hypers.size(); i++) {
                hypers.get(i).forEach(learn.opt().groups().get(i)::set);
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
        Result r = suggest(sweep.lrs, sweep.losses, numIt);
        if (learn.run() != null) {
            r.plot(learn.run().file("lr_find.png"));
        }
        return r;
    }

    /**
     * fastai's suggestions on the sweep, trimmed as {@code lr_find} does: the first {@code numIt/10} points (the
     * smoothing is still warming up) and the last five (already diverging), and everything from the first NaN.
     */
    public static Result suggest(List<Double> lrs, List<Double> losses, int numIt) {
        int from = numIt / 10;
        int to = losses.size() - 5;
        List<Double> l = new ArrayList<>();
        List<Double> x = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (Double.isNaN(losses.get(i))) {
                break;
            }
            l.add(losses.get(i));
            x.add(lrs.get(i));
        }
        if (l.size() < 2) {
            int firstBad = 0;
            while (firstBad < losses.size() && Double.isFinite(losses.get(firstBad))) {
                firstBad++;
            }
            if (firstBad < losses.size()) {
                // at 1e-7 no model diverges: a loss that is not finite this early means wrong arithmetic
                throw new NonFiniteLossException(String.format(Locale.ROOT,
                        "the LR finder's loss was %s after %d batches, at lr %.2g, far below any rate that diverges:"
                                + " the numbers are wrong, not the rate; run the doctor (%s)",
                        losses.get(firstBad), firstBad + 1, lrs.get(firstBad), Doctor.COMMAND));
            }
            throw new UserInputException("the LR finder recorded only " + losses.size() + " batches; it needs more"
                    + " than " + (from + 6) + ": use more training data or a smaller batch size, or give --lr");
        }
        return new Result(lrs, losses, valley(x, l), steep(x, l));
    }

    /**
     * fastai's {@code valley}: the longest stretch over which the loss keeps falling (longest decreasing
     * subsequence), and a point two thirds of the way down it.
     */
    static double valley(List<Double> lrs, List<Double> losses) {
        int n = losses.size();
        int maxStart = 0;
        int maxEnd = 0;
        int[] lds = new int[n];
        java.util.Arrays.fill(lds, 1);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses.get(i) < losses.get(j) && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        return lrs.get(idx);
    }

    /** fastai's {@code steep}: where the loss falls fastest per unit of log learning rate. */
    static double steep(List<Double> lrs, List<Double> losses) {
        int best = 0;
        double bestGrad = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < losses.size(); i++) {
            double g = (losses.get(i + 1) - losses.get(i)) / (Math.log(lrs.get(i + 1)) - Math.log(lrs.get(i)));
            if (g < bestGrad) {
                bestGrad = g;
                best = i;
            }
        }
        return lrs.get(best);
    }

    /** The exponential sweep, as a scheduler that counts batches against {@code numIt} instead of epochs. */
    private final class Sweep extends ParamScheduler {
        final List<Double> lrs = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;

        Sweep() {
            set(Hyper.LR, Schedule.exp(startLr, endLr));
        }

        @Override
        protected double progress(Learner learn) {
            return (double) learn.trainIter() / numIt;
        }

        @Override
        public void afterBatch(Learner learn) {
            if (!learn.training()) {
                return;
            }
            double smooth = learn.recorder().smoothLoss();
            double[] lr = learn.opt().hyper(Hyper.LR);
            lrs.add(lr[lr.length - 1]);
            losses.add(smooth);
            if (smooth < best) {
                best = smooth;
            }
            if (stopDiv && (smooth > DIVERGE_FACTOR * best || Double.isNaN(smooth))) {
                throw new CancelException.Fit("loss diverged");
            }
            if (learn.trainIter() + 1 >= numIt) {
                throw new CancelException.Fit("sweep done");
            }
        }

        @Override
        public void beforeValidate(Learner learn) {
            throw new CancelException.Validate("LR finder: no validation");
        }
    }
}
