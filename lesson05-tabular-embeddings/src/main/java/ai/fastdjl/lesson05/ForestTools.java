package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.forest.PartialDependence;
import ai.fastdjl.forest.PermutationImportance;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.forest.TrainValidClassifier;
import ai.fastdjl.forest.TreeVariance;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularMetrics;
import ai.fastdjl.tabular.TabularProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 5, part 2 — the ML course's tools for looking inside a random forest.
 *
 * <p>Permutation importance (which inputs the forest relies on), a classifier that tries to tell training rows
 * from validation rows (inputs that drift with time, or leak the split), the spread of the trees' predictions as a
 * per-row confidence, and a partial dependence plot (one input's effect with the others held fixed). Claim
 * measured: rows on which the trees disagree most are predicted worst (error rises with the spread), and on
 * txhousing the train/valid classifier points at {@code year}, the input that separates the periods.
 */
@Command(name = "ForestTools", mixinStandardHelpOptions = true,
        description = "Lesson 5: permutation importance, train/valid classifier, tree spread, partial dependence.")
public final class ForestTools {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Option(names = "--trees", defaultValue = "200", description = "Trees in the forest.")
    int trees;
    @Option(names = "--pdp", description = "Input for the partial dependence plot (default: the most important).")
    String pdp;

    /** What a test asserts on. Scores are RMSPE for a log target, else RMSE; {@code binScores} low to high spread. */
    public record Result(double validScore, double oobScore, List<PermutationImportance.Importance> importance,
            TrainValidClassifier.Result trainValid, double[] binScores, String pdpFeature,
            PartialDependence.Comparison pdpVsUnivariate, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ForestTools o = new ForestTools();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        TabularTask task = TabularTask.load(o.data, run.options()).requireNumericTarget("ForestTools");
        TabularProcessor proc = task.processor();
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        List<String> names = tr.featureNames();
        if (o.pdp != null && !names.contains(o.pdp)) {
            throw new UserInputException("--pdp '" + o.pdp + "' is not an input; inputs are " + String.join(", ", names));
        }
        String metric = task.logTarget() ? "RMSPE" : "RMSE";
        ToDoubleBiFunction<double[], double[]> score = task.logTarget() ? TabularMetrics::expRmspe : TabularMetrics::rmse;
        double[][] xt = tr.features();
        double[][] xv = va.features();
        double[] yv = va.yDouble();
        RandomForest rf = RandomForest.builder().trees(o.trees).seed(run.seed()).fit(xt, tr.yDouble());
        double valid = score.applyAsDouble(yv, rf.predict(xv));
        double oob = oobScore(rf.oobPredictions(), tr.yDouble(), score);
        RunReport report = run.report("Lesson 5: the ML course's forest tools on " + task.name());

        // 1. which inputs matter: shuffle each on the validation rows
        var importance = PermutationImportance.of(rf, xv, yv, score, PermutationImportance.columns(names), 3, run.seed());
        report.table("Permutation importance (" + metric + " increase when the input is shuffled, validation rows):",
                List.of("input", "importance"), importance.stream()
                        .map(i -> List.of(i.feature(), RunReport.format(i.score()))).toList());

        // 2. can a forest tell validation rows from training rows, and with which inputs?
        var tv = TrainValidClassifier.of(xt, xv, names, Math.min(o.trees, 100), run.seed());
        report.text(String.format(java.util.Locale.ROOT, "Train/valid classifier: held-out AUC %.3f (0.5: the"
                + " periods look alike), accuracy %.3f (always-majority %.3f).", tv.auc(), tv.accuracy(), tv.baseRate()));
        report.table("Inputs that tell validation rows from training rows (AUC lost when shuffled):",
                List.of("input", "AUC lost"), tv.importance().stream().limit(10)
                        .map(i -> List.of(i.feature(), RunReport.format(i.score()))).toList());

        // 3. the trees' spread as a confidence: five equal bins of validation rows, least spread first
        TreeVariance.Confidence conf = TreeVariance.of(rf, xv);
        int[] bin = TreeVariance.bins(conf.std(), 5);
        double[] binScores = new double[5];
        List<List<String>> rows = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            int bb = b;
            int[] idx = java.util.stream.IntStream.range(0, bin.length).filter(i -> bin[i] == bb).toArray();
            binScores[b] = score.applyAsDouble(pick(yv, idx), pick(conf.mean(), idx));
            rows.add(List.of(String.valueOf(b + 1), RunReport.format(Arrays.stream(pick(conf.std(), idx)).average()
                    .orElse(Double.NaN)), RunReport.format(binScores[b]), String.valueOf(idx.length)));
        }
        report.table("Spread of the trees' predictions vs error (validation rows in five bins by spread):",
                List.of("bin", "mean tree std", metric, "rows"), rows);

        // 4. partial dependence of the chosen (or most important) input
        String feature = o.pdp != null ? o.pdp : importance.get(0).feature();
        int j = names.indexOf(feature);
        boolean isCat = j < proc.cats().size();
        double[] grid = isCat ? java.util.stream.IntStream.range(1, proc.categorify().cardinality(feature))
                .asDoubleStream().toArray() : PartialDependence.grid(xv, j, 30);
        var curve = PartialDependence.of(rf, xv, j, feature, grid, 30, run.seed());
        double[] uni = PartialDependence.univariate(xv, yv, j, grid); // the course: "something else going on"?
        PartialDependence.plot(curve, uni, isCat ? proc.categorify().vocab(feature) : null,
                v -> isCat ? v : proc.raw(feature, v),
                (task.logTarget() ? "log " : "") + task.roles().target(), run.file("pdp_" + feature + ".png"));
        var views = PartialDependence.compare(curve, uni);
        report.image("pdp_" + feature + ".png", "partial dependence on " + feature).text(String.format(
                java.util.Locale.ROOT, "Mean target by %s vs partial dependence: r = %.2f across the grid; ranges"
                + " %.3f and %.3f.", feature, views.r(), views.univariateRange(), views.partialRange()));

        report.claim("Rows on which a random forest's trees disagree are the ones it predicts worst; a forest that"
                        + " tells training from validation rows points at the inputs that drift with time.")
                .metric("valid_" + metric, valid).metric("oob_" + metric, oob).metric("train_valid_auc", tv.auc())
                .metric("top_input", importance.get(0).feature()).metric("top_drift_input", tv.importance().get(0)
                        .feature()).metric("trees", o.trees).put("notes", task.notes())
                .write();
        System.out.printf(java.util.Locale.ROOT, "%s: valid %s %.4f (OOB %.4f); top input %s; train/valid AUC %.3f"
                + " (top: %s); %s by spread bin %s%n", task.name(), metric, valid, oob,
                importance.get(0).feature(), tv.auc(), TrainValidClassifier.top(tv, 3), metric,
                Arrays.toString(Arrays.stream(binScores).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        run.printReport();
        return new Result(valid, oob, importance, tv, binScores, feature, views, run.dir());
    }

    private static double oobScore(double[] oob, double[] y, ToDoubleBiFunction<double[], double[]> score) {
        int[] seen = java.util.stream.IntStream.range(0, oob.length).filter(i -> !Double.isNaN(oob[i])).toArray();
        return score.applyAsDouble(pick(y, seen), pick(oob, seen));
    }

    private static double[] pick(double[] v, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> v[i]).toArray();
    }
}
