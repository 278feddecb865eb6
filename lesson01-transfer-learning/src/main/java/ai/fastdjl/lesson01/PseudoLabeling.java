package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.callback.ValidateAtEnd;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.Stats;
import ai.fastdjl.semi.PseudoLabels;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 2 — pseudo-labelling (2017 Part 1: "pretend the predictions on unlabelled data are correct, train
 * again, repeat"). 1,000 labelled training images (100 per class); the other 59,000 are treated as unlabelled.
 * Each round predicts the unlabelled images, keeps the confident predictions as labels and trains a fresh model on
 * batches that mix them in at a fixed share. Claim: at least +2 points of test accuracy over the labelled-only model.
 */
@Command(name = "PseudoLabeling", mixinStandardHelpOptions = true,
        description = "Lesson 1: pseudo-labelling 59,000 unlabelled Fashion-MNIST images.")
public final class PseudoLabeling {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--per-class", defaultValue = "100", description = "Labelled images per class (default ${DEFAULT-VALUE}).")
    int perClass;
    @Option(names = "--threshold", defaultValue = "0.9", description = "Keep predictions at least this probable.")
    double threshold;
    @Option(names = "--pseudo-share", defaultValue = "0.33", description = "Pseudo-labelled share of a batch (course: 1/4-1/3).")
    double share;
    @Option(names = "--rounds", description = "Pseudo-labelling rounds (default 2; 3 with --full).")
    Integer rounds;
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds to average (default ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--round-batches", description = "Training batches per round (default 300; 1,000 with --full).")
    Integer roundBatches;
    @Option(names = "--augment", negatable = true, description = "Random shifts and mirror images while training, every"
            + " model alike (default: on with --full; Xie et al. 2020: a noised student learns more from its teacher).")
    Boolean augment;
    /** accuracy.get(r) = test accuracy after round r over the seeds (round 0: labelled only). */
    public record Result(List<Stats> accuracy, double gainPoints, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        PseudoLabeling o = new PseudoLabeling();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        int rounds = o.rounds != null ? o.rounds : (run.full() ? 3 : 2);
        o.roundBatches = o.roundBatches != null ? o.roundBatches : (run.full() ? 1000 : 300);
        o.augment = o.augment != null ? o.augment : run.full();
        Cli.check(!(o.threshold > 0 && o.threshold <= 1) || !(o.share >= 0 && o.share < 1) || o.roundBatches < 1
                || rounds < 1 || o.seeds < 1 || o.perClass < 1, "--threshold must be in (0, 1], --pseudo-share in"
                + " [0, 1), --round-batches, --rounds, --seeds and --per-class at least 1");
        int bs = run.batchSize(128);
        var train = FashionMnist.train(run.options());
        var test = FashionMnist.test(run.options());
        double[][] acc = new double[rounds + 1][o.seeds];
        int[][] kept = new int[rounds + 1][o.seeds];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xTest = test.images(m), yTest = test.labels(m);
            for (int s = 0; s < o.seeds; s++) {
                try (NDManager sm = m.newSubManager()) { // frees the seed's arrays, 59,000 unlabelled images among them
                    seedRun(o, run, train.perClassAndRest(o.perClass, run.seed() + s), xTest, yTest, run.seed() + s,
                            acc, kept, s, rounds, bs, sm);
                }
            }
        }
        var byRound = new LinkedHashMap<String, Stats>();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            byRound.put(r == 0 ? "labelled only" : "round " + r, Stats.of(acc[r]));
            rows.add(List.of(r == 0 ? "labelled only" : "round " + r, Stats.of(acc[r]).percent(),
                    r == 0 ? "-" : String.valueOf(Arrays.stream(kept[r]).sum() / o.seeds)));
        }
        double gain = 100 * (Stats.of(acc[rounds]).mean() - Stats.of(acc[0]).mean());
        run.report("Lesson 1: pseudo-labelling")
                .claim("Training on confident pseudo-labels of unlabelled images gains at least 2 points of test accuracy"
                        + " over a model trained on the " + 10 * o.perClass + " labelled images alone.")
                .metric("gain_points", gain)
                .table(String.format(Locale.ROOT, "Test accuracy, mean ± std over %d seeds (threshold %.2f, pseudo share"
                        + " %.2f, %d batches per round, augmentation %s):", o.seeds, o.threshold, o.share, o.roundBatches,
                        o.augment ? "on" : "off"),
                        List.of("model", "test accuracy", "pseudo-labels kept"), rows)
                .comparison("Test accuracy per round", "accuracy", byRound)
                .put("accuracy", acc)
                .write();
        run.printReport();
        return new Result(new ArrayList<>(byRound.values()), gain, run.dir());
    }

    /** One seed: the labelled-only model, then {@code rounds} of pseudo-labelling; fills {@code acc}/{@code kept}. */
    private static void seedRun(PseudoLabeling o, LessonRun run, FashionMnist.Split[] parts, NDArray xTest,
            NDArray yTest, int seed, double[][] acc, int[][] kept, int s, int rounds, int bs, NDManager m) {
        NDArray xLab = parts[0].images(m), yLab = parts[0].labels(m), xUnl = parts[1].images(m);
        DataLoaders dls = DataLoaders.fromArrays(xLab, yLab, xTest, yTest, Math.min(bs, 64), FashionMnist.CLASSES);
        float[][] probs; // the current model's class probabilities for every unlabelled image
        try (Learner learn = learner(run, dls, seed, o.augment)) { // round 0: the labelled images alone, many short epochs
            learn.fitOneCycle(run.epochs(20, 30), 1e-2);
            acc[0][s] = learn.recorder().last().metrics().get("accuracy");
            probs = PseudoLabels.probabilities(learn, xUnl, bs, m);
        }
        for (int r = 1; r <= rounds; r++) {
            PseudoLabels.Selection sel = PseudoLabels.confident(probs, o.threshold);
            kept[r][s] = sel.size();
            try (NDManager rm = m.newSubManager()) {
                NDList xy = PseudoLabels.trainingSet(xLab, yLab, xUnl, sel, o.share, o.roundBatches * bs,
                        new Random(seed * 31L + r), rm);
                dls = DataLoaders.fromArrays(xy.get(0), xy.get(1), xTest, yTest, bs, FashionMnist.CLASSES);
                try (Learner learn = learner(run, dls, seed + 1000 * r, o.augment)) {
                    learn.fitOneCycle(1, 1e-2);
                    acc[r][s] = learn.recorder().last().metrics().get("accuracy");
                    probs = PseudoLabels.probabilities(learn, xUnl, bs, m);
                }
            }
            System.out.printf(Locale.ROOT, "seed %d round %d: %d pseudo-labels, accuracy %.4f (labelled only %.4f)%n", seed,
                    r, sel.size(), acc[r][s], acc[0][s]);
        }
    }

    private static Learner learner(LessonRun run, DataLoaders dls, int seed, boolean augment) {
        return run.learner(VisionLearner.resnet(dls, 8, 16, 32, 64)).seed(seed).progress(Progress.NONE)
                .callbacks(new ValidateAtEnd()).callbacks(Augment.smallImagesIf(augment)).build();
    }
}
