package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.KFold;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.FoldEnsemble;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularMetrics;
import ai.fastdjl.tabular.TabularProcessor;
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
 * Lesson 5 (the ML course) — k-fold cross-validation: "you can use all of the data … five models that you could
 * ensemble". The training rows are cut into k folds; each fold's model is trained on the others and scored on it,
 * and the k models' mean is scored on the held-out validation period. Claims measured: the cross-validated error
 * is an estimate of the held-out error (how far off, when the held-out rows are a later period, is the course's
 * warning), and the k fold models averaged do at least as well as one model trained on all training rows. R² is
 * reported beside RMSE/RMSPE; the training mean as a predictor shows an R² below 0 on a period whose mean moved.
 */
@Command(name = "CrossValidation", mixinStandardHelpOptions = true,
        description = "Lesson 5: k-fold cross-validation of the forest and the network; the fold models as an ensemble.")
public final class CrossValidation {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Mixin
    NetworkOptions net = new NetworkOptions();
    @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default 5, the course's).")
    int folds;
    @Option(names = "--trees", defaultValue = "100", description = "Trees per forest (scikit-learn's 100).")
    int trees;
    @Option(names = "--no-network", description = "Cross-validate the forest only.")
    boolean noNetwork;

    public record Result(String metric, Map<String, FoldEnsemble.Row> rows, double meanR2, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        CrossValidation o = new CrossValidation();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.folds < 2) { // checked before any data is read
            KFold.split(Integer.MAX_VALUE, o.folds, 0);
        }
        TabularTask task = TabularTask.load(o.data, run.options()).requireNumericTarget("CrossValidation");
        // fitted on all training rows, as fastai's procs are: a fold's validation rows share the normalisation
        // statistics with its training rows (a small leak that the held-out period does not have)
        TabularProcessor proc = task.processor();
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        List<KFold.Fold> split = KFold.split(tr.rows(), o.folds, run.seed());
        Map<String, FoldEnsemble.Row> rows = new LinkedHashMap<>();
        rows.put("random forest, " + o.trees + " trees", FoldEnsemble.of(tr, va, split, (a, b, c) -> {
            RandomForest rf = Baselines.forest(proc, RandomForest.builder().trees(o.trees).seed(run.seed()),
                    a.features(), a);
            return new double[][][] {Baselines.predict(rf, b.features()), Baselines.predict(rf, c.features())};
        }, task::score));
        if (!o.noNetwork) {
            rows.put(TabularEmbeddings.NETWORK, FoldEnsemble.of(tr, va, split,
                    (a, b, c) -> Baselines.fitNetwork(run, o.net.build(proc, a, task.logTarget()), task.logTarget(),
                            o.net.wd, run.batchSize(task.batchSize()), a, b, c), task::score));
        }
        double[] mean = new double[va.rows()];
        java.util.Arrays.fill(mean, java.util.Arrays.stream(tr.yDouble()).average().orElse(0));
        double meanR2 = TabularMetrics.r2(va.yDouble(), mean);
        RunReport report = run.report("Lesson 5: " + o.folds + "-fold cross-validation on " + task.name());
        List<List<String>> table = new ArrayList<>();
        rows.forEach((k, r) -> table.add(List.of(k, r.cv().toString(), r.foldsHeldOut().toString(),
                RunReport.format(r.ensemble()), RunReport.format(r.single()), RunReport.format(r.ensembleR2()))));
        table.add(List.of("training mean", "", "", "", RunReport.format(task.score(va.yDouble(), mean)),
                RunReport.format(meanR2)));
        String m = task.metric();
        report.table(task.metric() + " by " + o.folds + "-fold cross-validation (training rows) and on the held-out"
                        + " validation rows; R² of the fold ensemble on the held-out rows" + (task.logTarget()
                        ? " (of log " + task.roles().target() + ")" : "") + ":",
                List.of("model", "CV " + m + " (folds)", "held-out " + m + " (fold models)", "held-out " + m
                        + " (fold ensemble)", "held-out " + m + " (one model, all rows)", "R² (ensemble)"), table);
        rows.forEach((k, r) -> System.out.printf(Locale.ROOT, "%s: CV %s %s, held-out: fold models %s, ensemble"
                + " %.4f, one model %.4f, R² %.3f%n", k, m, r.cv(), r.foldsHeldOut(), r.ensemble(), r.single(),
                r.ensembleR2()));
        System.out.printf(Locale.ROOT, "training mean: R² %.3f on the held-out rows%n", meanR2);
        report.claim("The cross-validated error estimates the held-out error, and the k fold models averaged do at"
                        + " least as well as one model trained on all training rows.")
                .put("rows", rows).metric("folds", o.folds).metric("training_mean_r2", meanR2)
                .put("notes", task.notes()).write();
        run.printReport();
        return new Result(m, rows, meanR2, run.dir());
    }
}
