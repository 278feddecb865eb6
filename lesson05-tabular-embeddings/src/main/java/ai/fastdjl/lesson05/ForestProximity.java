package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.forest.PermutationImportance;
import ai.fastdjl.forest.PermutationImportance.Importance;
import ai.fastdjl.forest.Proximity;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.interpret.Neighbours;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.ElasticNet;
import ai.fastdjl.tabular.OneHotLinear;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 5 (the ML course) — random-forest proximity: the training rows that share the most leaves with a row,
 * counted over the trees that had both out of bag. Shown for one validation row (its most similar training rows),
 * then measured over every validation row: predicting a row by the mean target of its k most proximate training
 * rows, against its k nearest rows by Euclidean distance on the standardised one-hot inputs. Claim: the rows the
 * forest calls similar are similar in what matters for the target, more than the rows nearest on the raw inputs.
 */
@Command(name = "ForestProximity", mixinStandardHelpOptions = true,
        description = "Lesson 5: random-forest proximity, most similar rows, proximity vs Euclidean neighbours.")
public final class ForestProximity {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Option(names = "--trees", defaultValue = "100", description = "Trees in the forest (scikit-learn's 100).")
    int trees;
    @Option(names = "--query", defaultValue = "0", description = "The validation row (0 = first) whose most similar"
            + " training rows are listed.")
    int query;
    @Option(names = "--neighbours", split = ",", description = "Neighbour counts k compared (default 1,2,5,10,20,50).")
    int[] ks = {1, 2, 5, 10, 20, 50};

