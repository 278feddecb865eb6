package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.gan.SampleGrid;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.metric.ImageQuality;
import ai.fastdjl.models.Init;
import ai.fastdjl.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 4 — checkerboard artifacts (Odena, Dumoulin &amp; Olah 2016; the course: "stride 2 size 3 … 4 is better, or
 * upsampling and normal convolution"). The same small network upsamples 7×7 Fashion-MNIST images ×4 with five kinds of
 * doubling layer: transposed convolution of kernel 3 and of kernel 4, nearest-neighbour upsampling + convolution, and
 * pixel shuffle with and without ICNR. Measured: the share of the outputs' variance in a pattern repeating every
 * 4 pixels ({@link ai.fastdjl.metric.Checkerboard}), at initialisation (3 seeds) and after training with pixel MSE,
 * beside the same share of the real images, and PSNR.
 */
@Command(name = "Checkerboard", mixinStandardHelpOptions = true,
        description = "Lesson 4: checkerboard artifacts of transposed convolutions vs upsampling + convolution.")
public final class Checkerboard {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--width", description = "Channels of every layer (default ${DEFAULT-VALUE}).")
    int width = 32;

    /** Upscaling factor: two doubling layers. */
    static final int FACTOR = 4;
    /** Untrained networks measured per variant (seeds seed, seed + 1, ...). */
    static final int INIT_SEEDS = 3;

    /** One variant: periodic share at init (mean over seeds) and after training, and test PSNR. */
    public record Row(String upsampler, double coverageShare, double shareAtInit, double shareTrained, double psnr, double finalTrainLoss) {}

    public record Result(List<Row> rows, double realShare, Path runDir) {
        public Row row(String upsampler) {
            return rows.stream().filter(r -> r.upsampler().equals(upsampler)).findFirst().orElseThrow();
        }
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Checkerboard o = new Checkerboard();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        CommonOptions c = run.quickLimit(12_000).options();
        if (c.validLimit == null) {
            c.validLimit = 1_000; // the share and PSNR settle well within a thousand test images
        }
        try (NDManager m = NDManager.newBaseManager()) {
            LowResFashion train = LowResFashion.load(c, true, FACTOR, m);
            LowResFashion test = LowResFashion.load(c, false, FACTOR, m);
            double realShare = Upsamplers.share(test.high());
            NDArray show = test.low().get("0:8");
            List<NDArray> atInit = new ArrayList<>(List.of(LowResFashion.enlarge(show, FACTOR)));
            List<NDArray> trained = new ArrayList<>(List.of(LowResFashion.enlarge(show, FACTOR), test.high().get("0:8")));
            List<Row> rows = new ArrayList<>();
            DataLoaders dls = DataLoaders.fromArrays(train.low(), train.high(), test.low(), test.high(),
                    run.batchSize(64), List.of());
            // --full: all 60,000 images; 4 epochs, since the trained shares settle within 3 epochs of 12,000 already
            int epochs = run.epochs(3, 4);
            double lr = run.lr(3e-3);
            for (Upsamplers u : Upsamplers.values()) {
                Upsamplers.Untrained init = u.atInit(o.width, test.low(), run.seed(), INIT_SEEDS, m);
                atInit.add(init.samples());
                SequentialBlock net = Init.weights(u.network(o.width), Init.kaiming());
                try (Learner learn = run.learner(dls, net).name(u.label).loss(new MseLoss())
                        .inputShapes(new Shape(1, 1, 7, 7)).build()) {
                    learn.fitOneCycle(epochs, lr);
                    NDArray out = learn.getPreds(dls.valid(), m).output();
                    double[] q = ImageQuality.meanPsnrSsim(out.clip(0, 1), test.high(), 1);
                    rows.add(new Row(u.label, u.coverage(m), init.share(), Upsamplers.share(out), q[0],
                            learn.recorder().last().trainLoss()));
                    trained.add(out.get("0:8"));
                }
            }
            SampleGrid.save(LowResFashion.signed(NDArrays.concat(new NDList(trained))), 8, 3, run.file("trained.png"));
            SampleGrid.save(LowResFashion.signed(NDArrays.concat(new NDList(atInit))), 8, 3, run.file("at_init.png"));
            report(run, rows, realShare, epochs, lr, train.high().getShape().get(0), o.width);
            return new Result(rows, realShare, run.dir());
        }
    }

    private static void report(LessonRun run, List<Row> rows, double realShare, int epochs, double lr, long n,
            int width) {
        RunReport r = run.report("Lesson 4: checkerboard artifacts of upsampling layers")
                .claim("A stride-2 transposed convolution of kernel 3 makes checkerboards (\"stride 2 size 3 … 4 is"
                        + " better, or upsampling and normal convolution\"): its output holds more energy in a pattern"
                        + " repeating with the stride than kernel 4's or nearest-neighbour upsampling's.");
        Row k3 = rows.get(0);
        Row k4 = rows.get(1);
        Row nearest = rows.get(2);
        double worstTrained = rows.stream().mapToDouble(Row::shareTrained).max().orElseThrow();
        r.text(String.format(Locale.ROOT, "Measured: with equal weights (coverage) kernel 3 puts %.3f of the output's"
                + " variance in the pattern, kernel 4 %.4f. Untrained, with random weights, every strided layer does"
                + " (kernel 3: %.2f, kernel 4: %.2f, pixel shuffle: %.2f) and nearest-neighbour upsampling does not"
                + " (%.3f; ICNR %.3f). After training with pixel MSE the largest share left is %.4f, under the real"
                + " images' %.4f: MSE punishes any pattern the targets lack; where a loss does not (a GAN's critic, a"
                + " feature loss) the pattern the layer starts with can stay.", k3.coverageShare(),
                k4.coverageShare(), k3.shareAtInit(), k4.shareAtInit(), rows.get(3).shareAtInit(),
                nearest.shareAtInit(), rows.get(4).shareAtInit(), worstTrained, realShare));
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            String key = row.upsampler().replace(' ', '_').replace("+", "plus");
            r.metric("coverage_share_" + key, row.coverageShare()).metric("share_at_init_" + key, row.shareAtInit()).metric("share_trained_" + key, row.shareTrained())
                    .metric("psnr_" + key, row.psnr());
            table.add(List.of(row.upsampler(), RunReport.format(row.coverageShare()), RunReport.format(row.shareAtInit()),
                    RunReport.format(row.shareTrained()), String.format(Locale.ROOT, "%.1f×",
                            row.shareTrained() / realShare), String.format(Locale.ROOT, "%.2f", row.psnr()),
                    RunReport.format(row.finalTrainLoss())));
        }
        r.metric("share_real_images", realShare).metric("epochs", epochs).metric("lr", lr).metric("train_images", n)
                .metric("width", width)
                .table("Share of the outputs' variance in a pattern of period " + FACTOR + " (mean over the test"
                        + " images; real images: " + RunReport.format(realShare) + "). Coverage: one channel, every"
                        + " weight 1, a constant image in (how evenly the kernels overlap, Odena et al.'s argument);"
                        + " at init: Kaiming normal, mean of " + INIT_SEEDS + " seeds; trained: fit_one_cycle with"
                        + " pixel MSE.",
                        List.of("upsampler", "coverage", "share at init", "share trained", "× real", "PSNR (dB)", "train MSE"),
                        table)
                .image("trained.png", "rows: 7×7 input (shown enlarged), the 28×28 target, then each upsampler after"
                        + " training, in the table's order")
                .image("at_init.png", "rows: the input, then each upsampler untrained (seed " + run.seed() + ")")
                .write();
        run.printReport();
    }
}
