package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.SegmentationData;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.MaskFolder;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.WeightedCrossEntropy;
import ai.fastdjl.metric.MeanIou;
import ai.fastdjl.models.UNet;
import ai.fastdjl.plot.MaskGrid;
import ai.fastdjl.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 4 — segmentation: a class for every pixel of the Fashion-MNIST scenes (their masks: background or
 * the item's class). The course's U-Net (fast.ai 2018 lesson 14, {@code unet_learner} in the 2019 CamVid lesson):
 * an encoder on the lesson's ResNet blocks, a decoder that upsamples back, and "skip connections" from each encoder
 * level to the decoder level of the same resolution. Measured: the U-Net against the same encoder–decoder without
 * the skips, mean IoU over the ten item classes (target U-Net ≥ 0.8 and ≥ 5 points ahead). {@code --masks DIR}
 * trains the same way on a user's folder of images and PNG masks ({@link MaskFolder}).
 */
@Command(name = "Segmentation", mixinStandardHelpOptions = true,
        description = "Lesson 1: U-Net segmentation of Fashion-MNIST scenes, with and without skip connections.")
public final class Segmentation {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--masks", description = "A folder of images/, labels/ (PNG masks) and codes.txt to segment"
            + " instead of the generated scenes.")
    Path masks;
    @Option(names = "--size", description = "With --masks: the side images are resized to (default ${DEFAULT-VALUE}).")
    int size = 64;
    @Option(names = "--widths", split = ",", description = "Channels of the U-Net's levels, full resolution first"
            + " (default 16,32,64,128).")
    int[] widths = {16, 32, 64, 128};

    /** Each model's scores on the validation images. */
    public record Scores(double meanIou, double foregroundIou, double pixelAccuracy, double[] perClass,
            long parameters) {}

    /** The U-Net's and the plain encoder–decoder's scores, and the run folder. */
    public record Result(Scores unet, Scores noSkips, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Segmentation o = new Segmentation();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        int divisor = 1 << o.widths.length;
        if (o.size % divisor != 0) {
            throw new UserInputException("--size " + o.size + " is not a multiple of " + divisor + ": the U-Net halves"
                    + " the image " + o.widths.length + " times; e.g. --size " + (o.size / divisor + 1) * divisor);
        }
        SegmentationData train;
        SegmentationData valid;
        float[][] norm;
        if (o.masks != null) {
            MaskFolder.Split split = MaskFolder.read(o.masks, o.size, 0.2, run.seed());
            train = split.train();
            valid = split.valid();
            norm = train.stats();
        } else {
            FashionScenes.Split scenes = Scenes.load(run, 5_000, 15_000, 500);
            train = FashionScenes.segmentation(scenes.train());
            valid = FashionScenes.segmentation(scenes.valid());
            norm = new float[][] {{FashionMnist.MEAN}, {FashionMnist.STD}};
        }
        int epochs = run.epochs(3, 3);
        RunReport report = run.report("Lesson 1: segmentation, U-Net vs no skip connections");
        List<int[]> predicted = new ArrayList<>();
        List<Scores> scores = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = DataLoaders.fromArrays(train.images(m, norm[0], norm[1]), train.masks(m),
                    valid.images(m, norm[0], norm[1]), valid.masks(m), 32, train.codes());
            for (boolean skips : new boolean[] {true, false}) {
                UNet model = new UNet(train.channels(), train.codes().size(), o.widths, skips, true);
                try (Learner learn = run.learner(dls, model).loss(new WeightedCrossEntropy())
                        .name(skips ? "unet" : "no_skips").build(); NDManager p = m.newSubManager()) {
                    learn.fitOneCycle(epochs, run.lr(1e-2));
                    if (skips) {
                        report.add(learn.recorder());
                    }
                    int[] pred = learn.getPreds(dls.valid(), p).output().argMax(1).toType(DataType.INT32, false)
                            .toIntArray();
                    predicted.add(pred);
                    MeanIou iou = new MeanIou(train.codes().size()).add(valid.masks(), pred);
                    // the shape alone: object (any class) against background, where skip connections should show
                    double fg = new MeanIou(2).add(objects(valid.masks()), objects(pred)).iou(1);
                    scores.add(new Scores(iou.mean(1), fg, iou.pixelAccuracy(), iou.perClass(), learn.parameterCount()));
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        String[] names = {"U-Net (skip connections)", "the same encoder–decoder, no skips"};
        for (int k = 0; k < 2; k++) {
            Scores s = scores.get(k);
            rows.add(List.of(names[k], RunReport.format(s.meanIou()), RunReport.format(s.foregroundIou()),
                    RunReport.format(s.pixelAccuracy()), String.format(Locale.ROOT, "%,d", s.parameters())));
        }
        report.table(String.format(Locale.ROOT, "%d validation images, %d training images, %d epochs each:",
                valid.n(), train.n(), epochs), List.of("model", "mean IoU (classes 1…)", "IoU of objects vs background",
                "pixel accuracy", "parameters"), rows);
        List<List<String>> byClass = new ArrayList<>();
        for (int c = 1; c < train.codes().size(); c++) {
            byClass.add(List.of(train.codes().get(c), RunReport.format(scores.get(0).perClass()[c]),
                    RunReport.format(scores.get(1).perClass()[c])));
        }
        report.table("IoU by class", List.of("class", "U-Net", "no skips"), byClass);
        MaskGrid.compare(run.file("masks.png"), valid, List.of("U-Net", "no skips"), predicted, Math.min(8, valid.n()));
        report.image("masks.png", "validation images: image, true mask, U-Net, no skips (colours as in the box plots)");
        report.claim("A U-Net's skip connections give the decoder back the detail the encoder threw away: mean IoU"
                        + " ≥ 0.8 and ≥ 5 points over the same encoder–decoder without them.")
                .metric("miou_unet", scores.get(0).meanIou()).metric("miou_no_skips", scores.get(1).meanIou())
                .metric("foreground_iou_unet", scores.get(0).foregroundIou())
                .metric("foreground_iou_no_skips", scores.get(1).foregroundIou())
                .metric("pixel_accuracy_unet", scores.get(0).pixelAccuracy())
                .metric("pixel_accuracy_no_skips", scores.get(1).pixelAccuracy()).metric("epochs", epochs)
                .metric("train_images", train.n()).write();
        System.out.printf(Locale.ROOT, "mean IoU: U-Net %.4f, no skips %.4f; objects vs background: %.4f, %.4f%n",
                scores.get(0).meanIou(), scores.get(1).meanIou(), scores.get(0).foregroundIou(),
                scores.get(1).foregroundIou());
        run.printReport();
        return new Result(scores.get(0), scores.get(1), run.dir());
    }

    private static int[] objects(int[] mask) {
        return java.util.Arrays.stream(mask).map(c -> c > 0 ? 1 : 0).toArray();
    }
}
