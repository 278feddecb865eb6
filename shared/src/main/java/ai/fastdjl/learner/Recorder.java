package ai.fastdjl.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.training.evaluator.Evaluator;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * Records what training did (fastai's {@code Recorder}): per training batch the smoothed loss, learning rate and
 * momentum of the last parameter group; per epoch the training loss, validation loss and metrics. The learner
 * always has one.
 *
 * <p>Per-batch lists cover the current fit (reset at each fit, as fastai's); the epoch table keeps every fit, so
 * a fine-tune's two phases land in one report.
 */
public class Recorder implements Callback, RunReport.Section {
    /** fastai's order: after the NaN guard, before schedulers read the smoothed loss and before progress prints. */
    public static final int ORDER = 50;
    /** fastai's {@code AvgSmoothLoss(beta=0.98)}: an exponential moving average over about 50 batches. */
    public static final double SMOOTH_BETA = 0.98;

    private final List<Double> lrs = new ArrayList<>();
    private final List<Double> moms = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<EpochRow> epochs = new ArrayList<>();
    private double smoothSum;
    private int smoothCount;
    private double smoothLoss = Double.NaN;
    private double trainSum;
    private long trainCount;
    private double validSum;
    private long validCount;
    private long epochStart;
    private int fit;
    private State pending;

    /**
     * One line of the training table. {@code epoch} counts from 0 across all fits of this learner; an epoch that
     * skipped validation ({@code validated} false) has a NaN validation loss and no metrics.
     */
    public record EpochRow(
            int fit, int epoch, double trainLoss, double trainLossMean, double validLoss,
            Map<String, Double> metrics, double seconds, boolean validated) {}

    /** fastai's mark for a value an epoch did not compute (validation skipped), so it is not mistaken for NaN. */
    public static final String NOT_COMPUTED = "#na#";

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void beforeFit(Learner learn) {
        lrs.clear();
        moms.clear();
        losses.clear();
        smoothSum = 0;
        smoothCount = 0;
        smoothLoss = Double.NaN;
        if (pending != null) {
            smoothSum = pending.smoothSum();
            smoothCount = pending.smoothCount();
            smoothLoss = smoothCount > 0 ? smoothSum / (1 - Math.pow(SMOOTH_BETA, smoothCount)) : Double.NaN;
            pending = null;
        }
        if (learn.logging()) {
            fit++;
        }
    }

    @Override
    public void beforeEpoch(Learner learn) {
        epochStart = System.nanoTime();
        trainSum = 0;
        trainCount = 0;
        validSum = 0;
        validCount = 0;
    }

    @Override
    public void beforeValidate(Learner learn) {
        for (Evaluator m : learn.metrics()) {
            m.addAccumulator("valid");
        }
    }

    @Override
    public void afterBatch(Learner learn) {
        NDArray loss = learn.loss();
        if (loss == null) {
            return; // batch cancelled before its loss
        }
        double l = loss.getFloat();
        long bs = learn.yb().head().getShape().get(0);
        if (learn.training()) {
            // AvgSmoothLoss: val = lerp(loss, val, beta), reported debiased as val / (1 - beta^count)
            smoothSum = SMOOTH_BETA * smoothSum + (1 - SMOOTH_BETA) * l;
            smoothCount++;
            smoothLoss = smoothSum / (1 - Math.pow(SMOOTH_BETA, smoothCount));
            losses.add(smoothLoss);
            double[] lr = learn.opt().hyper(Hyper.LR);
            lrs.add(lr[lr.length - 1]);
            if (learn.opt().groups().get(0).has(Hyper.MOM)) {
                double[] mom = learn.opt().hyper(Hyper.MOM);
                moms.add(mom[mom.length - 1]);
            }
            trainSum += l * bs;
            trainCount += bs;
        } else {
            validSum += l * bs;
            validCount += bs;
            for (Evaluator m : learn.metrics()) {
                m.updateAccumulator("valid", learn.yb(), learn.pred());
            }
        }
    }

    @Override
    public void afterEpoch(Learner learn) {
        if (!learn.logging()) {
            return;
        }
        Map<String, Double> mets = new LinkedHashMap<>();
        if (validCount > 0) {
            for (Evaluator m : learn.metrics()) {
                mets.put(m.getName(), (double) m.getAccumulator("valid"));
            }
        }
        epochs.add(new EpochRow(
                fit,
                epochs.size(),
                smoothLoss,
                trainCount > 0 ? trainSum / trainCount : Double.NaN,
                validCount > 0 ? validSum / validCount : Double.NaN,
                mets,
                (System.nanoTime() - epochStart) / 1e9,
                validCount > 0));
    }

    /** Smoothed training loss after the latest batch (NaN before the first). */
    public double smoothLoss() {
        return smoothLoss;
    }

    public List<Double> lrs() {
        return Collections.unmodifiableList(lrs);
    }

    public List<Double> moms() {
        return Collections.unmodifiableList(moms);
    }

    /** Smoothed training loss per batch of the current fit. */
    public List<Double> losses() {
        return Collections.unmodifiableList(losses);
    }

    public List<EpochRow> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch's row, or null before the first epoch ends. */
    public EpochRow last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** What a checkpoint keeps of the recorder: the epoch table and the loss smoothing of the running fit. */
    public record State(List<EpochRow> epochs, double smoothSum, int smoothCount, int fit) {}

    public State state() {
        return new State(List.copyOf(epochs), smoothSum, smoothCount, fit);
    }

    /**
     * Restores a checkpoint's state, so a resumed run reports its whole history and its smoothed loss continues
     * as if never stopped. The smoothing applies at the next fit's start.
     */
    public void restore(State s) {
        epochs.clear();
        epochs.addAll(s.epochs());
        fit = s.fit() - 1; // the resumed fit counts as the same fit
        pending = s;
    }

    /** Training and validation loss per epoch, over every fit (fastai's {@code plot_loss}). */
    public void plotLoss(Path file) {
        double[] x = new double[epochs.size()];
        double[] train = new double[x.length];
        double[] valid = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            train[i] = epochs.get(i).trainLossMean();
            valid[i] = epochs.get(i).validLoss();
        }
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("train", new double[][] {x, train});
        s.put("valid", new double[][] {x, valid});
        Plots.save(file, Plots.lines("Loss", "epoch", "loss", s, false));
    }

    /** Learning rate and momentum per batch of the last fit (fastai's {@code plot_sched}). */
    public void plotSched(Path file) {
        List<XYChart> charts = new ArrayList<>();
        XYChart lr = Plots.lines("Learning rate", "batch", "lr", Map.of("lr", Plots.indexed(lrs)), false);
        // rates span 1e-7..1e-1: XChart's default tick labels print them as 15-digit decimals that overlap
        lr.getStyler().setYAxisDecimalPattern("0.##E0");
        charts.add(lr);
        if (!moms.isEmpty()) {
            XYChart mom = Plots.lines("Momentum", "batch", "mom", Map.of("mom", Plots.indexed(moms)), false);
            mom.getStyler().setYAxisDecimalPattern("0.000");
            charts.add(mom);
        }
        Plots.save(file, charts.toArray(XYChart[]::new));
    }

    /**
     * The learner's standard report section: the epoch table (also in {@code metrics.json}), {@code loss.png},
     * {@code schedule.png} and, when the LR finder ran, {@code lr_find.png}.
     */
    @Override
    public void addTo(RunReport report) {
        report.put("epochs", epochs());
        plotLoss(report.file("loss.png"));
        report.image("loss.png", "training and validation loss");
        if (!lrs.isEmpty()) {
            plotSched(report.file("schedule.png"));
            report.image("schedule.png", "learning rate and momentum of the last fit");
        }
        if (Files.exists(report.file("lr_find.png"))) {
            report.image("lr_find.png", "LR finder");
        }
        Set<String> metrics = new LinkedHashSet<>(); // an epoch without validation has none
        epochs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        List<String> header = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
        header.addAll(metrics);
        header.add("seconds");
        List<List<String>> rows = new ArrayList<>();
        for (EpochRow r : epochs) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.epoch()), RunReport.format(r.trainLoss()),
                    r.validated() ? RunReport.format(r.validLoss()) : NOT_COMPUTED));
            metrics.forEach(m -> row.add(r.metrics().containsKey(m) ? RunReport.format(r.metrics().get(m))
                    : NOT_COMPUTED));
            row.add(String.format(Locale.ROOT, "%.1f", r.seconds()));
            rows.add(row);
        }
        report.table("Training:", header, rows);
    }
}
