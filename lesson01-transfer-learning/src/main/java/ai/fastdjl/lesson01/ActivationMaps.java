package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.FashionScenes.Scene;
import ai.fastdjl.detect.Box;
import ai.fastdjl.interpret.ClassActivationMap;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.plot.BoxGrid;
import ai.fastdjl.plot.MaskGrid;
import ai.fastdjl.report.RunReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 4 — class activation maps ("adaptive average pooling → heatmaps", fast.ai 2018 lesson 7): a ResNet
 * trained only to name the item of single-item scenes, never told where it is, still knows: its last feature maps
 * weighted by its head's weights for a class ({@link ClassActivationMap}) light up where that class is. Measured
 * by the pointing game: the share of validation scenes whose map (of the true class) peaks inside the item's box,
 * target ≥ 0.8, against the chance of a random peak (the mean share of the image the boxes cover).
 */
@Command(name = "ActivationMaps", mixinStandardHelpOptions = true,
        description = "Lesson 1: class activation maps of a Fashion-MNIST scene classifier, and the pointing game.")
public final class ActivationMaps {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--widths", split = ",", description = "The ResNet's stem and stage channels (default 16,32,64,128;"
            + " the stem keeps the full resolution, so the maps are 8×8 for 64 px scenes).")
    int[] widths = {16, 32, 64, 128};

    /** Scenes of one item each, anywhere on the canvas: {@link FashionScenes.Config#DEFAULT} but for the count. */
    static final FashionScenes.Config SINGLE = new FashionScenes.Config(64, 1, 1, 16, 40, 0.2, 0);

    /** Accuracy, pointing-game hits with the true and with the predicted class's map, and the chance of a hit. */
    public record Result(double accuracy, double pointingTrue, double pointingPredicted, double chance, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ActivationMaps o = new ActivationMaps();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        FashionScenes.Split scenes = Scenes.load(run, 10_000, 40_000, 500, SINGLE);
        List<Scene> valid = scenes.valid();
        int n = valid.size();
        int size = SINGLE.size();
        int epochs = run.epochs(2, 5);
        RunReport report = run.report("Lesson 1: class activation maps");
        int[] truth = valid.stream().mapToInt(s -> s.items().get(0).cls()).toArray();
        int[] predicted;
        float[][] mapsTrue;
        float[][] mapsPredicted;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xv = FashionScenes.images(m, valid);
            DataLoaders dls = DataLoaders.fromArrays(FashionScenes.images(m, scenes.train()), labels(m, scenes.train()),
                    xv, labels(m, valid), 64, FashionMnist.CLASSES);
            SequentialBlock model = ResNet.build(1, FashionMnist.CLASSES.size(), o.widths);
            try (Learner learn = run.learner(dls, model).name("resnet").build()) {
                learn.fitOneCycle(epochs, run.lr(1e-2));
                report.add(learn.recorder());
                predicted = learn.getPreds(dls.valid(), m).output().argMax(1).toType(DataType.INT32, false)
                        .toIntArray();
                mapsTrue = ClassActivationMap.of(model, xv, truth, size);
                mapsPredicted = ClassActivationMap.of(model, xv, predicted, size);
            }
        }
        int right = 0;
        int hitTrue = 0;
        int hitPredicted = 0;
        double chance = 0;
        for (int i = 0; i < n; i++) {
            Box box = valid.get(i).items().get(0).box(size);
            right += predicted[i] == truth[i] ? 1 : 0;
            hitTrue += ClassActivationMap.pointsInside(mapsTrue[i], size, box) ? 1 : 0;
            hitPredicted += ClassActivationMap.pointsInside(mapsPredicted[i], size, box) ? 1 : 0;
            chance += box.area() / n; // a peak at a uniformly random pixel lands in the box with this probability
        }
        Result r = new Result((double) right / n, (double) hitTrue / n, (double) hitPredicted / n, chance, run.dir());
        report.table(String.format(Locale.ROOT, "%d validation scenes of one item (%d training scenes, %d epochs):", n,
                scenes.train().size(), epochs), List.of("measure", "value"), List.of(
                        List.of("classification accuracy", RunReport.format(r.accuracy())),
                        List.of("pointing game, map of the true class", RunReport.format(r.pointingTrue())),
                        List.of("pointing game, map of the predicted class", RunReport.format(r.pointingPredicted())),
                        List.of("chance (mean share of the image inside the box)", RunReport.format(r.chance()))));
        heatmaps(run.file("heatmaps.png"), valid, mapsTrue, predicted, Math.min(24, n));
        report.image("heatmaps.png", "validation scenes: the true class's map over the image, the item's box dashed");
        report.claim("A classifier's last feature maps, weighted by its head, show where the class is: the map peaks"
                        + " inside the item's box in ≥ 80 % of single-item scenes (the pointing game).")
                .metric("accuracy", r.accuracy()).metric("pointing_true_class", r.pointingTrue())
                .metric("pointing_predicted_class", r.pointingPredicted()).metric("pointing_chance", r.chance())
                .metric("epochs", epochs).write();
        System.out.printf(Locale.ROOT, "accuracy %.4f; pointing game %.4f (true class), %.4f (predicted); chance"
                + " %.4f%n", r.accuracy(), r.pointingTrue(), r.pointingPredicted(), r.chance());
        run.printReport();
        return r;
    }

    private static NDArray labels(NDManager m, List<Scene> scenes) {
        return m.create(scenes.stream().mapToInt(s -> s.items().get(0).cls()).toArray());
    }

    private static void heatmaps(Path file, List<Scene> scenes, float[][] maps, int[] predicted, int n) {
        List<BufferedImage> images = new ArrayList<>();
        List<List<BoxGrid.Drawn>> boxes = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Scene s = scenes.get(i);
            var it = s.items().get(0);
            images.add(MaskGrid.heat(BoxGrid.gray(s.pixels(), s.size()), maps[i], s.size()));
            boxes.add(List.of(new BoxGrid.Drawn(it.x0(), it.y0(), it.x1(), it.y1(), it.cls(), "", true)));
            boolean hit = ClassActivationMap.pointsInside(maps[i], s.size(), it.box(s.size()));
            captions.add(Scenes.SHORT.get(it.cls()) + " → " + Scenes.SHORT.get(predicted[i]) + (hit ? ", peak in" : ", peak out"));
        }
        BoxGrid.save(images, boxes, captions, 6, 128, file);
    }
}
