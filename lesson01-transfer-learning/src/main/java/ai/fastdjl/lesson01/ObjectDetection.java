package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.VocAnnotations;
import ai.fastdjl.detect.AnchorGrid;
import ai.fastdjl.detect.Box;
import ai.fastdjl.detect.DetectionData;
import ai.fastdjl.detect.Detection;
import ai.fastdjl.detect.GroundTruth;
import ai.fastdjl.detect.MapBreakdown;
import ai.fastdjl.detect.MeanAveragePrecision;
import ai.fastdjl.detect.SsdDecoder;
import ai.fastdjl.detect.SsdLoss;
import ai.fastdjl.detect.SsdModel;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 3 — detection: every item of a scene, its class and box. An SSD (fast.ai 2018 lesson 9): a grid of
 * anchor boxes of several scales and aspect ratios on four feature maps (8×8 … 1×1 for 64 px scenes), each anchor
 * predicting offsets and a class or the background, trained with hard negative mining, decoded with non-maximum
 * suppression. Measured: mAP at IoU 0.5 on the validation scenes (target ≥ 0.7), by object size and by the number of
 * objects in a scene. {@code --voc DIR} trains the same way on a Pascal VOC folder (the course's data, for a user
 * who has it).
 */
@Command(name = "ObjectDetection", mixinStandardHelpOptions = true,
        description = "Lesson 1: SSD-style detection of Fashion-MNIST scenes, mAP by object size and count.")
