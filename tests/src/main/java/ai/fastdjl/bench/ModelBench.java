package ai.fastdjl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.models.ResNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The DJL side of the benchmark against PyTorch ({@code tests/bench/torch_bench.py} holds the same models): trains
 * one model for N batches through the {@link Learner} (AdamW, fastai defaults, constant LR, no validation) and prints
 * one JSON line: samples/s after warm-up and peak resident memory.
 */
@Command(name = "ModelBench", mixinStandardHelpOptions = true, description = "Samples/s of one model through the Learner.")
public final class ModelBench {
    @Option(names = "--model", defaultValue = "cnn", description = "cnn (lesson 1's ResNet) or mlp (784-128-64-10).")
    String model;

    @Option(names = "--batches", defaultValue = "120")
    int batches;

    @Option(names = "--warmup", defaultValue = "20")
    int warmup;

    @Option(names = "--bs", defaultValue = "128")
    int bs;

    public record Result(String model, double samplesPerSec, double peakRssMb) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ModelBench o = new ModelBench();
        if (!Cli.parse(args, o)) {
            return null;
        }
        Block net = switch (o.model) {
            case "cnn" -> ResNet.build(1, 10, 8, 16, 32, 64);
            case "mlp" -> new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build());
            default -> throw new UserInputException("--model " + o.model + " is not one of: cnn, mlp");
        };
        int n = (o.warmup + o.batches) * o.bs;
        Timer timer = new Timer(o.warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            NDArray x = randomImages(m, n);
            NDArray y = m.randomInteger(0, 10, new Shape(n), DataType.INT64);
            DataLoaders dls = new DataLoaders(DataLoaders.arrays(x, y, o.bs, false, true),
                    DataLoaders.arrays(x.get("0:" + o.bs), y.get("0:" + o.bs), o.bs, false, false), o.bs, true, List.of());
            try (Learner learn = Learner.builder(dls, net).seed(1).progress(false).callbacks(timer).build()) {
                learn.fit(1, 1e-3);
            }
        }
        Result res = new Result(o.model, timer.samplesPerSec(), peakRssMb());
        System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"samples_per_sec\": %.1f, \"peak_rss_mb\": %.1f}%n",
                res.model(), res.samplesPerSec(), res.peakRssMb());
        return res;
    }

    /** {@code n} images of Fashion-MNIST's shape with N(0, 1) pixels: the arithmetic is measured, not the data. */
    static NDArray randomImages(NDManager m, int n) {
        Random r = new Random(0);
        float[] f = new float[n * 28 * 28];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return m.create(f, new Shape(n, 1, 28, 28));
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

    /** Times the training batches after the warm-up; skips validation. */
    static final class Timer implements Callback {
        private final int warmup;
        private long start;
        private long end;
        private long samples;

        Timer(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (learn.training() && learn.iter() == warmup) {
                start = System.nanoTime();
            }
        }

        @Override
        public void afterBatch(Learner learn) {
            if (learn.training() && learn.iter() >= warmup) {
                samples += learn.yb().head().getShape().get(0);
                end = System.nanoTime();
            }
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
