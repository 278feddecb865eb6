package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.datasets.SkimageData;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.Stats;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.MobileNetV2;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1 — why start from ImageNet weights: the same MobileNetV2, once with the ImageNet-derived weights imported
 * from nsfwjs (TensorFlow.js) and fine-tuned as fastai's {@code fine_tune} does (body frozen, new head, then
 * discriminative learning rates), once from random weights with one-cycle, on a small real labelled set:
 * scikit-image's LFW subset (faces vs. background patches, 25×25 grey), {@code --shots} images per class to train,
 * the other images to validate. Same head, data, augmentation, epochs and seeds. Claim: the imported body beats the
 * same architecture from scratch.
 */
@Command(name = "MobileNetTransfer", mixinStandardHelpOptions = true,
        description = "Lesson 1: imported MobileNetV2 fine-tuned vs the same architecture from scratch.")
public final class MobileNetTransfer {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--shots", defaultValue = "20", description = "Labelled images per class (default ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per way (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--size", defaultValue = "96", description = "Image side the 25×25 images are resized to"
            + " (default ${DEFAULT-VALUE}; the model was trained at 224).")
    int size;

    public static final String PRETRAINED = "imported ImageNet body, fine_tune";
    public static final String SCRATCH = "same architecture from scratch, one-cycle";

    /** Validation accuracy of each way over the seeds, and the seconds each took. */
    public record Result(Map<String, Stats> ways, Map<String, Double> seconds, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        MobileNetTransfer o = new MobileNetTransfer();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        SkimageData.Lfw lfw = SkimageData.lfwSubset(run.data());
        TfjsModel model = TfjsModel.read(NsfwjsModels.mobileNetV2(run.data().fetch()));
        int epochs = run.epochs(8, 16);
        // fastai's defaults: fine_tune's base_lr 2e-3; fit_one_cycle at 1e-2 for a new model (as TransferLearning)
        double baseLr = run.lr(2e-3);
        Map<String, Stats> results = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (String way : List.of(PRETRAINED, SCRATCH)) {
            double[] acc = new double[o.seeds];
            long t0 = System.nanoTime();
            for (int s = 0; s < o.seeds; s++) {
                int seed = run.seed() + s;
                try (NDManager m = NDManager.newBaseManager()) {
                    DataLoaders dls = loaders(m, lfw, o.shots, o.size, seed, run);
                    Block net = way.equals(PRETRAINED) ? MobileNetV2.pretrained(model, 2) : MobileNetV2.scratch(model, 2);
                    try (Learner learn = run.learner(VisionLearner.withBodyAndHead(dls, net)).seed(seed)
                            .progress(run.quiet() ? Progress.NONE : Progress.EPOCHS)
                            .callbacks(new Augment(o.size / 16, true)).build()) {
                        if (way.equals(PRETRAINED)) {
                            learn.fineTune(epochs - 1, baseLr); // + 1 frozen epoch = epochs
                        } else {
                            learn.fitOneCycle(epochs, 1e-2);
                        }
                        acc[s] = learn.recorder().last().metrics().get("accuracy");
                    }
                }
                System.out.printf("%-42s seed %d: %.3f%n", way, seed, acc[s]);
            }
            seconds.put(way, (System.nanoTime() - t0) / 1e9);
            results.put(way, Stats.of(acc));
            rows.add(List.of(way, results.get(way).percent(), Arrays.toString(acc),
                    String.format("%.0f", seconds.get(way))));
        }
        double gain = results.get(PRETRAINED).mean() - results.get(SCRATCH).mean();
        run.report("Lesson 1: an imported ImageNet MobileNetV2 vs the same network from scratch")
                .claim("Fine-tuning MobileNetV2's imported ImageNet body beats training the same architecture from"
                        + " scratch on " + 2 * o.shots + " labelled LFW images.")
                .metric("pretrained_accuracy", results.get(PRETRAINED).mean())
                .metric("scratch_accuracy", results.get(SCRATCH).mean())
                .metric("pretrained_minus_scratch_points", 100 * gain)
                .metric("train_images", 2 * o.shots)
                .metric("valid_images", lfw.n() - 2 * o.shots)
                .metric("image_size", o.size)
                .metric("epochs", epochs)
                .table("Validation accuracy, mean ± std over " + o.seeds + " seeds:",
                        List.of("way", "accuracy", "per seed", "seconds"), rows)
                .comparison("Validation accuracy", "accuracy", results)
                .put("ways", results)
                .write();
        run.printReport();
        return new Result(results, seconds, run.dir());
    }

    /** {@code shots} images per class to train, the rest to validate; the split depends on the seed. */
    static DataLoaders loaders(NDManager m, SkimageData.Lfw lfw, int shots, int size, int seed, LessonRun run) {
        int[][] split = lfw.split(shots, seed);
        int[] valid = run.validLimit() != null ? Arrays.copyOf(split[1], Math.min(run.validLimit(), split[1].length))
                : split[1];
        return DataLoaders.fromArrays(images(m, lfw, split[0], size), m.create(lfw.labels(split[0])),
                images(m, lfw, valid, size), m.create(lfw.labels(valid)), Math.min(run.batchSize(32), split[0].length),
                SkimageData.LFW_CLASSES);
    }

    static NDArray images(NDManager m, SkimageData.Lfw lfw, int[] which, int size) {
        // MobileNetV2.MEAN/STD are 0.5 for every channel: 2x - 1, Keras's preprocessing
        return m.create(lfw.rgb(which, size), new Shape(which.length, 3, size, size))
                .sub(MobileNetV2.MEAN[0]).div(MobileNetV2.STD[0]);
    }
}
