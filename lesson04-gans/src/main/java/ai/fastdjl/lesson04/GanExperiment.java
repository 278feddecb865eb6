package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.gan.DcganModels;
import ai.fastdjl.gan.FrechetDistance;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.gan.GanModule;
import ai.fastdjl.gan.GanMonitor;
import ai.fastdjl.gan.GanPlots;
import ai.fastdjl.gan.GanTrainer;
import ai.fastdjl.gan.SampleGrid;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.OptimizerFactory;
import ai.fastdjl.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * One GAN run of the lesson, whichever loss and optimizer: data, the course's DCGAN networks in a {@link GanModule},
 * the shared {@link Learner} with a {@link GanTrainer} and a {@link GanMonitor}, then plots, correlations and the
 * report. {@code Dcgan} and {@code Wgan} differ only in their {@link Spec}.
 */
public final class GanExperiment {
    private GanExperiment() {}

    /**
     * What a main sets, by name ({@link #spec}). The quick run (the default) trains small networks for
     * {@code quickEpochs} "epochs" of {@code batchesPerEpoch} batches each at {@code quickLr} with {@code quickWarmup}
     * (see {@link GanTrainer#withWarmup}); {@code --full} trains the wider networks for {@code fullEpochs} passes over
     * the data at {@code fullLr} with {@code fullWarmup}.
     *
     * @param estimateName the divergence the critic's loss estimates, and {@code estimate} maps the loss to it
     */
    public record Spec(String name, String title, String claim, GanLoss loss, OptimizerFactory opt, double quickLr,
            double fullLr, int nCritic, double clip, int quickWarmup, int fullWarmup, int batchSize, int quickEpochs,
            int fullEpochs, int batchesPerEpoch, String estimateName, DoubleUnaryOperator estimate) {}

    /** A {@link Spec} for the main {@code name}, with the DCGAN paper's settings until told otherwise. */
    static SpecBuilder spec(String name) {
        return new SpecBuilder(name);
    }

    /** Named construction of a {@link Spec}; defaults: one critic step, no clipping, no warm-up, batches of 64. */
    static final class SpecBuilder {
        private final String name;
        private String title;
        private String claim;
        private GanLoss loss;
        private OptimizerFactory opt;
        private double quickLr;
        private double fullLr;
        private int nCritic = 1;
        private double clip;
        private int quickWarmup;
        private int fullWarmup;
        private int batchSize = 64; // both papers' m
        private int quickEpochs;
        private int fullEpochs;
        private int batchesPerEpoch;
        private String estimateName;
        private DoubleUnaryOperator estimate;

        private SpecBuilder(String name) {
            this.name = name;
        }

        SpecBuilder report(String title, String claim) {
            this.title = title;
            this.claim = claim;
            return this;
        }

        SpecBuilder loss(GanLoss loss, String estimateName, DoubleUnaryOperator estimate) {
            this.loss = loss;
            this.estimateName = estimateName;
            this.estimate = estimate;
            return this;
        }

        SpecBuilder optimizer(OptimizerFactory opt, double quickLr, double fullLr) {
            this.opt = opt;
            this.quickLr = quickLr;
            this.fullLr = fullLr;
            return this;
        }

        /** {@code nCritic} critic steps per generator step, weights clipped to ±{@code clip} (0: no clipping). */
        SpecBuilder critic(int nCritic, double clip) {
            this.nCritic = nCritic;
            this.clip = clip;
            return this;
        }

        /** Generator steps during which the critic trains {@code 100×} as often (see {@link GanTrainer#withWarmup}). */
        SpecBuilder warmup(int quick, int full) {
            this.quickWarmup = quick;
            this.fullWarmup = full;
            return this;
        }

        /** The quick run's epochs of {@code batchesPerEpoch} batches; {@code --full}'s passes over the data. */
        SpecBuilder epochs(int quick, int batchesPerEpoch, int full) {
            this.quickEpochs = quick;
            this.batchesPerEpoch = batchesPerEpoch;
            this.fullEpochs = full;
            return this;
        }

        Spec build() {
            return new Spec(name, title, claim, loss, opt, quickLr, fullLr, nCritic, clip, quickWarmup, fullWarmup,
                    batchSize, quickEpochs, fullEpochs, batchesPerEpoch, estimateName, estimate);
        }
    }

    /** Quick-run networks: about 2 M multiply-adds per generated image, 0.75 M per critic score (28×28). */
    static final int[] QUICK_GENERATOR = {32, 16, 8};
    static final int[] QUICK_CRITIC = {16, 32, 64};
    /** --full networks: twice the channels (7.6 M and 2.9 M multiply-adds). */
    static final int[] FULL_GENERATOR = {64, 32, 16};
    static final int[] FULL_CRITIC = {32, 64, 128};

