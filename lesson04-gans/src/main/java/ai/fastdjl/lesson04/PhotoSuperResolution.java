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
import ai.fastdjl.datasets.StyleImages;
import ai.fastdjl.gan.SampleGrid;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.metric.ImageQuality;
import ai.fastdjl.models.UNet;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.style.FeatureExtractor;
import ai.fastdjl.style.StyleLoss;
import ai.fastdjl.vision.MobileNetV2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 4 — super-resolution of photographs with a feature loss on the imported MobileNetV2 (ImageNet-derived
 * weights): {@link SuperResolution}'s U-Net and losses on colour photos. Trained on random crops of twelve OpenCV
 * sample photographs, tested on tiles of scikit-image's astronaut, chelsea and coffee, which it never saw. There is no
 * classifier of these photos to judge by, so besides PSNR and SSIM the sharpness is measured directly: the mean
 * squared difference of neighbouring pixels of the restored tiles over that of the originals (1: as sharp as the
 * photo; MSE's blur scores below).
 */
@Command(name = "PhotoSuperResolution", mixinStandardHelpOptions = true,
        description = "Lesson 4: U-Net super-resolution of photographs, pixel MSE vs a MobileNetV2 feature loss.")
public final class PhotoSuperResolution {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--scales", split = ",", description = "Upscaling factors (default 2,4).")
    int[] scales = {2, 4};
    @Option(names = "--size", description = "Side of the training crops and test tiles (default ${DEFAULT-VALUE}).")
    int size = 64;
    @Option(names = "--crops", description = "Training crops (default 1,600; 4,000 with --full).")
    Integer crops;
    @Option(names = "--layers", split = ",", description = "MobileNetV2 layers of the feature loss (default the first"
            + " three of " + "block_1_expand_relu, block_3_expand_relu, block_6_expand_relu, block_10_expand_relu).")
    List<String> layers = MobileNetV2.FEATURE_MAPS.subList(0, 3);

    /** One model's scores on the test tiles. */
    public record Scores(String model, double psnr, double ssim, double sharpness) {}

    public record ScaleResult(int scale, Scores nearest, Scores mse, Scores feature) {}

    public record Result(List<ScaleResult> scales, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        PhotoSuperResolution o = new PhotoSuperResolution();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        for (int scale : o.scales) {
            if (scale < 2 || o.size % (4 * scale) != 0) {
                throw new UserInputException("scale factor " + scale + " with --size " + o.size + ": the tile must be"
                        + " larger than the scale factor and its side a multiple of 4 × the factor (the U-Net halves"
                        + " it twice); e.g. --size " + 16 * Math.max(scale, 2));
            }
        }
        boolean fetch = run.data().fetch();
        // --full: 4,000 crops × 5 epochs, about 4× the default's steps (under 20 minutes on 2 cores)
        int crops = o.crops != null ? o.crops : run.full() ? 4_000 : 1_600;
        List<ScaleResult> results = new ArrayList<>();
        List<NDArray> grid = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                FeatureExtractor fx = StyleTransfer.extractor("mobilenetv2", m, o.size, fetch)) {
            NDArray train = StyleCrops.random(StyleImages.photos(fetch), crops, o.size, run.seed(), m);
            NDArray test = StyleCrops.tiles(List.of("astronaut", "chelsea", "coffee"), 4, o.size, fetch, m);
            for (int scale : o.scales) {
                NDArray trainIn = LowResFashion.enlarge(LowResFashion.downscale(train, scale), scale);
                NDArray testIn = LowResFashion.enlarge(LowResFashion.downscale(test, scale), scale);
                DataLoaders dls = DataLoaders.fromArrays(trainIn, train, testIn, test, run.batchSize(16), List.of());
                Loss[] losses = {new MseLoss(), LossNetwork.balanced(fx, o.layers, trainIn.get("0:64"),
                        train.get("0:64"))};
                NDArray[] outs = new NDArray[2];
                for (int k = 0; k < 2; k++) {
                    try (Learner learn = run.learner(dls, UNet.plusInput(new UNet(3, 3, new int[] {16, 32, 64}, true)))
                            .name(losses[k].getName() + " ×" + scale).loss(losses[k])
                            .inputShapes(new Shape(1, 3, o.size, o.size)).build()) {
                        learn.fitOneCycle(run.epochs(3, 5), run.lr(3e-3));
                        outs[k] = learn.getPreds(dls.valid(), m).output().clip(0, 1);
                    }
                }
                results.add(new ScaleResult(scale, scores("nearest", testIn, test), scores("MSE", outs[0], test),
                        scores("feature loss", outs[1], test)));
                grid.addAll(List.of(testIn.get("0:6"), test.get("0:6"), outs[0].get("0:6"), outs[1].get("0:6")));
            }
            SampleGrid.save(LowResFashion.signed(NDArrays.concat(new NDList(grid))), 6, 2, run.file("samples.png"));
        }
        report(run, results, crops, o);
        return new Result(results, run.dir());
    }

    static Scores scores(String model, NDArray images, NDArray originals) {
        double[] q = ImageQuality.meanPsnrSsim(images, originals, 1);
        return new Scores(model, q[0], q[1], StyleLoss.totalVariation(images).getFloat()
                / StyleLoss.totalVariation(originals).getFloat());
    }

    private static void report(LessonRun run, List<ScaleResult> results, int crops, PhotoSuperResolution o) {
        RunReport r = run.report("Lesson 4: super-resolution of photographs, pixel MSE vs feature loss")
                .claim("A feature loss restores sharper photographs than pixel MSE, even where its PSNR is lower.");
        List<List<String>> table = new ArrayList<>();
        for (ScaleResult s : results) {
            for (Scores q : List.of(s.nearest(), s.mse(), s.feature())) {
                String key = q.model().replace(' ', '_').toLowerCase(Locale.ROOT) + "_x" + s.scale();
                r.metric("psnr_" + key, q.psnr()).metric("ssim_" + key, q.ssim()).metric("sharpness_" + key,
                        q.sharpness());
                table.add(List.of("×" + s.scale(), q.model(), String.format(Locale.ROOT, "%.2f", q.psnr()),
                        String.format(Locale.ROOT, "%.3f", q.ssim()), String.format(Locale.ROOT, "%.2f", q.sharpness())));
            }
        }
        r.metric("train_crops", crops).metric("size", o.size)
                .table("48 test tiles of " + o.size + "×" + o.size + " (sharpness: neighbouring-pixel differences"
                        + " over the originals'):", List.of("scale", "model", "PSNR (dB)", "SSIM", "sharpness"), table)
                .text("Feature loss: pixel MSE plus MobileNetV2's " + o.layers + ", each term scaled to 1 on the"
                        + " nearest-neighbour inputs of 64 training crops.")
                .image("samples.png", "per scale, rows: input, original, MSE, feature loss")
                .write();
        run.printReport();
    }
}
