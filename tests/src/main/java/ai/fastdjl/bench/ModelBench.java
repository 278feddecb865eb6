package ai.fastdjl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.CollabLearner;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The DJL side of the benchmark against PyTorch ({@code tests/bench/torch_bench.py} holds the same models): trains
 * one model for N batches through the {@link Learner} (AdamW, fastai defaults, constant LR, no validation) and prints
 * one JSON line: samples/s after warm-up (tokens/s for the language model, images/s for the GAN, whose batches
 * alternate critic and generator steps) and peak resident memory.
 */
@Command(name = "ModelBench", mixinStandardHelpOptions = true, description = "Samples/s of one model through the Learner.")
public final class ModelBench {
    @Option(names = "--model", defaultValue = "cnn", description = "cnn (lesson 1's ResNet), mlp (784-128-64-10),"
            + " dotbias (lesson 2), tabular (lesson 5), awdlstm (lesson 3's language model), dcgan (lesson 4), unet"
            + " (lesson 1's Segmentation), ssd (lesson 1's ObjectDetection), seq2seq (lesson 3's SpellingBee).")
    String model;

    @Option(names = "--batches", description = "Timed batches (default: 1,000 for mlp, dotbias and tabular, whose"
            + " batches take milliseconds; 200 for cnn, dcgan, ssd and seq2seq; 100 for unet; 40 for awdlstm, whose"
            + " batches take about a second).")
    Integer batches;

    @Option(names = "--warmup", description = "Untimed batches first (default: as --batches but 5 for awdlstm): the"
            + " JVM compiles the training loop's Java over the first seconds (20 batches measured the collab model at"
            + " 0.6 of its rate after 1,000; tests/bench/RESULTS.md).")
    Integer warmup;

    @Option(names = "--optimizer", defaultValue = "lesson", description = "AdamW's kernel: lesson (the lesson's"
            + " own, the default: torchscript-all for dotbias as lesson 2's CollabLearner and for ssd as lesson 1's"
            + " ObjectDetection, djl for the others), djl"
            + " (DJL's fused adamUpdate), torchscript (PyTorch's own AdamW step per parameter, Adam.Kernel.TORCHSCRIPT)"
            + " or torchscript-all (that step on every parameter in one call, Adam.Kernel.TORCHSCRIPT_ALL).")
    String optimizer;

    @Option(names = "--bs", description = "Batch size (default 128; the lessons' own for awdlstm, 64 rows of a token"
            + " stream, ssd 64 and unet 32).")
    Integer bs;

    @Option(names = "--seed", defaultValue = "1", description = "The Learner's seed: the weights' initialisation and"
            + " any shuffling (default 1; the data do not change with it). torch_bench.py takes the same flag for its"
            + " torch.manual_seed; the two frameworks draw different numbers from the same seed, so compare the spread"
            + " over seeds, not one seed against the other.")
    int seed;

    @Option(names = "--profile", description = "Also write libtorch's profile of the timed batches to this file"
            + " (Chrome trace JSON; tests/bench/profile_ops.py sums it per op). Profiling slows the run.")
    Path profile;

    /**
     * Samples/s and peak memory, with the training loss's mean over the first and the last quarter of the timed
     * batches and whether every timed loss was finite: the run's evidence that it computed something.
     */
    public record Result(String model, double samplesPerSec, double peakRssMb, double lossFirst, double lossLast,
            boolean finite) {
        /** The JSON line the bench scripts read; {@code optimizer} null leaves that field out (ScriptedStep's). */
        String json(String optimizer) {
            String opt = optimizer == null ? "" : "\"optimizer\": \"" + optimizer + "\", ";
            return String.format(Locale.ROOT, "{\"model\": \"%s\", %s\"samples_per_sec\": %.1f,"
                    + " \"peak_rss_mb\": %.1f, \"loss_first\": %.4f, \"loss_last\": %.4f, \"finite\": %b}", model, opt,
                    samplesPerSec, peakRssMb, lossFirst, lossLast, finite);
        }
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ModelBench o = new ModelBench();
        if (!Cli.parse(args, o)) {
            return null;
        }
        boolean lm = o.model.equals("awdlstm");
        int bs = o.bs != null ? o.bs : defaultBatchSize(o.model);
        int batches = o.batches != null ? o.batches : defaultBatches(o.model);
        int warmup = o.warmup != null ? o.warmup : lm ? 5 : defaultBatches(o.model);
        Timer timer = new Timer(warmup);
        String kernel = !o.optimizer.equals("lesson") ? o.optimizer
                : o.model.equals("dotbias") || o.model.equals("ssd") ? "torchscript-all" : "djl";
        LossTrend trend = new LossTrend(warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            // a pool of at most POOL batches, trained on in order, epoch after epoch, as torch_bench.py cycles its own
            int poolBatches = Math.min(warmup + batches, POOL);
            int n = poolBatches * bs;
            int epochs = lm ? 1 : (warmup + batches + poolBatches - 1) / poolBatches;
            LearnerBuilder b = BenchModels.learner(o.model, m, n, bs, warmup + batches);
            switch (kernel) {
                case "djl" -> { }
                case "torchscript" -> b.opt(Adam.scripted());
                case "torchscript-all" -> b.opt(Adam.scriptedAll());
                default -> throw new UserInputException("--optimizer " + o.optimizer
                        + " is not one of: lesson, djl, torchscript, torchscript-all");
            }
            try (Learner learn = b.seed(o.seed).progress(Progress.NONE).callbacks(timer, trend, new Stop(warmup + batches))
                    .build()) {
                Callback[] profile = o.profile == null ? new Callback[0] : new Callback[] {new Profile(warmup, o.profile)};
                // lesson 2's rate for the collab model (CollabLearner.LR, fastai's): at 1e-3 its loss barely moves in
                // 140 batches, each film seen about twice; the rate changes no arithmetic, only what the loss shows
                learn.fit(epochs, o.model.equals("dotbias") ? CollabLearner.LR : 1e-3, profile);
            }
        }
        double[] firstLast = trend.firstLast();
        Result res = new Result(o.model, timer.samplesPerSec(), peakRssMb(), firstLast[0], firstLast[1],
                trend.finite());
        System.err.println("batch ms: " + timer.batchTimes());
        System.out.println(res.json(kernel));
        return res;
    }