public final class ObjectDetection {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--voc", description = "A Pascal VOC folder (Annotations/, JPEGImages/) to train on instead of"
            + " the generated scenes.")
    Path voc;
    @Option(names = "--classes", split = ",", description = "With --voc: the class names (default VOC's 20).")
    List<String> classes = VocAnnotations.CLASSES;
    @Option(names = "--size", description = "With --voc: the side images are resized to, a power of two"
            + " (default ${DEFAULT-VALUE}).")
    int size = 64;

    /** mAP at IoU 0.5 on every validation image, by object size and by objects per image. */
    public record Result(double map, Map<String, Double> bySize, Map<Integer, Double> byCount, int anchors,
            Path runDir) {}

    /** Anchors matched to an item at this IoU or more (see {@link #targets}). */
    static final double MATCH_IOU = 0.4;

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ObjectDetection o = new ObjectDetection();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        DetectionData train;
        DetectionData valid;
        float[][] norm;
        if (o.voc != null) { // an online user's own data: Pascal VOC folders (fastai 2018 lesson 8's PASCAL_VOC)
            VocAnnotations.Split voc = VocAnnotations.load(o.voc, o.classes, o.size, 0.2, run.seed());
            train = voc.train();
            valid = voc.valid();
            norm = train.stats();
        } else {
            // many scenes seen twice beat few seen often, same compute: 20,000 × 2 epochs mAP 0.651, 5,000 × 8 0.635
            FashionScenes.Split scenes = Scenes.load(run, 20_000, 60_000, 1_000);
            train = FashionScenes.detection(scenes.train());
            valid = FashionScenes.detection(scenes.valid());
            norm = new float[][] {{FashionMnist.MEAN}, {FashionMnist.STD}};
        }
        int classes = train.classes().size();
        AnchorGrid grid = grid(train.size());
        int[] perCell = IntStream.range(0, grid.maps()).map(grid::perCell).toArray();
        SsdModel model = new SsdModel(train.channels(), classes, new int[] {16, 32, 64}, perCell);
        int epochs = run.epochs(3, 6);
        RunReport report = run.report("Lesson 1: SSD-style detection");
        List<Detection> dets;
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = DataLoaders.fromArrays(train.images(m, norm[0], norm[1]), targets(m, grid, train.truth()),
                    valid.images(m, norm[0], norm[1]), targets(m, grid, valid.truth()), 64, train.classes());
            // PyTorch's AdamW step, all weights in one call: bench 1.15×, this main 1.02-1.08× (tests/bench/RESULTS.md)
            try (var learn = run.learner(dls, model).loss(new SsdLoss()).opt(Adam.scriptedAll()).name("ssd").build()) {
                learn.fitOneCycle(epochs, run.lr(3e-3));
                report.add(learn.recorder());
                dets = SsdDecoder.detect(learn.getPreds(dls.valid(), m).output(), grid, 0);
            }
        }
        MapBreakdown map = MapBreakdown.of(dets, valid.truth(), classes, MeanAveragePrecision.VOC_IOU);
        report.table(String.format(Locale.ROOT, "mAP at IoU 0.5 (Pascal VOC's all-point AP, mean over the %d classes) on"
                + " %d validation images; %d training images (%s), %d epochs, %d anchors:", classes, valid.n(),
                train.n(), o.voc != null ? o.voc : "generated scenes", epochs, grid.size()),
                List.of("subset", "objects", "mAP@0.5"), map.rows());
        List<String> names = o.voc != null ? o.classes : Scenes.SHORT;
        valid.saveDetections(run.file("detections.png"), names, dets, Math.min(24, valid.n()));
        report.image("detections.png", "validation images: true boxes dashed, detections scoring ≥ 0.5 solid");
        report.claim("An SSD with anchors of several scales and aspect ratios, a background class and non-maximum"
                        + " suppression finds the items of " + (o.voc != null ? o.voc : "Fashion-MNIST scenes: mAP at"
                        + " IoU 0.5 ≥ 0.7."))
                .metric("map_50", map.all().map()).put("by_size", map.bySize()).put("by_count", map.byCount())
                .metric("anchors", grid.size()).metric("train_images", train.n()).metric("epochs", epochs).write();
        System.out.printf(Locale.ROOT, "mAP@0.5 %.4f; by size %s; by objects per image %s%n", map.all().map(),
                map.bySize(), map.byCount());
        run.printReport();
        return new Result(map.all().map(), map.bySize(), map.byCount(), grid.size(), run.dir());
    }

    /**
     * The lesson's anchors: SSD's on the maps of {@link SsdModel} for {@code size} px images, the first at 1/8 of
     * the side, each next one half of it, down to 1×1 (8×8, 4×4, 2×2, 1×1 for the 64 px scenes).
     */
    public static AnchorGrid grid(int size) {
        if (size < 8 || Integer.bitCount(size) != 1) {
            throw new UserInputException("--size " + size + " is not a power of two ≥ 8; the detector halves the image"
                    + " down to 1×1, e.g. --size 64 or 128");
        }
        int[] sides = IntStream.iterate(size / 8, side -> side >= 1, side -> side / 2).toArray();
        // SSD's scales 0.2 … 0.9; 0.15 … 0.75, nearer the scenes' boxes (0.2 … 0.6 of the side), did worse: mAP
        // 0.593 against 0.635 (5,000 scenes, 8 epochs, seed 42)
        return AnchorGrid.ssd(sides);
    }

    /** Per image {@code [anchors, 5]}: SSD's matched class + 1 and encoded offsets ({@link SsdLoss#targets}). */
    public static NDArray targets(NDManager m, AnchorGrid grid, List<List<GroundTruth>> truth) {
        List<List<Box>> boxes = truth.stream().map(t -> t.stream().map(GroundTruth::box).toList()).toList();
        List<int[]> cls = truth.stream().map(t -> t.stream().mapToInt(GroundTruth::cls).toArray()).toList();
        // matched at IoU ≥ 0.4, not SSD's 0.5: a 34 px anchor 8 px off a 34 px item has IoU 0.41, so large items got
        // one positive anchor each (mAP of large items 0.518 → 0.553, all 0.651 → 0.681; 20,000 scenes, 2 epochs)
        float[] t = SsdLoss.targets(grid, boxes, cls, MATCH_IOU);
        return m.create(t, new Shape(truth.size(), grid.size(), 5));
    }
}
