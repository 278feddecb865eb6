package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.DistillationLoss;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.report.Stats;
import ai.fastdjl.vision.Augment;
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
 * Lesson 1, part 2 — knowledge distillation (Hinton et al. 2015): a small student learns from a large teacher's
 * softened predictions, {@code α·T²·KL(teacher/T ‖ student/T) + (1-α)·CE(student, labels)}. The same student is
 * trained on hard labels and distilled at T ∈ {1, 4, 8}, several seeds each. Claim: distillation at T &gt; 1 beats
 * training the student on hard labels.
 */
@Command(name = "Distillation", mixinStandardHelpOptions = true,
        description = "Lesson 1: a 5k-parameter student distilled from a ResNet teacher at several temperatures.")
public final class Distillation {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--alpha", defaultValue = "0.5", description = "Weight of the teacher's soft targets (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per student (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--teacher-epochs", description = "Teacher training epochs (default 4; 10 with --full).")
    Integer teacherEpochs;

    @Option(names = "--teacher-augment", description = "Train the teacher on randomly shifted and mirrored images, so it"
            + " is less sure of the training images it then labels for the students.")
    boolean teacherAugment;

    private static final int[] TEACHER = {8, 16, 32, 64};
    private static final int[] STUDENT = {4, 8, 16};
    private static final double[] TEMPERATURES = {1, 4, 8};

    public record Result(double teacherAccuracy, long teacherParams, long studentParams, Map<String, Stats> students,
            Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Distillation o = new Distillation();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        run.quickLimit(10_000); // --limit sizes the students' training set; the teacher trains on all 60,000 images
        try (NDManager m = NDManager.newBaseManager()) {
            FashionMnist.Split all = FashionMnist.load(run.data(), true);
            DataLoaders full = FashionMnist.loaders(m, all, FashionMnist.test(run.options()), run.batchSize(128),
                    FashionMnist.CLASSES);
            FashionMnist.Split sub = all.subset(run.limit(), run.seed()); // FashionMnist.train's draw, read once
            NDArray x = sub.images(m);
            NDArray y = sub.labels(m);
            NDArray teacherLogits;
            double teacherAcc;
            long teacherParams;
            try (Learner teacher = run.learner(VisionLearner.resnet(full, TEACHER))
                    .callbacks(Augment.smallImagesIf(o.teacherAugment)).build()) {
                teacher.fitOneCycle(o.teacherEpochs != null ? o.teacherEpochs : (run.full() ? 10 : 4), 1e-2);
                teacherAcc = teacher.recorder().last().metrics().get("accuracy");
                teacherParams = teacher.parameterCount();
                teacherLogits = teacher.getPreds(DataLoaders.arrays(x, y, 256, false, false), m).output();
            }
            Map<String, Stats> results = new LinkedHashMap<>();
            List<List<String>> rows = new ArrayList<>();
            long studentParams = 0;
            List<Double> settings = new ArrayList<>(List.of(0.0)); // 0 = hard labels only
            for (double t : TEMPERATURES) {
                settings.add(t);
            }
            for (double t : settings) {
                String name = t == 0 ? "hard labels" : String.format(Locale.ROOT, "distilled, T=%.0f", t);
                double[] acc = new double[o.seeds];
                for (int s = 0; s < o.seeds; s++) {
                    // the training set carries the teacher's logits as a second label array
                    ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y, teacherLogits)
                            .setSampling(run.batchSize(128), true, true).build();
                    DataLoaders dls = new DataLoaders(train, full.valid(), run.batchSize(128), true, FashionMnist.CLASSES);
                    try (Learner student = run.learner(VisionLearner.resnet(dls, STUDENT))
                            .loss(t == 0 ? new SoftTargetCrossEntropy() : new DistillationLoss(t, o.alpha))
                            .seed(run.seed() + s).progress(Progress.NONE).build()) {
                        student.fitOneCycle(run.epochs(3, 10), 1e-2);
                        acc[s] = student.recorder().last().metrics().get("accuracy");
                        studentParams = student.parameterCount();
                    }
                }
                results.put(name, Stats.of(acc));
                rows.add(List.of(name, results.get(name).percent(), java.util.Arrays.toString(acc)));
                System.out.printf("%-18s %s%n", name, results.get(name).percent());
            }
            run.report("Lesson 1: knowledge distillation")
                    .claim("A small student distilled from a teacher's softened predictions (T > 1) beats the same student"
                            + " trained on hard labels.")
                    .metric("teacher_accuracy", teacherAcc)
                    .metric("teacher_parameters", teacherParams)
                    .metric("student_parameters", studentParams)
                    .metric("student_train_images", sub.n())
                    .table(String.format(Locale.ROOT, "Student test accuracy, mean ± std over %d seeds (α = %.2f):",
                            o.seeds, o.alpha), List.of("student", "test accuracy", "per seed"), rows)
                    .comparison("Student test accuracy", "accuracy", results)
                    .put("students", results)
                    .write();
            run.printReport();
            return new Result(teacherAcc, teacherParams, studentParams, results, run.dir());
        }
    }
}
