package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.datasets.SkimageData;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.interpret.ClassActivationMap;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.BoxGrid;
import ai.fastdjl.plot.MaskGrid;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.MobileNetV2;
import ai.fastdjl.vision.VisionLearner;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 4 — class activation maps of an imported ImageNet body on photos: MobileNetV2 (imported from
 * TensorFlow.js) fine-tuned as fastai's {@code fine_tune} to tell scikit-image's LFW faces from background patches,
 * then shown mosaics of held-out photos, one face among {@code tiles² - 1} background patches. Never told where a face
 * is, its face map ({@link ClassActivationMap}) should peak in the face's tile: the pointing game, chance
 * {@code 1/tiles²}. The same architecture trained from random weights is the baseline; the face map over scikit-image's
 * astronaut photo is drawn too.
 */
@Command(name = "PhotoActivationMaps", mixinStandardHelpOptions = true,
        description = "Lesson 1: class activation maps of the imported MobileNetV2 on photos, and the pointing game.")
public final class PhotoActivationMaps {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--shots", defaultValue = "50", description = "Labelled images per class to train on; the rest"
            + " make the mosaics (default ${DEFAULT-VALUE} of the subset's 100).")
    int shots;
    @Option(names = "--tiles", defaultValue = "3", description = "Mosaics of tiles × tiles photos (default ${DEFAULT-VALUE}).")
    int tiles;
    @Option(names = "--size", defaultValue = "96", description = "A photo's side, in training and in a mosaic's tile"
            + " (default ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--mosaics", defaultValue = "100", description = "Mosaics scored (default ${DEFAULT-VALUE}).")
    int mosaics;

    /** Per way (imported body, from scratch): validation accuracy of single photos and the pointing-game hit rate. */
    public record Result(Map<String, Double> accuracy, Map<String, Double> pointing, double chance, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        PhotoActivationMaps o = new PhotoActivationMaps();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.tiles < 2 || o.mosaics < 1) {
            throw new UserInputException("--tiles " + o.tiles + " --mosaics " + o.mosaics + ": a mosaic needs 2 × 2"
                    + " tiles or more, and at least one mosaic; try --tiles 3 --mosaics 200");
        }
        SkimageData.Lfw lfw = SkimageData.lfwSubset(run.data());
        int[] valid = lfw.split(o.shots, run.seed())[1];
        SkimageData.Lfw.Mosaics mosaics = lfw.faceMosaics(valid, o.tiles, o.mosaics, run.seed());
        int[][] which = mosaics.which();
        int side = o.tiles * o.size;
        float[] pixels = lfw.rgbMosaics(which, o.tiles, o.size); // [n, 3, side, side] on [0, 1]
        int photo = 4 * o.size; // the astronaut's face is about a quarter of the photo's side, as a training face is
        float[] astronaut = SkimageData.greyPhoto(run.data(), "astronaut", photo);
        TfjsModel imported = TfjsModel.read(NsfwjsModels.mobileNetV2(run.data().fetch()));
        int epochs = run.epochs(8, 16);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        Map<String, Double> pointing = new LinkedHashMap<>();
        List<BufferedImage> pictures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        RunReport report = run.report("Lesson 1: class activation maps of the imported MobileNetV2 on photos");
        for (String way : List.of(MobileNetTransfer.PRETRAINED, MobileNetTransfer.SCRATCH)) {
            boolean pretrained = way.equals(MobileNetTransfer.PRETRAINED);
            try (NDManager m = NDManager.newBaseManager()) {
                SequentialBlock net = pretrained ? MobileNetV2.pretrained(imported, 2) : MobileNetV2.scratch(imported, 2);
                try (Learner learn = run.learner(VisionLearner.withBodyAndHead(
                                MobileNetData.lfw(m, lfw, o.shots, o.size, run.seed(), run), net))
                        .progress(run.quiet() ? Progress.NONE : Progress.EPOCHS)
                        .callbacks(new Augment(o.size / 16, true)).build()) {
                    if (pretrained) {
                        learn.fineTune(epochs - 1, run.lr(2e-3)); // fastai's defaults, as MobileNetTransfer
                    } else {
                        learn.fitOneCycle(epochs, 1e-2);
                    }
                    accuracy.put(way, learn.recorder().last().metrics().get("accuracy"));
                    NDArray x = MobileNetData.scaled(m.create(pixels, new Shape(which.length, 3, side, side)));
                    float[][] maps = ClassActivationMap.versus(net, x, 0, 1, side); // face over non-face
                    int hits = 0;
                    for (int k = 0; k < which.length; k++) {
                        boolean hit = ClassActivationMap.pointsInside(maps[k], side, mosaics.faceBox(k));
                        hits += hit ? 1 : 0;
                        if (k < 8) {
                            pictures.add(MaskGrid.heat(BoxGrid.picture(pixels, k, 3, side), maps[k], side));
                            captions.add((pretrained ? "imported" : "scratch") + (hit ? ", peak on face" : ", peak off"));
                        }
                    }
                    pointing.put(way, (double) hits / which.length);
                    NDArray a = MobileNetData.scaled(m.create(astronaut, new Shape(1, 1, photo, photo)).repeat(1, 3));
                    pictures.add(MaskGrid.heat(BoxGrid.gray(astronaut, photo),
                            ClassActivationMap.versus(net, a, 0, 1, photo)[0], photo));
                    captions.add((pretrained ? "imported" : "scratch") + ": astronaut, face map");
                }
            }
            System.out.printf(Locale.ROOT, "%-42s accuracy %.3f, pointing game %.3f%n", way, accuracy.get(way),
                    pointing.get(way));
        }
        double chance = 1.0 / (o.tiles * o.tiles);
        List<List<String>> rows = new ArrayList<>();
        accuracy.forEach((way, acc) -> rows.add(List.of(way, RunReport.format(acc), RunReport.format(pointing.get(way)))));
        rows.add(List.of("chance", "0.5", RunReport.format(chance)));
        List<List<BoxGrid.Drawn>> none = pictures.stream().map(p -> List.<BoxGrid.Drawn>of()).toList();
        BoxGrid.save(pictures, none, captions, 9, 160, run.file("heatmaps.png"));
        report.claim("The face map of the imported MobileNetV2, fine-tuned only to say whether a photo is a face, peaks"
                        + " on the face in ≥ 80 % of mosaics of held-out photos (the pointing game; the issue's target).")
                .table(String.format(Locale.ROOT, "%d mosaics of %d × %d held-out LFW photos (one face), %d px a tile;"
                        + " %d training photos, %d epochs:", which.length, o.tiles, o.tiles, o.size, 2 * o.shots,
                        epochs), List.of("way", "accuracy (single photos)", "pointing game"), rows)
                .image("heatmaps.png", "the face map over mosaics (first rows) and the astronaut photo (last cells)")
                .metric("pretrained_pointing", pointing.get(MobileNetTransfer.PRETRAINED))
                .metric("scratch_pointing", pointing.get(MobileNetTransfer.SCRATCH))
                .metric("pretrained_accuracy", accuracy.get(MobileNetTransfer.PRETRAINED))
                .metric("scratch_accuracy", accuracy.get(MobileNetTransfer.SCRATCH))
                .metric("pointing_chance", chance).metric("epochs", epochs).write();
        run.printReport();
        return new Result(accuracy, pointing, chance, run.dir());
    }
}
