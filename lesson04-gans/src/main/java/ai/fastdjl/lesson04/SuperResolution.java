package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.gan.SampleGrid;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.models.UNet;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.style.FeatureExtractor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 4 — super-resolution with a feature loss (Johnson et al. 2016; the course's lesson 7: "perceptual losses — I
 * would call them feature losses"). A U-Net learns to restore Fashion-MNIST images from copies whose pixels were
 * averaged in 2×2 or 4×4 blocks, once with pixel MSE and once with MSE plus the MSE of a frozen classifier's features.
 * Measured on the test images: PSNR, SSIM, the Fréchet distance of classifier features, and a second, independent
 * classifier's accuracy on the restored images. The course's claim: the feature loss looks sharper (and the task
 * measures agree) even where PSNR is lower.
 */
@Command(name = "SuperResolution", mixinStandardHelpOptions = true,
        description = "Lesson 4: U-Net super-resolution of Fashion-MNIST, pixel MSE vs feature loss.")
public final class SuperResolution {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--scales", split = ",", description = "Upscaling factors, each dividing 28 (default 2,4).")
    int[] scales = {2, 4};
    @Option(names = "--widths", split = ",", description = "Channels of the U-Net's levels (default 16,32,64).")
    int[] widths = {16, 32, 64};
    @Option(names = "--layers", split = ",", description = "Stages of the loss network compared by the feature loss"
            + " (default stage0,stage1,stage2).")
    List<String> layers = List.of("stage0", "stage1", "stage2");

    /** Per scale: the nearest-neighbour baseline, the MSE model, the feature-loss model. */
    public record ScaleResult(int scale, UpscaleScores.Scores nearest, UpscaleScores.Scores mse,
            UpscaleScores.Scores feature) {}

    public record Result(List<ScaleResult> scales, double originalAccuracy, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        SuperResolution o = new SuperResolution();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        for (int scale : o.scales) {
            LowResFashion.checkFactor(scale);
        }
        if (28 % (1 << (o.widths.length - 1)) != 0) {
            throw new UserInputException("--widths " + o.widths.length + " levels halve the 28-pixel image "
                    + (o.widths.length - 1) + " times, which 28 does not allow; give at most 3 widths");
        }
        CommonOptions c = run.quickLimit(12_000).options();
        if (c.validLimit == null) {
            c.validLimit = 2_000; // enough for a stable 64-feature Fréchet distance
        }
        try (NDManager m = NDManager.newBaseManager();
                FeatureExtractor fx = LossNetwork.extractor(c, m, System.out)) {
            UpscaleScores scores = null;
            List<ScaleResult> results = new ArrayList<>();
            List<NDArray> grid = new ArrayList<>();
            // --full: all 60,000 images, 3 epochs per model (4 models: about 30 min on 2 cores; 10 epochs would be 2 h)
            int epochs = run.epochs(2, 3);
            double lr = run.lr(3e-3);
            for (int scale : o.scales) {
                LowResFashion train = LowResFashion.load(c, true, scale, m);
                LowResFashion test = LowResFashion.load(c, false, scale, m);
                if (scores == null) {
                    scores = UpscaleScores.fashion(c, test, m);
                }
                // the U-Net restores the low-resolution image shown at full size, as fastai's crappified inputs
                NDArray trainIn = LowResFashion.enlarge(train.low(), scale);
                NDArray testIn = LowResFashion.enlarge(test.low(), scale);
                DataLoaders dls = DataLoaders.fromArrays(trainIn, train.high(), testIn, test.high(), run.batchSize(64),
                        List.of());
                NDArray[] outs = new NDArray[2];
                Loss[] losses = {new MseLoss(), LossNetwork.balanced(fx, o.layers, trainIn.get("0:500"),
                        train.high().get("0:500"))};
                for (int k = 0; k < 2; k++) {
                    try (Learner learn = run.learner(dls, UNet.plusInput(new UNet(1, 1, o.widths, true))).name(losses[k].getName()
                            + " ×" + scale).loss(losses[k]).inputShapes(new Shape(1, 1, 28, 28)).build()) {
                        learn.fitOneCycle(epochs, lr);
                        outs[k] = learn.getPreds(dls.valid(), m).output();
                    }
                }
                results.add(new ScaleResult(scale, scores.of("nearest", testIn), scores.of("MSE", outs[0]),
                        scores.of("feature loss", outs[1])));
                grid.addAll(List.of(testIn.get("0:8"), test.high().get("0:8"), outs[0].get("0:8"), outs[1].get("0:8")));
            }
            SampleGrid.save(LowResFashion.signed(NDArrays.concat(new NDList(grid))), 8, 3, run.file("samples.png"));
            report(run, results, scores, fx, o, epochs, lr);
            return new Result(results, scores.originalAccuracy(), run.dir());
        }
    }

    private static void report(LessonRun run, List<ScaleResult> results, UpscaleScores scores, FeatureExtractor fx,
            SuperResolution o, int epochs, double lr) {
        RunReport r = run.report("Lesson 4: super-resolution, pixel MSE vs feature loss")
                .claim("A feature loss (Johnson et al. 2016) restores images that look more like the real thing than"
                        + " pixel MSE does, even where its PSNR is lower: at ×4 its outputs have a lower Fréchet"
                        + " distance to the real images and a classifier recognises more of them.");
        List<List<String>> table = new ArrayList<>();
        for (ScaleResult s : results) {
            r.text(String.format(Locale.ROOT, "×%d: feature loss vs MSE: Fréchet distance %.2f vs %.2f, accuracy %.1f"
                    + " vs %.1f %%, PSNR %.2f vs %.2f dB.", s.scale(), s.feature().fd(), s.mse().fd(),
                    100 * s.feature().accuracy(), 100 * s.mse().accuracy(), s.feature().psnr(), s.mse().psnr()));
            for (UpscaleScores.Scores q : List.of(s.nearest(), s.mse(), s.feature())) {
                String key = q.model().replace(' ', '_').toLowerCase(Locale.ROOT) + "_x" + s.scale();
                r.metric("psnr_" + key, q.psnr()).metric("ssim_" + key, q.ssim()).metric("fd_" + key, q.fd())
                        .metric("accuracy_" + key, q.accuracy());
                table.add(List.of("×" + s.scale(), q.model(), String.format(Locale.ROOT, "%.2f", q.psnr()),
                        String.format(Locale.ROOT, "%.3f", q.ssim()), String.format(Locale.ROOT, "%.2f", q.fd()),
                        String.format(Locale.ROOT, "%.1f %%", 100 * q.accuracy())));
            }
        }
        r.metric("accuracy_original", scores.originalAccuracy()).metric("epochs", epochs).metric("lr", lr)
                .table("Test images (accuracy on the originals: " + String.format(Locale.ROOT, "%.1f %%",
                        100 * scores.originalAccuracy()) + "):", List.of("scale", "model", "PSNR (dB)", "SSIM",
                        "Fréchet distance", "classifier accuracy"), table)
                .text("U-Net " + java.util.Arrays.toString(o.widths) + " with skips, adding its output to its input, fit_one_cycle(" + epochs + ", "
                        + lr + "). Feature loss: pixel MSE plus the MSE of " + fx.name() + "'s " + o.layers
                        + ", each term scaled to 1 on the nearest-neighbour inputs of 500 training images. Measured"
                        + " with " + scores.classifierRecipe() + " (its own test accuracy "
                        + RunReport.format(scores.classifierAccuracy()) + "), trained separately from the loss"
                        + " network.")
                .image("samples.png", "per scale, rows: input (nearest neighbour), original, MSE, feature loss")
                .write();
        run.printReport();
    }
}
