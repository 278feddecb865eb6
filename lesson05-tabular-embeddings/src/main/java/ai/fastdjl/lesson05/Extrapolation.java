package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.ColumnRoles;
import ai.fastdjl.tabular.OneHotLinear;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularMetrics;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.tabular.TabularProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Lesson 5 (the ML course) — "random forests can't extrapolate": a target with a trend, trained on inputs up to
 * {@code x = 10} and validated beyond, from 10 to 15. A tree predicts the mean of a leaf of training rows, so past
 * the last split the forest is flat; a linear model carries the trend on; a ReLU network is linear outside the data
 * too, unless its output is squashed into a range taken from the training targets (the lesson's sigmoid range),
 * which then caps it. Claim measured: on the rows beyond the training range the forest's error is far above the
 * linear model's, and its predictions stay below the training maximum.
 */
@Command(name = "Extrapolation", mixinStandardHelpOptions = true,
        description = "Lesson 5: forest vs linear model vs network on a trend beyond the training range.")
public final class Extrapolation {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Option(names = "--rows", defaultValue = "1000", description = "Training rows (x uniform on 0 … 10; a quarter as many beyond, 10 … 15).")
    int rows;
    @Option(names = "--trees", defaultValue = "100", description = "Trees of the forest (scikit-learn's 100).")
    int trees;

    /** RMSE beyond the training range per model, and the largest prediction each makes there. */
    public record Result(Map<String, Double> rmse, Map<String, Double> maxPrediction, double trainMax, Path runDir) {}

    /** The generated target: slope 3 plus a wiggle, and noise of std 1. */
    static Table rows(int n, double lo, double hi, Random r) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
            y[i] = 3 * x[i] + 2 * Math.sin(x[i]) + r.nextGaussian();
        }
        return Table.create("trend", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Extrapolation o = new Extrapolation();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.rows < 10 || o.trees < 1) {
            throw new UserInputException("--rows " + o.rows + " / --trees " + o.trees
                    + ": pass at least 10 rows and 1 tree");
        }
        Random r = new Random(run.seed());
        Table train = rows(o.rows, 0, 10, r);
        Table valid = rows(o.rows / 4, 10, 15, r);
        Table grid = rows(151, 0, 0, r); // x = 0, 0.1, … 15 for the plot
        for (int i = 0; i < 151; i++) {
            grid.doubleColumn("x").set(i, i / 10.0);
        }
        TabularProcessor proc = TabularProcessor.fit(train, new ColumnRoles("y", List.of(), List.of("x")), false);
        TabularData tr = proc.process(train);
        TabularData va = proc.process(valid);
        TabularData gr = proc.process(grid);
        Map<String, double[][]> preds = new LinkedHashMap<>(); // model → {valid predictions, grid predictions}
        RandomForest rf = RandomForest.builder().trees(o.trees).seed(run.seed()).fit(tr.features(), tr.yDouble());
        preds.put("random forest", new double[][] {rf.predict(va.features()), rf.predict(gr.features())});
        OneHotLinear lin = OneHotLinear.fit(tr, proc.cardinalities());
        preds.put("linear regression", new double[][] {lin.predict(va), lin.predict(gr)});
        double[] range = TabularModel.yRange(tr.y());
        for (boolean ranged : new boolean[] {true, false}) {
            TabularModel.Builder b = TabularModel.builder(proc.cardinalities(), proc.conts().size());
            preds.put(ranged ? "network, output range 0 … 1.2 · max y (the lesson's)"
                    : "network, plain linear output",
                    first(Baselines.fitNetwork(run, ranged ? b.yRange(range[0], range[1]).build() : b.build(), false,
                            Adam.DEFAULTS.get(Hyper.WD), run.batchSize(64), tr, va, gr)));
        }
        Map<String, Double> rmse = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        List<List<String>> table = new ArrayList<>();
        Map<String, double[][]> series = new LinkedHashMap<>();
        double[] gx = grid.doubleColumn("x").asDoubleArray();
        series.put("truth (no noise)", new double[][] {gx, java.util.Arrays.stream(gx).map(x -> 3 * x + 2 * Math.sin(x))
                .toArray()});
        double trainMax = java.util.Arrays.stream(tr.yDouble()).max().orElse(Double.NaN);
        preds.forEach((k, p) -> {
            rmse.put(k, TabularMetrics.rmse(va.yDouble(), p[0]));
            max.put(k, java.util.Arrays.stream(p[0]).max().orElse(Double.NaN));
            table.add(List.of(k, RunReport.format(rmse.get(k)), RunReport.format(max.get(k))));
            series.put(k, new double[][] {gx, p[1]});
            System.out.printf(Locale.ROOT, "%s: RMSE beyond the training range %.3f, largest prediction %.2f%n", k,
                    rmse.get(k), max.get(k));
        });
        var chart = Plots.lines("Trained on x ≤ 10, predicting up to 15", "x", "y", series, false);
        Plots.save(run.file("extrapolation.png"), chart);
        RunReport report = run.report("Lesson 5: extrapolation beyond the training range");
        report.table(String.format(Locale.ROOT, "Rows with 10 < x ≤ 15 (the training targets reach %.2f):", trainMax),
                List.of("model", "RMSE", "largest prediction"), table)
                .image("extrapolation.png", "predictions from x = 0 to 15; training rows stop at 10")
                .claim("Random forests can't extrapolate: beyond the training range the forest stays below the"
                        + " training maximum and its error is far above a linear model's.")
                .put("rmse", rmse).put("max_prediction", max).metric("train_max", trainMax).write();
        run.printReport();
        return new Result(rmse, max, trainMax, run.dir());
    }

    /** The one output of each prediction set: {@code {valid rows, grid}}. */
    private static double[][] first(double[][][] p) {
        return new double[][] {java.util.Arrays.stream(p[0]).mapToDouble(r -> r[0]).toArray(),
                java.util.Arrays.stream(p[1]).mapToDouble(r -> r[0]).toArray()};
    }
}
