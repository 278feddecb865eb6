package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.interpret.Interpretation;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 1 — look at what the model gets wrong: the confusion matrix, the most confused pairs, the images with the
 * highest loss, and per class the most uncertain and the most confidently correct predictions (the 2017 notes: "look
 * at the most correct, the most incorrect and the most uncertain"). Claim: the errors concentrate in a few similar
 * classes (on Fashion-MNIST: shirts, T-shirts, pullovers and coats), and the top losses include mislabelled images.
 */
@Command(name = "Interpret", mixinStandardHelpOptions = true,
        description = "Lesson 1: train a ResNet, then confusion matrix, top losses, most confused, most uncertain.")
public final class Interpret {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** The most confused pairs and the share of errors they hold. */
    public record Result(double accuracy, List<Interpretation.Confusion> mostConfused, double topPairsShareOfErrors,
            Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Interpret o = new Interpret();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = FashionMnist.loaders(m, run.options(), 128);
            try (Learner learn = run.learner(VisionLearner.resnet(dls, 8, 16, 32, 64)).build()) {
                learn.fitOneCycle(run.epochs(4, 8), run.lr(1e-2));

                Interpretation interp = Interpretation.of(learn);
                interp.plotConfusionMatrix(run.file("confusion.png"));
                interp.plotTopLosses(15, run.file("top_losses.png"));
                List<Interpretation.Sample> uncertain = new ArrayList<>();
                List<Interpretation.Sample> confident = new ArrayList<>();
                interp.mostUncertain(1).forEach(uncertain::addAll);
                interp.mostConfidentCorrect(1).forEach(confident::addAll);
                interp.plotSamples(uncertain, run.file("most_uncertain.png"));
                interp.plotSamples(confident, run.file("most_confident.png"));

                List<Interpretation.Confusion> confused = interp.mostConfused(5);
                int[][] cm = interp.confusionMatrix();
                int errors = 0;
                for (int i = 0; i < cm.length; i++) {
                    errors += java.util.Arrays.stream(cm[i]).sum() - cm[i][i];
                }
                int top = confused.stream().limit(5).mapToInt(Interpretation.Confusion::count).sum();
                double share = errors == 0 ? 0 : (double) top / errors;
                List<List<String>> rows = confused.stream().limit(10)
                        .map(x -> List.of(x.actual(), x.predicted(), String.valueOf(x.count()))).toList();
                run.report("Lesson 1: interpreting a classifier's mistakes")
                        .claim("A classifier's errors concentrate in a few pairs of similar classes; its top losses show"
                                + " what is hard, and some are labelling mistakes.")
                        .metric("accuracy", interp.accuracy())
                        .metric("errors", errors)
                        .metric("share_of_errors_in_top5_pairs", share)
                        .table("Most confused (actual → predicted, count):", List.of("actual", "predicted", "count"), rows)
                        .image("confusion.png", "confusion matrix")
                        .image("top_losses.png", "top losses: predicted / actual, loss / probability")
                        .image("most_uncertain.png", "per predicted class, the least certain prediction")
                        .image("most_confident.png", "per class, the most confident correct prediction")
                        .add(learn.recorder())
                        .write();
                System.out.printf(Locale.ROOT, "accuracy %.4f; the 5 most confused pairs hold %.0f %% of %d errors%n",
                        interp.accuracy(), 100 * share, errors);
                run.printReport();
                return new Result(interp.accuracy(), confused, share, run.dir());
            }
        }
    }
}
