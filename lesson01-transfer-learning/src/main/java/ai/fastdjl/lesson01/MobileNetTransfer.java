package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.fastdjl.callback.ValidateAtEnd;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.datasets.SkimageData;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.learner.Callback;
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
 * the other images to validate; or, with {@code --fashion}, {@link TransferLearning}'s few-shot target task (50
 * Fashion-MNIST images of each of five classes), where that main's Fashion-MNIST-pretrained ResNet is the other
 * comparison. Same head, data, augmentation, epochs and seeds. Claim: the imported body beats the same architecture
 * from scratch.
 */
@Command(name = "MobileNetTransfer", mixinStandardHelpOptions = true,
        description = "Lesson 1: imported MobileNetV2 fine-tuned vs the same architecture from scratch.")
public final class MobileNetTransfer {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--shots", description = "Labelled images per class (default 20; 50 with --fashion).")
    Integer shots;

    @Option(names = "--fashion", description = "TransferLearning's target task instead of LFW: Fashion-MNIST's sandal,"
            + " shirt, sneaker, bag and ankle boot, validated on their test images; 10 epochs (30 with --full),"
            + " scored after the last.")
    boolean fashion;

    @Option(names = "--body", defaultValue = "whole", description = "whole: the body up to its last features (default);"
            + " imagenet: cut after block_10, the last layer with Keras's ImageNet weights (nsfwjs retrained those above).")
    String body;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per way (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--size", defaultValue = "96", description = "Image side the 25×25 images are resized to"
            + " (default ${DEFAULT-VALUE}; the model was trained at 224).")
    int size;

    /** {@link TransferLearning}'s default target classes: sandal, shirt, sneaker, bag, ankle boot. */
    static final int[] TARGET = {5, 6, 7, 8, 9};

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
        if (!List.of("whole", "imagenet").contains(o.body)) {
            throw new UserInputException("--body " + o.body + ": use whole or imagenet");
        }
        String cut = o.body.equals("whole") ? MobileNetV2.FEATURES : MobileNetV2.LAST_IMAGENET_LAYER;
        SkimageData.Lfw lfw = o.fashion ? null : SkimageData.lfwSubset(run.data());
        int shots = o.shots != null ? o.shots : o.fashion ? 50 : 20;
        int classes = o.fashion ? TARGET.length : 2;
        TfjsModel model = TfjsModel.read(NsfwjsModels.mobileNetV2(run.data().fetch()));
        // TransferLearning trains its 250 target images 30 epochs; 10 keeps the default run near 5 minutes
        int epochs = o.fashion ? run.epochs(10, 30) : run.epochs(8, 16);
        // fastai's defaults: fine_tune's base_lr 2e-3, fit_one_cycle 1e-2 for a new model; on the Fashion-MNIST task
        // (8 batches an epoch) 2e-3 left the head behind (55.1 % vs 78.8 % from scratch): TransferLearning's 2 · 1e-2
        double baseLr = run.lr(o.fashion ? 2e-2 : 2e-3);
        Map<String, Stats> results = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (String way : List.of(PRETRAINED, SCRATCH)) {
            double[] acc = new double[o.seeds];
            long t0 = System.nanoTime();
            for (int s = 0; s < o.seeds; s++) {
                int seed = run.seed() + s;
                try (NDManager m = NDManager.newBaseManager()) {
                    DataLoaders dls = o.fashion ? MobileNetData.fashion(m, run, TARGET, shots, o.size, seed)
                            : MobileNetData.lfw(m, lfw, shots, o.size, seed, run);
                    Block net = way.equals(PRETRAINED) ? MobileNetV2.pretrained(model, classes, cut)
                            : MobileNetV2.scratch(model, classes, cut);
                    try (Learner learn = run.learner(VisionLearner.withBodyAndHead(dls, net)).seed(seed)
                            .progress(run.quiet() ? Progress.NONE : Progress.EPOCHS)
                            .callbacks(new Augment(o.size / 16, true))
                            // 5,000 test images at 96 px cost more than an epoch on 250: scored after the last epoch
                            .callbacks(o.fashion ? new Callback[] {new ValidateAtEnd()} : new Callback[0]).build()) {
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
                        + " scratch on " + classes * shots + " labelled " + (o.fashion ? "Fashion-MNIST" : "LFW")
                        + " images.")
                .metric("pretrained_accuracy", results.get(PRETRAINED).mean())
                .metric("scratch_accuracy", results.get(SCRATCH).mean())
                .metric("pretrained_minus_scratch_points", 100 * gain).metric("train_images", classes * shots)
                .put("data", o.fashion ? "Fashion-MNIST " + FashionMnist.classes(TARGET) : "LFW").put("body_cut", cut)
                .metric("image_size", o.size).metric("epochs", epochs)
                .table("Validation accuracy, mean ± std over " + o.seeds + " seeds:",
                        List.of("way", "accuracy", "per seed", "seconds"), rows)
                .comparison("Validation accuracy", "accuracy", results).put("ways", results).write();
        run.printReport();
        return new Result(results, seconds, run.dir());
    }
}
