package ai.fastdjl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.EmbeddingDotBias;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.gan.DcganModels;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.gan.GanModule;
import ai.fastdjl.gan.GanTrainer;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.models.AwdLstm;
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
 * one JSON line: samples/s after warm-up (tokens/s for the language model, images/s for the GAN, whose batches
 * alternate critic and generator steps) and peak resident memory.
 */
@Command(name = "ModelBench", mixinStandardHelpOptions = true, description = "Samples/s of one model through the Learner.")
public final class ModelBench {
    @Option(names = "--model", defaultValue = "cnn", description = "cnn (lesson 1's ResNet), mlp (784-128-64-10),"
            + " dotbias (lesson 2), tabular (lesson 5), awdlstm (lesson 3's language model), dcgan (lesson 4).")
    String model;

    @Option(names = "--batches", description = "Timed batches (default 120; 40 for awdlstm, whose batches are ~1 s).")
    Integer batches;

    @Option(names = "--warmup", description = "Untimed batches first (default 20; 5 for awdlstm).")
    Integer warmup;

    @Option(names = "--bs", description = "Batch size (default 128; 64 rows of a token stream for awdlstm).")
    Integer bs;

    public record Result(String model, double samplesPerSec, double peakRssMb) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ModelBench o = new ModelBench();
        if (!Cli.parse(args, o)) {
            return null;
        }
        boolean lm = o.model.equals("awdlstm");
        int bs = o.bs != null ? o.bs : lm ? LM_BS : 128;
        int batches = o.batches != null ? o.batches : lm ? 40 : 120;
        int warmup = o.warmup != null ? o.warmup : lm ? 5 : 20;
        Timer timer = new Timer(warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            int n = (warmup + batches) * bs;
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
                default -> throw new UserInputException("--model " + o.model
                        + " is not one of: cnn, mlp, dotbias, tabular, awdlstm, dcgan");
            };
            try (Learner learn = b.seed(1).progress(Progress.NONE).callbacks(timer).build()) {
                learn.fit(1, 1e-3);
            }
        }
        Result res = new Result(o.model, timer.samplesPerSec(), peakRssMb());
        System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"samples_per_sec\": %.1f, \"peak_rss_mb\": %.1f}%n",
                res.model(), res.samplesPerSec(), res.peakRssMb());
        return res;
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

    private static DataLoaders loaders(NDArray[] x, NDArray y, int bs) {
        ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(bs, false, true).build();
        NDArray[] first = java.util.Arrays.stream(x).map(a -> a.get("0:" + bs)).toArray(NDArray[]::new);
        ArrayDataset valid = new ArrayDataset.Builder().setData(first).optLabels(y.get("0:" + bs))
                .setSampling(bs, false, false).build();
        return new DataLoaders(train, valid, bs, true, List.of());
    }

    /** Fashion-MNIST-shaped images with N(0, 1) pixels and random labels: the arithmetic is measured, not the data. */
    private static DataLoaders images(NDManager m, int n, int bs) {
        return loaders(new NDArray[] {randomImages(m, n)}, m.randomInteger(0, 10, new Shape(n), DataType.INT64), bs);
    }

    private static DataLoaders ratings(NDManager m, int n, int bs) {
        NDArray x = m.randomInteger(0, USERS, new Shape(n, 1), DataType.INT64)
                .concat(m.randomInteger(0, ITEMS, new Shape(n, 1), DataType.INT64), 1);
        return loaders(new NDArray[] {x}, m.randomUniform(0.5f, 5f, new Shape(n)), bs);
    }

    private static DataLoaders tabular(NDManager m, int n, int bs) {
        NDArray[] cols = new NDArray[CARDS.length];
        for (int k = 0; k < CARDS.length; k++) {
            cols[k] = m.randomInteger(0, CARDS[k], new Shape(n, 1), DataType.INT64);
        }
        NDArray cats = NDArrays.concat(new NDList(cols), 1);
        return loaders(new NDArray[] {cats, m.randomNormal(new Shape(n, N_CONT))},
                m.randomUniform(6f, 10f, new Shape(n)), bs);
    }

    /** One random token stream long enough for {@code batches} batches of about {@link #BPTT} tokens per row. */
    private static DataLoaders tokens(int batches, int bs) {
        Random r = new Random(0);
        int[] doc = new int[bs * (batches + 4) * (BPTT + 20)];
        for (int i = 0; i < doc.length; i++) {
            doc[i] = r.nextInt(VOCAB);
        }
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