    /** Batches of data made (and cycled through): enough for the loss to show learning, few enough to fit memory. */
    static final int POOL = 200;

    static int defaultBatches(String model) {
        return switch (model) {
            case "awdlstm" -> 40;
            case "unet" -> 100;
            case "cnn", "dcgan", "ssd", "seq2seq" -> 200;
            default -> 1000;
        };
    }

    /** 128, but the lessons' own where a model's memory or step time asks for it (their mains' batch sizes). */
    static int defaultBatchSize(String model) {
        return switch (model) {
            case "awdlstm" -> BenchModels.LM_BS;
            case "ssd" -> 64;
            case "unet" -> 32;
            default -> 128;
        };
    }

    /** VmHWM: the process's peak resident set, as the kernel counts it. */
    static double peakRssMb() {
        return procStatusMb("VmHWM");
    }

    /** A memory figure of {@code /proc/self/status} (e.g. VmRSS, VmHWM) in MB; NaN where there is none. */
    static double procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * Each timed batch's training loss (read once more after the recorder synced it, so it costs a scalar copy, not
     * a wait). A quarter of the batches per window, an even count so a GAN's alternating critic and generator steps
     * weigh the same in both.
     */
    static final class LossTrend implements Callback {
        private final int warmup;
        private final List<Double> losses = new ArrayList<>();

        LossTrend(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void afterBatch(Learner learn) {
            if (learn.training() && learn.trainIter() >= warmup && learn.loss() != null) {
                losses.add((double) learn.loss().getFloat());
            }
        }

        boolean finite() {
            return finite(losses);
        }

        static boolean finite(List<Double> losses) {
            return !losses.isEmpty() && losses.stream().allMatch(Double::isFinite);
        }

        /** Mean loss of the first and of the last window of timed batches. */
        double[] firstLast() {
            return firstLast(losses);
        }

        static double[] firstLast(List<Double> losses) {
            int w = Math.max(2, losses.size() / 4 / 2 * 2);
            if (losses.size() < 2 * w) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {mean(losses.subList(0, w)), mean(losses.subList(losses.size() - w, losses.size()))};
        }

        private static double mean(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /** libtorch's profiler over the timed training batches (DJL's JniUtils, the PyTorch engine's own). */
    static final class Profile implements Callback {
        private final int warmup;
        private final Path file;

        Profile(int warmup, Path file) {
            this.warmup = warmup;
            this.file = file;
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (learn.training() && learn.trainIter() == warmup) {
                JniUtils.startProfile(false, false, false);
            }
        }

        @Override
        public void afterFit(Learner learn) {
            JniUtils.stopProfile(file.toAbsolutePath().toString());
        }
    }

    /** Ends the fit after {@code total} training batches (the pool's epochs may hold more); registered last. */
    static final class Stop implements Callback {
        private final int total;

        Stop(int total) {
            this.total = total;
        }

        @Override
        public void afterBatch(Learner learn) {
            if (learn.training() && learn.trainIter() + 1 >= total) {
                throw new CancelException.Fit("benchmark: " + total + " batches done");
            }
        }
    }

    /** Times the training batches after the warm-up; skips validation. */
    static final class Timer implements Callback {
        private final int warmup;
        private long start;
        private long end;
        private long samples;

        private final List<Double> batchMs = new ArrayList<>();

        Timer(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (learn.training() && learn.trainIter() == warmup) {
                start = System.nanoTime();
                end = start;
            }
        }

        @Override
        public void afterBatch(Learner learn) {
            if (learn.training() && learn.trainIter() >= warmup) {
                samples += learn.yb().head().getShape().get(0);
                long now = System.nanoTime();
                batchMs.add((now - end) / 1e6);
                end = now;
            }
        }

        /** Median, 90th percentile and longest of the timed batches' wall times: a mean hides stalls. */
        String batchTimes() {
            return BatchTimes.of(batchMs);
        }

        @Override
        public void beforeValidate(Learner learn) {
            throw new CancelException.Validate("benchmark: training only");
        }

        double samplesPerSec() {
            return samples / ((end - start) / 1e9);
        }
    }
}