    /**
     * Validation scores of the forest, of the proximity-weighted mean target, and per k (of {@code --neighbours}) of
     * the mean target of the k most proximate and of the k nearest (Euclidean) training rows.
     */
    public record Result(double forest, double weighted, double[] proximity, double[] euclidean,
            Neighbours.Neighbour[] similar, java.nio.file.Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        ForestProximity o = new ForestProximity();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (Arrays.stream(o.ks).anyMatch(k -> k < 1)) {
            throw new UserInputException("--neighbours " + Arrays.toString(o.ks) + ": each k must be 1 or more");
        }
        TabularTask task = TabularTask.load(o.data, run.options()).requireNumericTarget("ForestProximity");
        TabularProcessor proc = task.processor();
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        if (o.query < 0 || o.query >= va.rows()) {
            throw new UserInputException("--query " + o.query + " is not a validation row; pass 0 … " + (va.rows() - 1));
        }
        double[] y = tr.yDouble();
        double[][] ft = tr.features();
        double[][] fv = va.features();
        RandomForest rf = RandomForest.builder().trees(o.trees).seed(run.seed()).fit(ft, y);
        double forest = task.score(va.yDouble(), rf.predict(fv));
        Proximity prox = Proximity.of(rf, ft);
        double[][] design = OneHotLinear.design(tr, proc.cardinalities());
        ElasticNet scale = ElasticNet.of(design, y); // only its standardisation: each column to unit variance
        double[][] xt = scale.standardise(design);
        double[][] xv = scale.standardise(OneHotLinear.design(va, proc.cardinalities()));
        int kMax = Arrays.stream(o.ks).max().orElse(1);
        double[][] byProximity = new double[o.ks.length][va.rows()];
        double[][] byDistance = new double[o.ks.length][va.rows()];
        double[] weighted = new double[va.rows()];
        int[] sharing = new int[va.rows()];
        Neighbours.Neighbour[] similar = null;
        for (int i = 0; i < va.rows(); i++) {
            double[] p = prox.ofNewRow(fv[i]);
            Neighbours.Neighbour[] near = Proximity.nearest(p, kMax, -1);
            weighted[i] = Proximity.weightedMean(p, y);
            sharing[i] = (int) Arrays.stream(p).filter(v -> v > 0).count();
            Neighbours.Neighbour[] close = Neighbours.euclidean(xt, xv[i], kMax);
            for (int c = 0; c < o.ks.length; c++) {
                byProximity[c][i] = Neighbours.meanTarget(y, near, o.ks[c]);
                byDistance[c][i] = Neighbours.meanTarget(y, close, o.ks[c]);
            }
            similar = i == o.query ? Arrays.copyOf(near, Math.min(5, near.length)) : similar;
        }
        double all = task.score(va.yDouble(), weighted);
        int medianSharing = Arrays.stream(sharing).sorted().toArray()[va.rows() / 2];
        double[] proximity = Arrays.stream(byProximity).mapToDouble(p -> task.score(va.yDouble(), p)).toArray();
        double[] euclidean = Arrays.stream(byDistance).mapToDouble(p -> task.score(va.yDouble(), p)).toArray();
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < o.ks.length; c++) {
            rows.add(List.of(String.valueOf(o.ks[c]), RunReport.format(proximity[c]), RunReport.format(euclidean[c])));
        }
        String m = task.metric();
        RunReport report = run.report("Lesson 5: random-forest proximity on " + task.name());
        // the inputs that matter most for the target (permutation importance, one shuffle), then the target
        List<String> cols = new ArrayList<>(PermutationImportance.of(rf, fv, va.yDouble(), task::score,
                PermutationImportance.columns(tr.featureNames()), 1, run.seed()).stream().map(Importance::feature)
                .filter(c -> task.valid().containsColumn(c)).limit(8).toList()); // not FillMissing's x_na flags
        cols.add(proc.roles().target());
        List<List<String>> nearRows = new ArrayList<>(List.of(TabularTask.cells("query", task.valid().row(o.query), cols)));
        Arrays.stream(similar).forEach(n -> nearRows.add(TabularTask.cells(RunReport.format(n.value()), task.train().row(n.row()),
                cols)));
        report.table("Validation row " + o.query + " and its most similar training rows, on the 8 most important inputs"
                + " (proximity: the share of the trees that left each out of bag where the two share a leaf):",
                TabularTask.cells("proximity", null, cols), nearRows);
        double[] kx = Arrays.stream(o.ks).asDoubleStream().toArray();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("k most proximate rows", new double[][] {kx, proximity});
        curves.put("k nearest rows (Euclidean)", new double[][] {kx, euclidean});
        curves.put("the forest itself", new double[][] {{kx[0], kx[kx.length - 1]}, {forest, forest}});
        Plots.save(run.file("proximity_neighbours.png"), Plots.lines("Predicting a row by its neighbours' mean target ("
                + task.name() + ")", "neighbours k", "validation " + m, curves, true));
        report.image("proximity_neighbours.png", "validation " + m + " of the mean target of k neighbours");
        rows.add(List.of("all, weighted by proximity", RunReport.format(all), ""));
        report.table(String.format(Locale.ROOT, "Mean target of the k nearest training rows, validation %s (the"
                + " %d-tree forest: %.4f; a validation row shares a leaf with %d training rows, median):", m, o.trees,
                forest, medianSharing), List.of("k", "by proximity", "by Euclidean distance"), rows);
        report.claim("Rows a random forest puts in the same leaves are similar in what matters for the target:"
                        + " their targets predict a row better than those of its nearest rows on the inputs.")
                .metric("forest_" + m, forest).metric("weighted_" + m, all).metric("median_sharing", medianSharing)
                .put("k", o.ks).put("proximity_" + m, proximity).put("euclidean_" + m, euclidean)
                .put("notes", task.notes()).write();
        System.out.printf(Locale.ROOT, "%s: forest %s %.4f, proximity-weighted %.4f; k %s neighbours by proximity %s,"
                + " by distance %s%n", task.name(), m, forest, all, Arrays.toString(o.ks), Arrays.toString(proximity),
                Arrays.toString(euclidean));
        run.printReport();
        return new Result(forest, all, proximity, euclidean, similar, run.dir());
    }
}
