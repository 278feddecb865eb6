package ai.fastdjl.lesson05;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.ScoreTable;
import ai.fastdjl.report.Stats;
import ai.fastdjl.tabular.EmbeddingProjection;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularLearner;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.tabular.TabularProcessor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 5 — entity embeddings for tabular data (the course's Rossmann lesson; Guo &amp; Berkhahn 2016).
 *
 * <p>A network learns one vector per level of each categorical variable, alongside the usual layers; on sales
 * data it matches or beats tree ensembles, and its learned vectors also help other models. Claim measured here, on
 * txhousing by default (city, year and month → monthly sales, validated on the last 12 months): the embedding
 * model beats a 500-tree random forest (RMSPE ≤ 0.143, mean of 3 seeds), and we report whether the same forest
 * gains from the learned embeddings in place of category codes. Any CSV works too; a text or true/false target
 * (or {@code --classify}) is predicted as a class, every model then scored by accuracy, cross-entropy and ROC AUC.
 */
@Command(name = "TabularEmbeddings", mixinStandardHelpOptions = true,
        description = "Lesson 5: entity-embedding network vs one-hot linear (or logistic) regression and random"
                + " forests, for a numeric or a class target.")
public final class TabularEmbeddings {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Mixin
    NetworkOptions net = new NetworkOptions();
    @Option(names = "--seeds", description = "Seeds of the network and its embedding forest (default 3; 5 with --full).")
    Integer seeds;
    @Option(names = "--lr-find", description = "Run the LR finder first (lr_find.png); it draws from the first"
            + " seed's random stream, so that seed's score changes.")
    boolean lrFind;
    @Option(names = "--trees", description = "Trees per random forest (0: no forests; default 500 on txhousing, the"
            + " README's comparison, else scikit-learn's 100).")
    Integer trees;
    static final String NETWORK = "entity-embedding network";

    /** Scores per model (RMSPE for a log target, else RMSE), over seeds where a model has them. */
    public record Result(String metric, Map<String, Stats> scores, double lr, int epochs, String task, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        TabularEmbeddings o = new TabularEmbeddings();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        TabularTask task = TabularTask.load(o.data, run.options());
        System.out.println(task.name() + ": " + task.notes() + "\n" + task.roles().describe());
        TabularProcessor proc = task.processor();
        String project = o.net.project(proc);
        if (!proc.logged().isEmpty()) { // LogSkewed: long-tailed counts and amounts
            System.out.println("log(1 + x) before normalising: " + String.join(", ", proc.logged()));
        }
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        RunReport report = run.report("Lesson 5: entity embeddings on " + task.name());
        ScoreTable scores = new ScoreTable();
        if (!Double.isNaN(task.seasonalNaiveRmspe())) {
            scores.add("seasonal naive (same city and month, a year earlier)", task.seasonalNaiveRmspe());
        }
        scores.add(Baselines.linearName(proc), task.scores(va, Baselines.linear(proc, tr, va)));
        // 500 trees on Chicago's 69 columns take about 4 minutes per forest on 2 cores, and a run fits 1 + seeds
        int trees = o.trees != null ? o.trees : task.name().equals("txhousing") ? 500 : 100;
        if (trees > 0) {
            RandomForest rf = Baselines.forest(proc, RandomForest.builder().trees(trees).seed(run.seed()), tr.features(), tr);
            scores.add("random forest, " + trees + " trees, category codes", task.scores(va, Baselines.predict(rf, va.features())));
        }
        // measured on txhousing, seeds 42–47, batches of 256 (a CSV's default is 64: TabularTask): 30 epochs at
        // 3e-3 RMSPE 0.146 ± 0.008; 16 at 1e-2 0.151 ± 0.018 (seeds swing from 0.139 to 0.172); the LR finder's
        // valley (2e-4 … 8e-4 at this batch size) 0.22
        int epochs = run.epochs(30, 30);
        double lr = run.lr(3e-3);
        int seeds = o.seeds != null ? o.seeds : run.full() ? 5 : 3;
        double[][] mean = new double[va.rows()][]; // the seeds' networks as one ensemble: the mean of their outputs
        for (int s = 0; s < seeds; s++) {
            try (NDManager m = NDManager.newBaseManager()) {
                DataLoaders dls = TabularData.loaders(m, tr, va, run.batchSize(task.batchSize()));
                TabularModel model = o.net.build(proc, tr, task.logTarget());
                try (Learner learn = run.learner(proc.classifier() ? TabularLearner.classification(dls, model)
                        : TabularLearner.regression(dls, model, task.logTarget()))
                        .seed(run.seed() + s).progress(Progress.quietIf(run.quiet() || s > 0)).build()) {
                    learn.opt().setHyper(Hyper.WD, o.net.wd);
                    if (s == 0 && o.lrFind) { // the course's habit: look at the curve (lr_find.png) before choosing
                        System.out.printf(Locale.ROOT, "LR finder's valley %.2e; training at %.2e%n",
                                learn.lrFind().valley(), lr);
                    }
                    learn.fitOneCycle(epochs, lr);
                    double[][] p = Baselines.outputs(learn.getPreds(dls.valid(), m).output(), proc.classifier());
                    scores.add(NETWORK, task.scores(va, p));
                    Arrays.setAll(mean, i -> Baselines.add(mean[i], p[i], 1.0 / seeds));
                    System.out.printf(Locale.ROOT, "seed %d: lr %.2e, %s %.4f%n", run.seed() + s, lr, task.metric(),
                            scores.get(NETWORK).get(s));
                    List<float[][]> emb = model.embeddingWeights();
                    if (trees > 0 && !emb.isEmpty()) { // the paper's claim: the vectors help other models too
                        RandomForest ef = Baselines.forest(proc, RandomForest.builder().trees(trees)
                                .seed(run.seed() + s), tr.features(emb), tr);
                        scores.add("random forest, " + trees + " trees, learned embeddings",
                                task.scores(va, Baselines.predict(ef, va.features(emb))));
                    }
                    int j = project != null ? proc.cats().indexOf(project) : EmbeddingProjection.widest(emb);
                    if (s == 0 && j >= 0) { // the lesson's embedding plot: one variable's vectors, PCA and t-SNE
                        String v = proc.cats().get(j);
                        EmbeddingProjection.addTo(report.add(learn.recorder()), run.dir(), emb.get(j),
                                proc.categorify().vocab(v), v, run.seed());
                    }
                }
            }
        }
        if (seeds > 1) { // averaging models trained from different seeds (lesson 1's Ensembles): errors partly cancel
            scores.add("ensemble of the " + seeds + " networks (mean of their outputs)", task.scores(va, mean));
        }
        scores.report(report, "Validation " + task.metric() + " (" + task.name() + "):", task.metric());
        report.claim("A network with entity embeddings beats a 500-tree random forest on the same inputs (txhousing:"
                        + " RMSPE ≤ 0.143, mean of 3 seeds), and its learned embeddings can replace category codes"
                        + " as a forest's inputs.")
                .put("task", task.name()).put("notes", task.notes()).put("roles", task.roles().describe())
                .put("log1p_inputs", proc.logged()).put("classes", proc.classes())
                .metric("lr", lr).metric("epochs", epochs)
                .write();
        run.printReport();
        return new Result(task.metric(), scores.stats(), lr, epochs, task.name(), run.dir());
    }
}