    /**
     * @param fdDrop {@code 1 - FD(last) / FD(first epoch)}
     * @param corrEstimate Pearson correlation over epochs between the FD and the critic's divergence estimate
     * @param corrGenerator the same for the generator's loss
     */
    public record Result(List<GanMonitor.Row> epochs, double fdDrop, double corrEstimate, double corrGenerator,
            double classifierAccuracy, double seconds, Path runDir) {}

    /** Trains {@code s}'s GAN for the main whose flags {@code run} holds, and writes its report. */
    public static Result run(Spec s, LessonRun run, GanOptions o) {
        long start = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            GanData data = GanData.load(run.options(), o, m, System.out);
            Trained t = train(s, run, o, data, m, null);
            return report(s, o, data, run, t, (System.nanoTime() - start) / 1e9);
        }
    }

    /** What one training of a GAN leaves: per-epoch rows, the trained module, and the settings it ran with. */
    record Trained(List<GanMonitor.Row> rows, GanTrainer trainer, GanModule gan, NDArray fixedNoise, int nCritic,
            double clip, double lr, int batchSize) {}

    /**
     * Trains {@code s}'s GAN on {@code data} with the seed of {@code run}'s options. With {@code samples} null the
     * learner writes its per-epoch sample grids into the run folder (a main); else it writes no files and the final
     * samples of the fixed noise go to {@code samples} (a study of many trainings).
     */
    static Trained train(Spec s, LessonRun run, GanOptions o, GanData data, NDManager m, Path samples) {
        CommonOptions c = run.options();
        int bs = run.batchSize(s.batchSize());
        if (data.train().getShape().get(0) < bs) {
            throw new UserInputException("--limit leaves " + data.train().getShape().get(0) + " images, fewer than"
                    + " one batch of " + bs);
        }
        int nCritic = o.nCritic != null ? o.nCritic : s.nCritic();
        double clip = o.clip != null ? o.clip : s.clip();
        int[] gw = o.generatorWidths != null ? o.generatorWidths : run.full() ? FULL_GENERATOR : QUICK_GENERATOR;
        int[] cw = o.criticWidths != null ? o.criticWidths : run.full() ? FULL_CRITIC : QUICK_CRITIC;
        GanModule gan = o.spectralNorm
                ? new GanModule(DcganModels.generator(o.noise, data.channels(), data.side(), gw),
                        DcganModels.spectralCritic(data.side(), cw), o.noise)
                : DcganModels.gan(o.noise, data.channels(), data.side(), gw, cw);
        int warmup = o.warmup != null ? o.warmup : run.full() ? s.fullWarmup() : s.quickWarmup();
        GanTrainer trainer = new GanTrainer(gan, nCritic, clip).withWarmup(warmup, 100);
        FrechetDistance.Gaussian real = data.features() == null ? null : GanMonitor.stats(data.features(), data.real());
        NDArray noise = fixedNoise(m, 64, o.noise, c.seed);
        GanMonitor monitor = new GanMonitor(trainer, noise, data.features(), real, o.fdSamples, System.out);
        NDArray labels = m.zeros(new Shape(data.train().getShape().get(0))); // the Learner wants labels; unused
        DataLoaders dls = DataLoaders.fromArrays(data.train(), labels, data.train().get("0:" + bs), labels.get("0:" + bs),
                bs, List.of());
        int epochs = run.epochs(s.quickEpochs(), s.fullEpochs());
        Integer batches = run.quickMaxBatches(s.batchesPerEpoch()).maxBatches();
        double lr = run.lr(run.full() ? s.fullLr() : s.quickLr());
        LearnerBuilder b = run.learner(dls, gan).name(s.name()).loss(s.loss()).opt(s.opt()).callbacks(trainer, monitor)
                .progress(Progress.NONE);
        try (Learner learn = (samples == null ? b : b.run(null)).build()) {
            System.out.printf(Locale.ROOT, "%s on %s: %d images, batch %d, %d epochs of %d batches, %d critic"
                            + " step(s) per generator step (warm-up: %d), clip %s, lr %.1e, generator %s, critic %s%s,"
                            + " seed %d%n", s.name(), data.name(), dls.train().size(), bs, epochs,
                    Math.min(dls.trainBatches(), batches == null ? Integer.MAX_VALUE : batches), nCritic, warmup, clip,
                    lr, Arrays.toString(gw), Arrays.toString(cw), o.spectralNorm ? " (spectral norm)" : "", c.seed);
            learn.fit(epochs, lr);
            if (samples != null) {
                SampleGrid.save(gan.generate(noise), 8, 2, samples);
            }
        }
        return new Trained(monitor.rows(), trainer, gan, noise, nCritic, clip, lr, bs);
    }

    private static Result report(Spec s, GanOptions o, GanData data, LessonRun run, Trained t, double seconds) {
        GanTrainer trainer = t.trainer();
        List<GanMonitor.Row> rows = t.rows();
        int nCritic = t.nCritic();
        double clip = t.clip();
        double lr = t.lr();
        int bs = t.batchSize();
        GanPlots.losses(trainer, run.file("losses.png"));
        copy(run.file(GanMonitor.gridFile(rows.size())), run.file("samples_final.png"));
        double[] fd = rows.stream().mapToDouble(GanMonitor.Row::fd).toArray();
        double[] est = rows.stream().mapToDouble(r -> s.estimate().applyAsDouble(r.criticLoss())).toArray();
        double[] gen = rows.stream().mapToDouble(GanMonitor.Row::generatorLoss).toArray();
        boolean hasFd = data.features() != null;
        double drop = hasFd ? 1 - fd[fd.length - 1] / fd[0] : Double.NaN;
        double corrEst = hasFd ? pearson(fd, est) : Double.NaN;
        double corrGen = hasFd ? pearson(fd, gen) : Double.NaN;
        // the course's claim is about training past its first epochs, where every curve falls together: the second
        // half of the epochs alone (NaN for fewer than 6 epochs, see pearson)
        int h = fd.length / 2;
        double lateEst = hasFd ? pearson(Arrays.copyOfRange(fd, h, fd.length), Arrays.copyOfRange(est, h, est.length))
                : Double.NaN;
        double lateGen = hasFd ? pearson(Arrays.copyOfRange(fd, h, fd.length), Arrays.copyOfRange(gen, h, gen.length))
                : Double.NaN;
        RunReport r = run.report(s.title()).claim(s.claim());
        if (hasFd) {
            GanPlots.distance(rows, s.estimateName(), s.estimate(), run.file("fd.png"));
            r.metric("fd_first_epoch", fd[0]).metric("fd_last_epoch", fd[fd.length - 1]).metric("fd_drop", drop)
                    .metric("corr_fd_vs_" + s.estimateName().replace(' ', '_'), corrEst)
                    .metric("corr_fd_vs_generator_loss", corrGen)
                    .metric("corr_second_half_fd_vs_" + s.estimateName().replace(' ', '_'), lateEst)
                    .metric("corr_second_half_fd_vs_generator_loss", lateGen)
                    .metric("fd_classifier_test_accuracy", data.features().accuracy())
                    .text("Fréchet distance: features of the penultimate layer of " + data.features().recipe()
                            + " (test accuracy " + RunReport.format(data.features().accuracy()) + ") between "
                            + data.real().getShape().get(0) + " real test images and " + o.fdSamples
                            + " samples each epoch.");
        }
        List<List<String>> table = new ArrayList<>();
        for (GanMonitor.Row row : rows) {
            table.add(List.of(String.valueOf(row.epoch()), RunReport.format(row.criticLoss()),
                    RunReport.format(s.estimate().applyAsDouble(row.criticLoss())), RunReport.format(row.generatorLoss()),
                    RunReport.format(row.fd()), String.format(Locale.ROOT, "%.1f", row.trainSeconds())));
        }
        r.metric("epochs", rows.size()).metric("n_critic", nCritic).metric("clip", clip).metric("lr", lr)
                .metric("batch_size", bs).metric("train_images", data.train().getShape().get(0))
                .metric("seconds", seconds)
                .table("Per epoch:", List.of("epoch", "critic loss", s.estimateName(), "generator loss", "FD",
                        "train seconds"), table)
                .image("samples_final.png", "samples after the last epoch (fixed noise; samples_NN.png: epoch NN)")
                .image("losses.png", "critic and generator losses per step");
        if (hasFd) {
            r.image("fd.png", "Fréchet distance and the critic's estimate per epoch");
        }
        r.write();
        System.out.printf(Locale.ROOT, "FD %.2f → %.2f (%.0f %% lower); correlation over epochs of FD with the %s %.2f,"
                + " with the generator loss %.2f; over the second half %.2f and %.2f%n", hasFd ? fd[0] : Double.NaN,
                hasFd ? fd[fd.length - 1] : Double.NaN, 100 * drop, s.estimateName(), corrEst, corrGen, lateEst,
                lateGen);
        run.printReport();
        return new Result(rows, drop, corrEst, corrGen, hasFd ? data.features().accuracy() : Double.NaN, seconds,
                run.dir());
    }

    /**
     * Pearson's r over the epochs where both values exist (an epoch of warm-up may have no generator step), or NaN
     * for fewer than 3 such epochs or a constant series.
     */
    static double pearson(double[] a, double[] b) {
        int[] ok = IntStream.range(0, a.length).filter(i -> Double.isFinite(a[i]) && Double.isFinite(b[i])).toArray();
        if (ok.length < 3) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(Arrays.stream(ok).mapToDouble(i -> a[i]).toArray(),
                Arrays.stream(ok).mapToDouble(i -> b[i]).toArray());
    }

    /** Noise for the sample grids, from the seed alone (not the engine's stream), so every run of a seed shows the same. */
    static NDArray fixedNoise(NDManager m, int n, int size, long seed) {
        Random r = new Random(seed);
        float[] z = new float[n * size];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return m.create(z, new Shape(n, size));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
