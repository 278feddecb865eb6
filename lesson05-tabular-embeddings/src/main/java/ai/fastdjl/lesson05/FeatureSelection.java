package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.forest.PermutationImportance;
import ai.fastdjl.forest.PermutationImportance.Importance;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.forest.TrainValidClassifier;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.TabularData;
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
 * Lesson 5 (the ML course) — "only a few variables matter", and a model that generalises over time. The forest's
 * permutation importance as a chart, the forest re-fitted on its top k inputs only, and the train-vs-valid
 * classifier put to use: each input that tells the periods apart most is dropped in turn (and together with the
 * others whose removal did not hurt), the forest re-fitted, and the validation score compared. Claims measured: a
 * few inputs give most of the score, and dropping time-dependent inputs that do not matter for the target does
 * not hurt, or helps, on a later period. The drops are judged on the validation rows themselves, so the gain they
 * show is an optimistic one.
 */
@Command(name = "FeatureSelection", mixinStandardHelpOptions = true,
        description = "Lesson 5: importance chart, re-fit on the top k inputs, drop drifting inputs.")
public final class FeatureSelection {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Option(names = "--trees", defaultValue = "100", description = "Trees per forest (scikit-learn's 100).")
    int trees;
    @Option(names = "--top", split = ",", description = "Sizes k of the top-k re-fits (default 1,2,3,5,10,20).")
    int[] top = {1, 2, 3, 5, 10, 20};
    @Option(names = "--drift", defaultValue = "3", description = "How many of the most drifting inputs to try dropping.")
    int drift;

    /** Validation scores: all inputs, per top-k, per dropped drifting input, and with the helpful drops together. */
    public record Result(double all, Map<Integer, Double> topK, Map<String, Double> dropped, List<String> kept,
            double afterDrops, List<Importance> importance, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        FeatureSelection o = new FeatureSelection();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        for (int k : o.top) {
            if (k < 1) {
                throw new UserInputException("--top " + k + " is not a number of inputs; pass sizes of 1 or more");
            }
        }
        TabularTask task = TabularTask.load(o.data, run.options()).requireNumericTarget("FeatureSelection");
        TabularProcessor proc = task.processor();
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        List<String> names = tr.featureNames();
        RandomForest rf = RandomForest.builder().trees(o.trees).seed(run.seed()).fit(tr.features(), tr.yDouble());
        double all = task.score(va.yDouble(), rf.predict(va.features()));
        List<Importance> importance = PermutationImportance.of(rf, va.features(), va.yDouble(), task::score,
                PermutationImportance.columns(names), 3, run.seed());
        RunReport report = run.report("Lesson 5: which inputs matter on " + task.name());
        Map<String, double[]> bars = new LinkedHashMap<>();
        importance.stream().limit(20).forEach(i -> bars.put(i.feature(), new double[] {i.score(), 0}));
        Plots.bars(run.file("importance.png"), "Permutation importance (" + task.metric() + " increase)",
                task.metric() + " increase", bars);
        report.image("importance.png", "the 20 most important inputs (validation rows, 3 shuffles each)");

        Map<Integer, Double> topK = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (int k : o.top) {
            if (k < names.size()) {
                List<String> keep = importance.stream().limit(k).map(Importance::feature).toList();
                topK.put(k, score(o, run, task, tr, va, names, keep));
                rows.add(List.of(String.valueOf(k), String.join(", ", keep.subList(0, Math.min(5, k)))
                        + (k > 5 ? ", …" : ""), RunReport.format(topK.get(k))));
            }
        }
        rows.add(List.of(String.valueOf(names.size()) + " (all)", "", RunReport.format(all)));
        report.table("Forest re-fitted on its top k inputs only (validation " + task.metric() + "):",
                List.of("k", "inputs", task.metric()), rows);

        TrainValidClassifier.Result tv = TrainValidClassifier.of(tr.features(), va.features(), names,
                Math.min(o.trees, 100), run.seed());
        Map<String, Double> dropped = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>(names);
        List<List<String>> drops = new ArrayList<>();
        for (Importance d : tv.importance().subList(0, Math.min(o.drift, tv.importance().size()))) {
            List<String> without = new ArrayList<>(names);
            without.remove(d.feature());
            dropped.put(d.feature(), score(o, run, task, tr, va, names, without));
            if (dropped.get(d.feature()) <= all) {
                kept.remove(d.feature());
            }
            double target = importance.stream().filter(i -> i.feature().equals(d.feature())).findFirst()
                    .map(Importance::score).orElse(Double.NaN);
            drops.add(List.of(d.feature(), RunReport.format(d.score()), RunReport.format(target),
                    RunReport.format(dropped.get(d.feature()))));
        }
        double afterDrops = kept.size() == names.size() ? all : score(o, run, task, tr, va, names, kept);
        drops.add(List.of("the drops that did not hurt, together", "", "", RunReport.format(afterDrops)));
        report.text(String.format(Locale.ROOT, "Train/valid classifier: AUC %.3f. Validation %s with every input:"
                + " %.4f.", tv.auc(), task.metric(), all));
        report.table("Dropping the inputs that tell the periods apart most:", List.of("input dropped",
                "AUC lost when shuffled (drift)", task.metric() + " increase when shuffled (importance)",
                "validation " + task.metric() + " without it"), drops);
        report.claim("A few inputs give most of the forest's score, and inputs that drift with time but matter"
                        + " little for the target can be dropped without loss, or with a gain, on a later period.")
                .metric("all_inputs", all).put("top_k", topK).put("dropped", dropped).put("kept", kept)
                .metric("after_drops", afterDrops).put("notes", task.notes()).write();
        System.out.printf(Locale.ROOT, "%s: %s all inputs %.4f; top-k %s; without drifting inputs %s; together"
                + " %.4f%n", task.name(), task.metric(), all, topK, dropped, afterDrops);
        run.printReport();
        return new Result(all, topK, dropped, kept, afterDrops, importance, run.dir());
    }

    /** Validation score of a forest fitted on the columns {@code keep} only. */
    private static double score(FeatureSelection o, LessonRun run, TabularTask task, TabularData tr, TabularData va,
            List<String> names, List<String> keep) {
        int[] cols = keep.stream().mapToInt(names::indexOf).toArray();
        RandomForest rf = RandomForest.builder().trees(o.trees).seed(run.seed()).fit(Baselines.columns(tr.features(), cols),
                tr.yDouble());
        return task.score(va.yDouble(), rf.predict(Baselines.columns(va.features(), cols)));
    }

}
