package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.Oversampler;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.WeightedCrossEntropy;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.Stats;
import ai.fastdjl.vision.VisionLearner;
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
 * Lesson 1, part 4 — a rare class. The course (2018 lesson 2): "unbalanced data is not a big problem … just make
 * copies of the rare class". One Fashion-MNIST class is thinned to 1 % of its training images; the same ResNet is
 * trained on that set as it is, on the set with the rare class copied until it is as frequent as the others
 * ({@link Oversampler#balanced}), and with a class-weighted loss instead ({@link WeightedCrossEntropy}, inverse
 * frequency). Measured on the balanced test set, over 3 seeds: recall of the rare class and overall accuracy.
 */
@Command(name = "RareClass", mixinStandardHelpOptions = true,
        description = "Lesson 1: a class thinned to 1 %: plain training vs oversampling vs a class-weighted loss.")
public final class RareClass {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--rare", description = "The class to thin, 0-9 (default ${DEFAULT-VALUE}: pullover, which"
            + " looks like coat and shirt, so a model has reason to neglect it).")
    int rare = 2;
    @Option(names = "--share", description = "The share of the rare class's images kept (default ${DEFAULT-VALUE}).")
    double share = 0.01;
    @Option(names = "--seeds", description = "Seeds to average (default ${DEFAULT-VALUE}).")
    int seeds = 3;

    static final List<String> METHODS = List.of("plain", "oversampled", "class-weighted loss");

    /** Per method: the rare class's recall and the overall accuracy over the seeds. */
    public record Result(Map<String, Stats> rareRecall, Map<String, Stats> accuracy, int rareTrainImages, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        RareClass o = new RareClass();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.rare < 0 || o.rare >= FashionMnist.CLASSES.size() || o.share <= 0 || o.share > 1 || o.seeds < 1) {
            throw new UserInputException("--rare must be a class 0-9, --share in (0, 1] and --seeds at least 1");
        }
        run.quickLimit(20_000); // about 2,000 images a class, so 1 % leaves about 20 of the rare one
        FashionMnist.Split all = FashionMnist.train(run.options());
        FashionMnist.Split test = FashionMnist.test(run.options());
        int epochs = run.epochs(3, 6);
        double[][] recall = new double[METHODS.size()][o.seeds];
        double[][] accuracy = new double[METHODS.size()][o.seeds];
        int rareCount = 0;
        int nTrain = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xTest = test.images(m);
            int[] yTest = test.labelArray();
            for (int s = 0; s < o.seeds; s++) {
                int seed = run.seed() + s;
                FashionMnist.Split train = all.thin(o.rare, o.share, seed);
                int[] y = train.labelArray();
                rareCount = (int) java.util.Arrays.stream(y).filter(c -> c == o.rare).count();
                nTrain = train.n();
                int classes = FashionMnist.CLASSES.size();
                for (int k = 0; k < METHODS.size(); k++) {
                    FashionMnist.Split set = k == 1 ? train.pick(Oversampler.balanced(y, classes)) : train;
                    try (NDManager sm = m.newSubManager()) {
                        var dls = FashionMnist.loaders(sm, set, test, run.options().batchSize(128),
                                FashionMnist.CLASSES);
                        LearnerBuilder b = run.learner(VisionLearner.resnet(dls, 8, 16, 32, 64)).seed(seed);
                        if (k == 2) {
                            b.loss(new WeightedCrossEntropy(Oversampler.inverseFrequency(y, classes)));
                        }
                        try (Learner learn = b.build()) {
                            learn.fitOneCycle(epochs, run.lr(1e-2));
                            int[] pred = learn.getPreds(dls.valid(), sm).output().argMax(1)
                                    .toType(DataType.INT32, false).toIntArray();
                            recall[k][s] = recall(pred, yTest, o.rare);
                            accuracy[k][s] = accuracy(pred, yTest);
                        }
                    }
                    System.out.printf(Locale.ROOT, "seed %d, %s: rare-class recall %.4f, accuracy %.4f%n", seed,
                            METHODS.get(k), recall[k][s], accuracy[k][s]);
                }
            }
            xTest.close();
        }
        Map<String, Stats> r = new LinkedHashMap<>();
        Map<String, Stats> a = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < METHODS.size(); k++) {
            r.put(METHODS.get(k), Stats.of(recall[k]));
            a.put(METHODS.get(k), Stats.of(accuracy[k]));
            rows.add(List.of(METHODS.get(k), r.get(METHODS.get(k)).percent(), a.get(METHODS.get(k)).percent()));
        }
        String rareName = FashionMnist.CLASSES.get(o.rare);
        RunReport report = run.report("Lesson 1: a rare class");
        report.table(String.format(Locale.ROOT, "%s thinned to %d training images (%.0f %%), %d training images in all,"
                        + " %d epochs; test set: %d images, mean ± std over %d seeds:", rareName, rareCount,
                        100 * o.share, nTrain, epochs, test.n(), o.seeds),
                List.of("training", "recall of " + rareName, "accuracy, all classes"), rows);
        report.claim("Unbalanced data is not a big problem: copying the rare class (or weighting its loss) gives it"
                        + " back much of its recall without hurting the other classes.")
                .put("rare_recall", r).put("accuracy", a).metric("rare_train_images", rareCount)
                .metric("epochs", epochs).write();
        run.printReport();
        return new Result(r, a, rareCount, run.dir());
    }

    static double recall(int[] pred, int[] truth, int cls) {
        int found = 0;
        int total = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == cls) {
                total++;
                found += pred[i] == cls ? 1 : 0;
            }
        }
        return total == 0 ? Double.NaN : (double) found / total;
    }

    static double accuracy(int[] pred, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += pred[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }
}
