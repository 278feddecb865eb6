package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.Stats;
import ai.fastdjl.semi.BiasAdjustment;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1 — knowledge distillation measured in the three settings where Hinton, Vinyals &amp; Dean (2015) saw it
 * work, with their student (two hidden layers of 800 ReLUs) and the lesson's ResNet as the teacher, trained on all
 * 60,000 images: (1) the student on the whole training set, hard labels vs soft targets at T = 1, 2, 4, 8, 20; (2)
 * the student on 3 % of the images, where soft targets should keep it from overfitting; (3) a transfer set without
 * one class: the soft targets alone teach it, and raising its bias ({@link BiasAdjustment}) shows how much.
 */
@Command(name = "DistillationPaper", mixinStandardHelpOptions = true,
        description = "Lesson 1: distillation in Hinton et al.'s three settings (temperatures, 3 % of the data, a"
                + " class left out).")
public final class DistillationPaper {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--alpha", defaultValue = "0.9", description = "Weight of the soft term; the hard labels get 1 -"
            + " alpha (default ${DEFAULT-VALUE}: the paper puts \"a considerably lower weight\" on the hard term).")
    double alpha;
    @Option(names = "--temperature", defaultValue = "8", description = "T of settings 2 and 3 (default ${DEFAULT-VALUE}).")
    double temperature;
    @Option(names = "--few", defaultValue = "0.03", description = "Share of the images in setting 2 (default ${DEFAULT-VALUE}).")
    double few;
    @Option(names = "--omit", defaultValue = "3", description = "Class left out of setting 3's transfer set (default"
            + " ${DEFAULT-VALUE}, dress: the paper left out the digit 3).")
    int omit;
    @Option(names = "--seeds", description = "Seeds per student (default 1; 3 with --full).")
    Integer seeds;
    @Option(names = "--teacher-images", description = "Images the teacher trains on (default all 60,000).")
    Integer teacherImages;
    @Option(names = "--teacher-augment", description = "Train the teacher on shifted and mirrored images (the paper's"
            + " MNIST teacher saw jittered images), so it is less sure of the images it labels for the students.")
    boolean teacherAugment;
    @Option(names = "--consistent", description = "Function matching (Beyer et al. 2022): every student trains on"
            + " shifted and mirrored images, and the teacher labels each augmented batch as the student sees it.")
    boolean consistent;

    @Option(names = "--temperatures", split = ",", defaultValue = "1,2,4,8,20", description = "Setting 1's"
            + " temperatures, after hard labels (default ${DEFAULT-VALUE}: the paper's range).")
    double[] temperatures;

    /** Test accuracy per student of settings 1 and 2, and the left-out class's recall per student of setting 3. */
    public record Result(double teacherAccuracy, Map<String, Stats> temperatures, Map<String, Stats> few,
            Map<String, Stats> omittedRecall, Map<String, Stats> omittedAccuracy, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        DistillationPaper o = new DistillationPaper();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.omit < 0 || o.omit >= FashionMnist.CLASSES.size() || o.few <= 0 || o.few >= 1) {
            throw new UserInputException("--omit " + o.omit + " --few " + o.few + ": give a class 0-9 and a share"
                    + " between 0 and 1, e.g. --omit 3 --few 0.03");
        }
        if (o.temperature <= 0 || Arrays.stream(o.temperatures).anyMatch(t -> t <= 0)) {
            throw new UserInputException("--temperature " + o.temperature + " --temperatures "
                    + Arrays.toString(o.temperatures) + ": softmax temperatures must be above 0, e.g. --temperature 8");
        }
        run.quickLimit(20_000); // setting 1's training images; the teacher always trains on all 60,000
        int seeds = o.seeds != null ? o.seeds : run.full() ? 3 : 1;
        int epochs = run.epochs(4, 10);
        try (NDManager m = NDManager.newBaseManager();
                Distiller d = new Distiller(run, m, FashionMnist.test(run.options()), o.alpha, o.consistent)) {
            FashionMnist.Split all = FashionMnist.load(run.data(), true);
            FashionMnist.Split whole = all.subset(run.limit(), run.seed());
            FashionMnist.Split small = all.subset((int) Math.round(o.few * all.n()), run.seed() + 1);
            FashionMnist.Split transfer = whole.without(o.omit);
            double teacherAcc = d.teacher(all.subset(o.teacherImages, run.seed()), run.epochs(4, 10), o.teacherAugment,
                    whole, small, transfer);
            Map<String, Stats> byT = new LinkedHashMap<>();
            for (double t : DoubleStream.concat(DoubleStream.of(0), DoubleStream.of(o.temperatures)).toArray()) {
                byT.put(Distiller.name(t), d.accuracy(whole, t, seeds, epochs));
            }
            // the same number of steps as setting 1 (a small set is seen more often), which hard labels overfit
            int fewEpochs = (int) Math.round(epochs * (double) whole.n() / small.n());
            Map<String, Stats> few = new LinkedHashMap<>();
            for (double t : new double[] {0, o.temperature}) {
                few.put(Distiller.name(t), d.accuracy(small, t, seeds, fewEpochs));
            }
            Map<String, Stats> recall = new LinkedHashMap<>();
            Map<String, Stats> accuracy = new LinkedHashMap<>();
            // the prior of the class left out: Fashion-MNIST has as many images of every class
            double prior = 1.0 / FashionMnist.CLASSES.size();
            for (double t : new double[] {0, o.temperature}) {
                double[][] r = d.omitted(transfer, whole, o.omit, prior, t, seeds, epochs);
                String name = Distiller.name(t);
                recall.put(name, Stats.of(r[0]));
                accuracy.put(name, Stats.of(r[1]));
                recall.put(name + ", bias adjusted", Stats.of(r[2]));
                accuracy.put(name + ", bias adjusted", Stats.of(r[3]));
            }
            RunReport report = run.report("Lesson 1: distillation in Hinton et al.'s three settings");
            String setup = String.format(Locale.ROOT, "teacher: ResNet 8-16-32-64 on %,d images%s, test accuracy %.4f;"
                    + " student: MLP 784-800-800-10, α = %.2f (weight of T²·KL), %d seed(s)", o.teacherImages != null
                    ? Math.min(o.teacherImages, all.n()) : all.n(), o.teacherAugment ? " (augmented)" : "", teacherAcc, o.alpha,
                    seeds) + (o.consistent ? "; consistent: every student on shifted and mirrored images, the teacher"
                    + " labelling each batch" : "");
            report.claim("Soft targets from a teacher beat hard labels: by ≥ 0.5 points on the whole training set, ≥ 3"
                    + " points on 3 % of it, and they teach a class left out of the transfer set (recall ≥ 50 % after"
                    + " raising its bias).")
                    .table("(1) " + whole.n() + " training images, " + epochs + " epochs; " + setup + ":",
                            List.of("student", "test accuracy", "per seed"), Distiller.rows(byT))
                    .table(String.format(Locale.ROOT, "(2) %d training images (%.0f %%), %d epochs:", small.n(),
                            100 * o.few, fewEpochs), List.of("student", "test accuracy", "per seed"), Distiller.rows(few))
                    .table(String.format(Locale.ROOT, "(3) transfer set: the %d images without class %d (%s); bias chosen"
                            + " so that %.0f %% of the %d unlabelled images are predicted %s:", transfer.n(), o.omit,
                            FashionMnist.CLASSES.get(o.omit), 100 * prior, whole.n(), FashionMnist.CLASSES.get(o.omit)),
                            List.of("student", "recall of the class left out", "test accuracy"),
                            Distiller.rows(recall, accuracy))
                    .metric("teacher_accuracy", teacherAcc).put("temperatures", byT).put("few", few)
                    .put("omitted_recall", recall).put("omitted_accuracy", accuracy).metric("epochs", epochs).write();
            run.printReport();
            return new Result(teacherAcc, byT, few, recall, accuracy, run.dir());
        }
    }
}
