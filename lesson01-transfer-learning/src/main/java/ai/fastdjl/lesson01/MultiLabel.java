package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.FashionScenes.Scene;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.metric.MultiLabelF1;
import ai.fastdjl.metric.MultiLabelF1.Choice;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 3 — more than one label per image. Scenes of 1–4 Fashion-MNIST items ({@link FashionScenes}); the
 * task is to name every class present. The course: "don't use softmax, obviously": softmax makes the classes compete
 * for one unit of probability, so it cannot say "yes" to several at once, while a sigmoid per class with binary
 * cross-entropy answers each class on its own. Both are trained (the same ResNet, the same budget; softmax against
 * the multi-hot target spread evenly over the present classes), and each predicts by its best rule chosen on half of
 * the validation scenes (a threshold for either, or softmax's k best) and is scored on the other half by F1 over
 * samples. Claim measured: sigmoid + BCE reaches F1 ≥ 0.95 and beats softmax.
 */
@Command(name = "MultiLabel", mixinStandardHelpOptions = true,
        description = "Lesson 1: multi-label classification of Fashion-MNIST scenes, sigmoid + BCE vs softmax.")
public final class MultiLabel {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--widths", split = ",", description = "The ResNet's stem and stage channels (default 16,32,64,128).")
    int[] widths = {16, 32, 64, 128};

    /** F1 over samples of each model's best rule on the evaluation half, and the rules chosen. */
    public record Result(double sigmoidF1, double softmaxThresholdF1, double softmaxTopKF1, Choice sigmoid,
            Choice softmaxThreshold, Choice softmaxTopK, java.nio.file.Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        MultiLabel o = new MultiLabel();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        FashionScenes.Split scenes = Scenes.load(run, 30_000, 60_000, 2_000);
        List<Scene> train = scenes.train();
        List<Scene> valid = scenes.valid();
        int nTrain = train.size();
        int nValid = valid.size();
        var cfg = FashionScenes.Config.DEFAULT;
        boolean[][] truth = valid.stream().map(MultiLabel::present).toArray(boolean[][]::new);
        int half = nValid / 2; // rules are chosen on the first half and scored on the second
        int epochs = run.epochs(3, 4);
        double lr = run.lr(1e-2);
        RunReport report = run.report("Lesson 1: multi-label classification, sigmoid vs softmax");
        float[][] sig;
        float[][] soft;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = FashionScenes.images(m, train);
            NDArray xv = FashionScenes.images(m, valid);
            NDArray y = FashionScenes.multiHot(m, train);
            NDArray yv = FashionScenes.multiHot(m, valid);
            sig = Scenes.fit(run, report, DataLoaders.fromArrays(x, y, xv, yv, 64, FashionMnist.CLASSES),
                    ResNet.halvingStem(1, 10, o.widths),
                    Loss.sigmoidBinaryCrossEntropyLoss(), epochs, lr, ai.djl.nn.Activation::sigmoid);
            // softmax's target: the present classes sharing one unit of probability (fastai's soft labels)
            soft = Scenes.fit(run, null, DataLoaders.fromArrays(x, y.div(y.sum(new int[] {1}, true)), xv,
                    yv.div(yv.sum(new int[] {1}, true)), 64, FashionMnist.CLASSES), ResNet.halvingStem(1, 10,
                    o.widths), new SoftTargetCrossEntropy(), epochs, lr, out -> out.softmax(1));
        }
        double[] grid = MultiLabelF1.grid(19);
        Choice cs = MultiLabelF1.bestThreshold(rows(sig, 0, half), rows(truth, 0, half), grid);
        Choice ct = MultiLabelF1.bestThreshold(rows(soft, 0, half), rows(truth, 0, half), grid);
        Choice ck = MultiLabelF1.bestK(rows(soft, 0, half), rows(truth, 0, half), cfg.maxItems());
        double fs = MultiLabelF1.threshold(rows(sig, half, nValid), rows(truth, half, nValid), cs.threshold());
        double ft = MultiLabelF1.threshold(rows(soft, half, nValid), rows(truth, half, nValid), ct.threshold());
        double fk = MultiLabelF1.topK(rows(soft, half, nValid), rows(truth, half, nValid), ck.k());
        report.table(String.format(Locale.ROOT, "F1 over samples: rule chosen on %d validation scenes, scored on the"
                        + " other %d (%d training scenes, %d epochs each):", half, nValid - half, nTrain, epochs),
                List.of("model", "rule (chosen)", "F1, choosing half", "F1, scoring half"), List.of(
                        row("sigmoid + binary cross-entropy", "score ≥ " + cs.threshold(), cs.f1(), fs),
                        row("softmax + cross-entropy", "probability ≥ " + ct.threshold(), ct.f1(), ft),
                        row("softmax + cross-entropy", "the " + ck.k() + " most probable", ck.f1(), fk)));
        double[][] pc = MultiLabelF1.perClass(rows(sig, half, nValid), rows(truth, half, nValid), cs.threshold());
        List<List<String>> byClass = new ArrayList<>();
        for (int c = 0; c < pc.length; c++) {
            byClass.add(List.of(FashionMnist.CLASSES.get(c), RunReport.format(pc[c][0]), RunReport.format(pc[c][1]),
                    RunReport.format(pc[c][2])));
        }
        report.table("The sigmoid model by class (scoring half): where the errors are", List.of("class", "precision",
                "recall", "F1"), byClass);
        Scenes.labels(run.file("predictions.png"), valid.subList(half, Math.min(nValid, half + 24)),
                rows(sig, half, Math.min(nValid, half + 24)), cs.threshold());
        report.image("predictions.png", "validation scenes: the sigmoid model's classes (✓ right, ✗ wrong, missed)");
        report.claim("Multi-label classification wants a sigmoid per class with binary cross-entropy, not softmax:"
                        + " F1 over samples ≥ 0.95 and ahead of softmax.")
                .metric("f1_sigmoid", fs).metric("f1_softmax_threshold", ft).metric("f1_softmax_topk", fk)
                .metric("threshold_sigmoid", cs.threshold()).put("sigmoid_by_class", pc).metric("train_scenes", nTrain).metric("epochs", epochs)
                .write();
        System.out.printf(Locale.ROOT, "F1 over samples: sigmoid %.4f (≥ %.2f), softmax %.4f (≥ %.2f), softmax"
                + " top-%d %.4f%n", fs, cs.threshold(), ft, ct.threshold(), ck.k(), fk);
        run.printReport();
        return new Result(fs, ft, fk, cs, ct, ck, run.dir());
    }

    static boolean[] present(Scene s) {
        boolean[] b = new boolean[FashionMnist.CLASSES.size()];
        s.labels().forEach(c -> b[c] = true);
        return b;
    }

    private static <T> T[] rows(T[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static List<String> row(String model, String rule, double tune, double score) {
        return new ArrayList<>(List.of(model, rule, RunReport.format(tune), RunReport.format(score)));
    }
}
