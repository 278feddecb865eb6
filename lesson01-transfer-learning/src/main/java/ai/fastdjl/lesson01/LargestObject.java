package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.FashionScenes.Scene;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.ClassAndBoxLoss;
import ai.fastdjl.loss.ClassAndBoxLoss.BoxLoss;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 1, part 3 — the largest object: its class and its box. The course (fast.ai 2018, lesson 8) puts both in
 * one head ("shared goals are always better": what finds the object helps name it, and the other way round) and
 * scores the box with L1 ("L1 loss is generally better than MSE"). Measured on Fashion-MNIST scenes of 1–4 items:
 * one head with L1, one head with MSE, and two separate models (a classifier and a box regressor) with the same
 * budget each; accuracy of the class and mean IoU of the box on the validation scenes.
 */
@Command(name = "LargestObject", mixinStandardHelpOptions = true,
        description = "Lesson 1: the largest object's class and box, one head vs two models, L1 vs MSE.")
public final class LargestObject {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** Accuracy and mean IoU of each way. */
    public record Scores(double accuracy, double meanIou) {}

    public record Result(Map<String, Scores> scores, java.nio.file.Path runDir) {}

    static final String JOINT_L1 = "one head, L1 box loss";
    static final String JOINT_MSE = "one head, MSE box loss";
    static final String SEPARATE = "two models (classifier + L1 box regressor)";

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        LargestObject o = new LargestObject();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        FashionScenes.Split scenes = Scenes.load(run, 15_000, 45_000, 1_000);
        List<Scene> train = scenes.train();
        List<Scene> valid = scenes.valid();
        int nTrain = train.size();
        int nValid = valid.size();
        var cfg = FashionScenes.Config.DEFAULT;
        int epochs = run.epochs(2, 3);
        double lr = run.lr(1e-2);
        int k = FashionMnist.CLASSES.size();
        int px = cfg.size();
        double weight = ClassAndBoxLoss.courseWeight(px);
        RunReport report = run.report("Lesson 1: the largest object's class and box");
        Map<String, Scores> scores = new LinkedHashMap<>();
        float[][] shown;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = FashionScenes.images(m, train);
            NDArray xv = FashionScenes.images(m, valid);
            NDArray y = Scenes.largestTargets(m, train);
            NDArray yv = Scenes.largestTargets(m, valid);
            DataLoaders dls = DataLoaders.fromArrays(x, y, xv, yv, 64, FashionMnist.CLASSES);
            UnaryOperator<NDArray> joint = out -> out.get(":, 0:" + k).concat(ClassAndBoxLoss.boxes(out, k, px), 1);
            float[][] l1 = Scenes.fit(run, report, dls, resnet(k + 4), new ClassAndBoxLoss(k, px, weight, BoxLoss.L1),
                    epochs, lr, joint);
            scores.put(JOINT_L1, new Scores(Scenes.accuracy(l1, k, valid), Scenes.meanIou(l1, k, valid)));
            float[][] mse = Scenes.fit(run, null, dls, resnet(k + 4), new ClassAndBoxLoss(k, px, weight, BoxLoss.MSE),
                    epochs, lr, joint);
            scores.put(JOINT_MSE, new Scores(Scenes.accuracy(mse, k, valid), Scenes.meanIou(mse, k, valid)));
            DataLoaders classes = DataLoaders.fromArrays(x, y.get(":, 0"), xv, yv.get(":, 0"), 64, FashionMnist.CLASSES);
            float[][] cls = Scenes.fit(run, null, classes, resnet(k), new SoftTargetCrossEntropy(), epochs, lr,
                    out -> out);
            float[][] box = Scenes.fit(run, null, dls, resnet(4), new ClassAndBoxLoss(0, px, 0, BoxLoss.L1), epochs,
                    lr, out -> ClassAndBoxLoss.boxes(out, 0, px));
            scores.put(SEPARATE, new Scores(Scenes.accuracy(cls, k, valid), Scenes.meanIou(box, 0, valid)));
            shown = l1;
        }
        List<List<String>> rows = new ArrayList<>();
        scores.forEach((name, s) -> rows.add(List.of(name, RunReport.format(s.accuracy()),
                RunReport.format(s.meanIou()))));
        report.table(String.format(Locale.ROOT, "Validation scenes (%d; %d training scenes, %d epochs per model):",
                nValid, nTrain, epochs), List.of("model", "class accuracy", "mean IoU of the box"), rows);
        Scenes.largest(run.file("largest.png"), valid.subList(0, 24), shown, k);
        report.image("largest.png", "validation scenes: every item's true box (dashed), the one-head L1 model's box"
                + " and class for the largest (solid)");
        report.claim("Class and box in one head beat two separate models, and L1 beats MSE for the box.")
                .put("scores", scores).metric("train_scenes", nTrain).metric("epochs", epochs).write();
        scores.forEach((n, s) -> System.out.printf(Locale.ROOT, "%-45s accuracy %.4f, mean IoU %.4f%n", n,
                s.accuracy(), s.meanIou()));
        run.printReport();
        return new Result(scores, run.dir());
    }

    /** The lesson's ResNet (a stride-2 stem for 64 px scenes) with {@code outputs} units. */
    private static ai.djl.nn.Block resnet(int outputs) {
        return ResNet.halvingStem(1, outputs, 16, 32, 64, 128);
    }
}
