package ai.fastdjl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.CollabLearner;
import ai.fastdjl.collab.EmbeddingDotBias;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.detect.AnchorGrid;
import ai.fastdjl.detect.SsdLoss;
import ai.fastdjl.detect.SsdModel;
import ai.fastdjl.gan.DcganModels;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.gan.GanModule;
import ai.fastdjl.gan.GanTrainer;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson01.ObjectDetection;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.loss.SequenceCrossEntropy;
import ai.fastdjl.loss.WeightedCrossEntropy;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.models.UNet;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.seq.Seq2Seq;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.models.AwdLstm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
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
            + " own, the default: torchscript-all for dotbias as lesson 2's CollabLearner, djl for the others), djl"
            + " (DJL's fused adamUpdate), torchscript (PyTorch's own AdamW step per parameter, Adam.Kernel.TORCHSCRIPT)"
            + " or torchscript-all (that step on every parameter in one call, Adam.Kernel.TORCHSCRIPT_ALL).")
    String optimizer;

    @Option(names = "--bs", description = "Batch size (default 128; the lessons' own for awdlstm, 64 rows of a token"
            + " stream, ssd 64 and unet 32).")
    Integer bs;

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
        String kernel = !o.optimizer.equals("lesson") ? o.optimizer : o.model.equals("dotbias") ? "torchscript-all"
                : "djl";
        LossTrend trend = new LossTrend(warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            // a pool of at most POOL batches, trained on in order, epoch after epoch, as torch_bench.py cycles its own
            int poolBatches = Math.min(warmup + batches, POOL);
            int n = poolBatches * bs;
            int epochs = lm ? 1 : (warmup + batches + poolBatches - 1) / poolBatches;
            LearnerBuilder b = switch (o.model) {
                case "cnn" -> Learner.builder(images(m, n, bs), ResNet.build(1, 10, 8, 16, 32, 64));
                case "mlp" -> Learner.builder(images(m, n, bs), new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(10).build()));
                case "dotbias" -> Learner.builder(ratings(m, n, bs), new EmbeddingDotBias(USERS, ITEMS, FACTORS,
                        new float[] {0f, 5.5f})).loss(new MseLoss());
                case "tabular" -> Learner.builder(tabular(m, n, bs), TabularModel.builder(CARDS, N_CONT)
                        .layers(1000, 500).ps(0.001, 0.01).embedP(0.04).yRange(0, 12).build()).loss(new MseLoss());
                case "awdlstm" -> TextLearners.languageModel(tokens(warmup + batches, bs), VOCAB,
                        AwdLstm.Config.languageModel(128, 192, 3), BPTT);
                case "dcgan" -> {
                    GanModule gan = DcganModels.gan(100, 1, 28, new int[] {32, 16, 8}, new int[] {16, 32, 64});
                    yield Learner.builder(images(m, n, bs), gan).loss(GanLoss.bce()).callbacks(new GanTrainer(gan, 1, 0));
                }
                case "unet" -> Learner.builder(scenes(m, n, bs, true), new UNet(1, SEG_CLASSES, UNET_WIDTHS, true, true))
                        .loss(new WeightedCrossEntropy());
                case "ssd" -> {
                    AnchorGrid grid = ObjectDetection.grid(FashionScenes.Config.DEFAULT.size());
                    int[] perCell = IntStream.range(0, grid.maps()).map(grid::perCell).toArray();
                    yield Learner.builder(scenes(m, n, bs, false), new SsdModel(1, FashionMnist.CLASSES.size(),
                            SSD_WIDTHS, perCell)).loss(new SsdLoss());
                }
                case "seq2seq" -> {
                    NDArray[] xy = BenchData.spellings(m, n, SOUNDS, SPELL_LEN);
                    yield Learner.builder(loaders(new NDArray[] {xy[0]}, xy[1], bs), new Seq2Seq(new Seq2Seq.Config(
                            SOUNDS, Seq2Seq.EOS + 1 + BenchData.LETTERS, 64, 256, 128, true, true, SPELL_LEN + 1)))
                            .loss(new SequenceCrossEntropy(Seq2Seq.PAD)).callbacks(new GradientClipping());
                }
                default -> throw new UserInputException("--model " + o.model
                        + " is not one of: cnn, mlp, dotbias, tabular, awdlstm, dcgan, unet, ssd, seq2seq");
            };
            switch (kernel) {
                case "djl" -> { }
                case "torchscript" -> b.opt(Adam.scripted());
                case "torchscript-all" -> b.opt(Adam.scriptedAll());
                default -> throw new UserInputException("--optimizer " + o.optimizer
                        + " is not one of: lesson, djl, torchscript, torchscript-all");
            }
            try (Learner learn = b.seed(1).progress(Progress.NONE).callbacks(timer, trend, new Stop(warmup + batches))
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
            case "awdlstm" -> LM_BS;
            case "ssd" -> 64;
            case "unet" -> 32;
            default -> 128;
        };
    }

    // lesson 2: MovieLens ml-latest-small's users and films (with #na#); lesson 5: Rossmann-like cardinalities
    static final int USERS = 611;
    static final int ITEMS = 9725;
    static final int FACTORS = 50;
    static final int[] CARDS = {1116, 8, 13, 32, 25, 53, 22};
    static final int N_CONT = 16;
    // lesson 3's defaults (PretrainLm): vocabulary 8,000, 64 rows, BPTT 70
    static final int VOCAB = 8000;
    static final int LM_BS = 64;
    static final int BPTT = 70;
    // lesson 1's Segmentation and ObjectDetection at their defaults: background + 10 classes, the levels' widths,
    // scenes of seed 42
    static final int SEG_CLASSES = 11;
    static final int[] UNET_WIDTHS = {16, 32, 64, 128};
    static final int[] SSD_WIDTHS = {16, 32, 64};
    static final long SCENE_SEED = 42;
    // lesson 3's SpellingBee (Speller): a source vocabulary of 70 (padding and cmudict's 69 ARPAbet phonemes with
    // their stress digits), words of 7 sounds, about the dictionary's mean; embeddings 64, GRUs 256, attention 128
    static final int SOUNDS = 70;
    static final int SPELL_LEN = 7;

    private static DataLoaders loaders(NDArray[] x, NDArray y, int bs) {
        ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(bs, false, true).build();
        NDArray[] first = java.util.Arrays.stream(x).map(a -> a.get("0:" + bs)).toArray(NDArray[]::new);
        ArrayDataset valid = new ArrayDataset.Builder().setData(first).optLabels(y.get("0:" + bs))
                .setSampling(bs, false, false).build();
        return new DataLoaders(train, valid, bs, true, List.of());
    }

    /** Fashion-MNIST-shaped images with N(0, 1) pixels, labelled by {@link BenchData#decileLabels}. */
    private static DataLoaders images(NDManager m, int n, int bs) {
        NDArray[] xy = BenchData.images(m, n);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /**
     * Lesson 1's first {@code n} training scenes (Fashion-MNIST items on 64 px canvases, seed 42), normalised with
     * Fashion-MNIST's mean and std, with their masks (U-Net) or SSD targets on the lesson's anchors: the arrays
     * {@code SceneExport} writes for the PyTorch side, so both train on the same data.
     */
    static NDArray[] sceneArrays(NDManager m, int n, boolean masks) {
        List<FashionScenes.Scene> s = FashionScenes.generate(FashionMnist.load(DataLocation.cache(), true), n,
                FashionScenes.Config.DEFAULT, SCENE_SEED);
        NDArray y = masks ? FashionScenes.segmentation(s).masks(m) : ObjectDetection.targets(m,
                ObjectDetection.grid(FashionScenes.Config.DEFAULT.size()), s.stream().map(FashionScenes.Scene::truth)
                        .toList());
        return new NDArray[] {FashionScenes.images(m, s), y};
    }

    private static DataLoaders scenes(NDManager m, int n, int bs, boolean masks) {
        NDArray[] xy = sceneArrays(m, n, masks);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /** {@link BenchData#ratings} as loaders. */
    private static DataLoaders ratings(NDManager m, int n, int bs) {
        NDArray[] xy = BenchData.ratings(m, n, USERS, ITEMS);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /** Random categories of lesson 5's sizes, N(0, 1) continuous columns, {@link BenchData#tabularTargets}. */
    private static DataLoaders tabular(NDManager m, int n, int bs) {
        Random r = new Random(0);
        long[][] cats = new long[n][CARDS.length];
        float[][] conts = new float[n][N_CONT];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < CARDS.length; k++) {
                cats[i][k] = r.nextInt(CARDS[k]);
            }
            for (int k = 0; k < N_CONT; k++) {
                conts[i][k] = (float) r.nextGaussian();
            }
        }
        float[] y = BenchData.tabularTargets(cats, CARDS, conts, r);
        return loaders(new NDArray[] {m.create(cats), m.create(conts)}, m.create(y), bs);
    }

    /** One {@link BenchData#zipfTokens} stream for {@code batches} batches of about {@link #BPTT} tokens a row. */
    private static DataLoaders tokens(int batches, int bs) {
        int[] doc = BenchData.zipfTokens(bs * (batches + 4) * (BPTT + 20), VOCAB, new Random(0));
        return new DataLoaders(LmDataset.train(List.of(doc), bs, BPTT), LmDataset.valid(List.of(doc), bs, BPTT), bs,
                true, List.of());
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
