package ai.fastdjl.lesson05;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.tabular.ElasticNet;
import ai.fastdjl.tabular.OneHotLinear;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 5 (the ML course) — L1 vs L2 regularisation of a linear model: the lasso's soft threshold sets
 * coefficients exactly to zero as its penalty grows (a model that selects its inputs), ridge shrinks them all and
 * shares weight between correlated inputs. Both fitted along a path of penalties on the one-hot design of the
 * linear baseline, plotted, and scored on the validation rows. Claims measured: at its best penalty the lasso zeroes
 * some coefficients at no loss against ridge, and the two most correlated inputs keep similar ridge coefficients
 * while the lasso drops one of them first. The best penalty is chosen on the validation rows, so those scores are
 * optimistic (cross-validation, as glmnet's cv.glmnet does, would choose it on the training rows).
 */
@Command(name = "RegularizationPaths", mixinStandardHelpOptions = true,
        description = "Lesson 5: lasso and ridge coefficient paths, zeroed coefficients, a correlated pair.")
public final class RegularizationPaths {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Option(names = "--points", defaultValue = "50", description = "Penalties on each path (glmnet's nlambda 50 … 100).")
    int points;

    /** A penalty's best fit on the validation rows. */
    public record Best(int index, double lambda, double score, int nonZero) {}

    /** Lasso and ridge at their best penalties, least squares, the correlated pair and its coefficients. */
    public record Result(Best lasso, Best ridge, double leastSquares, int width, String pairA, String pairB,
            double pairR, double[] ridgePair, double[] lassoPair, java.nio.file.Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        RegularizationPaths o = new RegularizationPaths();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        if (o.points < 2) {
            throw new ai.fastdjl.cli.UserInputException("--points " + o.points + " is too few for a path; pass 2 or more");
        }
        TabularTask task = TabularTask.load(o.data, run.options()).requireNumericTarget("RegularizationPaths");
        TabularProcessor proc = task.processor();
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        double[][] x = OneHotLinear.design(tr, proc.cardinalities());
        double[][] xv = OneHotLinear.design(va, proc.cardinalities());
        List<String> names = OneHotLinear.designNames(proc);
        ElasticNet net = ElasticNet.of(x, tr.yDouble());
        // glmnet's grid runs to 1e-4 of λmax; ridge's λmax is that of α = 0.001, so its grid goes 1,000 times lower
        ElasticNet.Fit[] lasso = net.path(1, ElasticNet.grid(net.lambdaMax(1), 1e-4, o.points));
        ElasticNet.Fit[] ridge = net.path(0, ElasticNet.grid(net.lambdaMax(0), 1e-7, o.points));
        double[][] lassoScore = scores(net, lasso, task, xv, va);
        double[][] ridgeScore = scores(net, ridge, task, xv, va);
        Best bl = best(net, lasso, lassoScore[1]);
        Best br = best(net, ridge, ridgeScore[1]);
        double ls = task.score(va.yDouble(), net.predict(net.path(1, new double[] {0})[0], xv));
        int[] pair = net.mostCorrelated(names.stream().map(n -> n.replaceFirst("=.*", "")).toList());
        double[] ridgePair = {ridge[br.index()].beta()[pair[0]], ridge[br.index()].beta()[pair[1]]};
        double[] lassoPair = {lasso[bl.index()].beta()[pair[0]], lasso[bl.index()].beta()[pair[1]]};
        double r = net.correlation(pair[0], pair[1]);

        RunReport report = run.report("Lesson 5: L1 vs L2 regularisation paths on " + task.name());
        String m = task.metric();
        Plots.save(run.file("coefficient_paths.png"),
                ElasticNet.pathChart("Lasso (L1) path on " + task.name(), lasso, names, 8, pair),
                ElasticNet.pathChart("Ridge (L2) path on " + task.name(), ridge, names, 8, pair),
                Plots.lines("Validation " + m, "λ (log scale)", m, Map.of("lasso", lassoScore, "ridge", ridgeScore), true));
        report.image("coefficient_paths.png", "coefficients against the penalty (the 8 largest and the correlated"
                + " pair named), and the validation " + m + " along each path");
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("lasso (L1) at its best λ", bl, net.varying()));
        rows.add(row("ridge (L2) at its best λ", br, net.varying()));
        rows.add(List.of("least squares (λ = 0)", "0", RunReport.format(ls), "", String.valueOf(net.varying())));
        report.table("Best penalty of each path (validation " + m + "):", List.of("model", "λ", m,
                "coefficients set to 0", "inputs"), rows);
        report.text(String.format(Locale.ROOT, "The most correlated pair of inputs (of different variables):"
                + " %s and %s, r = %.3f. Ridge at its best λ gives them %.4f and %.4f; the lasso at its best λ"
                + " %.4f and %.4f.", names.get(pair[0]), names.get(pair[1]), r, ridgePair[0], ridgePair[1],
                lassoPair[0], lassoPair[1]));
        report.claim("L1 sets coefficients exactly to zero, selecting inputs at no loss against L2; L2 shrinks"
                        + " correlated inputs together where L1 keeps one.")
                .metric("lasso_" + m, bl.score()).metric("ridge_" + m, br.score()).metric("least_squares_" + m, ls)
                .metric("lasso_zeros", net.varying() - bl.nonZero()).metric("correlation", r)
                .put("pair", List.of(names.get(pair[0]), names.get(pair[1]))).put("ridge_pair", ridgePair)
                .put("lasso_pair", lassoPair).put("notes", task.notes()).write();
        System.out.printf(Locale.ROOT, "%s: lasso %s %.4f (%d of %d non-zero), ridge %.4f, least squares %.4f;"
                + " pair %s/%s r %.3f%n", task.name(), m, bl.score(), bl.nonZero(), net.varying(), br.score(), ls,
                names.get(pair[0]), names.get(pair[1]), r);
        run.printReport();
        return new Result(bl, br, ls, net.varying(), names.get(pair[0]), names.get(pair[1]), r, ridgePair, lassoPair,
                run.dir());
    }

    /** {λ, validation score} along a path. */
    private static double[][] scores(ElasticNet net, ElasticNet.Fit[] path, TabularTask task, double[][] xv,
            TabularData va) {
        double[][] s = new double[2][path.length];
        for (int k = 0; k < path.length; k++) {
            s[0][k] = path[k].lambda();
            s[1][k] = task.score(va.yDouble(), net.predict(path[k], xv));
        }
        return s;
    }

    private static Best best(ElasticNet net, ElasticNet.Fit[] path, double[] score) {
        int b = 0;
        for (int k = 1; k < path.length; k++) {
            b = score[k] < score[b] ? k : b;
        }
        return new Best(b, path[b].lambda(), score[b], net.varying() - net.zeros(path[b]));
    }

    private static List<String> row(String name, Best b, int width) {
        return List.of(name, RunReport.format(b.lambda()), RunReport.format(b.score()),
                String.valueOf(width - b.nonZero()), String.valueOf(width));
    }
}
