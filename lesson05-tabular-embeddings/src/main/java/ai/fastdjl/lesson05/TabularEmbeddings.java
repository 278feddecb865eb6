package ai.fastdjl.lesson05;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.Stats;
import ai.fastdjl.tabular.EmbeddingProjection;
import ai.fastdjl.tabular.EmbeddingSizes;
import ai.fastdjl.tabular.OneHotLinear;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularLearner;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.tabular.TabularProcessor;
import java.nio.file.Path;
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
 * gains from the learned embeddings in place of category codes.
 */
@Command(name = "TabularEmbeddings", mixinStandardHelpOptions = true,
        description = "Lesson 5: entity-embedding network vs one-hot linear regression and random forests.")
public final class TabularEmbeddings {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    TabularOptions data = new TabularOptions();
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds of the network (and its embedding forest).")
    int seeds;
    @Option(names = "--trees", defaultValue = "500", description = "Trees per random forest (0: no forests).")
    int trees;
    @Option(names = "--layers", split = ",", description = "Hidden layers (default 200,100: fastai's).")
    int[] layers = {200, 100};
    @Option(names = "--ps", split = ",", description = "Dropout after each hidden layer (default 0.001,0.01: the"
            + " Rossmann notebook's).")
    double[] ps = {0.001, 0.01};
    @Option(names = "--emb-p", defaultValue = "0.04", description = "Embedding dropout (the notebook's 0.04).")
    double embP;
    @Option(names = "--emb-rule", defaultValue = "FASTAI", description = "Embedding sizes: FASTAI"
            + " (min(600, round(1.6·n^0.56))) or COURSE_2018 (min(50, (n+1)/2)).")
    EmbeddingSizes embRule;
    @Option(names = "--wd", defaultValue = "0.2", description = "Weight decay (the notebook's 0.2).")
    double wd;
    @Option(names = "--project", description = "Categorical variable whose embedding PCA is plotted"
            + " (default: the one with most levels).")
    String project;

    static final String NETWORK = "entity-embedding network";

    /** Scores per model (RMSPE for a log target, else RMSE), over seeds where a model has them. */
    public record Result(String metric, Map<String, Stats> scores, double lr, int epochs, String task, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        TabularEmbeddings o = new TabularEmbeddings();
        if (!Cli.parse(args, o)) {
            return null;
        }
        CommonOptions c = o.common;
        TabularTask task = TabularTask.load(o.data, c);
        System.out.println(task.name() + ": " + task.notes() + "\n" + task.roles().describe());
        TabularProcessor proc = TabularProcessor.fit(task.train(), task.roles(), task.logTarget());
        if (o.project != null && !proc.cats().contains(o.project)) {
            throw new UserInputException("--project '" + o.project + "' is not a categorical input; they are "
                    + String.join(", ", proc.cats()));
        }
        TabularData tr = proc.process(task.train());
        TabularData va = proc.process(task.valid());
        double[] y = va.yDouble();
        RunFolder run = RunFolder.create(c.out, "TabularEmbeddings");
        RunReport report = new RunReport(run, "Lesson 5: entity embeddings on " + task.name());
        Scores scores = new Scores();
        if (!Double.isNaN(task.seasonalNaiveRmspe())) {
            scores.add("seasonal naive (same city and month, a year earlier)", task.seasonalNaiveRmspe());
        }
        scores.add("one-hot linear regression", task.score(y, OneHotLinear.fit(tr, proc.cardinalities()).predict(va)));
        if (o.trees > 0) {
            RandomForest rf = RandomForest.builder().trees(o.trees).seed(c.seed).fit(tr.features(), tr.yDouble());
            scores.add("random forest, " + o.trees + " trees, category codes", task.score(y, rf.predict(va.features())));
        }
        int epochs = c.epochs(8, 16);
        double lr = Double.NaN;
        for (int s = 0; s < o.seeds; s++) {
            try (NDManager m = NDManager.newBaseManager()) {
                DataLoaders dls = TabularData.loaders(m, tr, va, c.batchSize(64));
                double[] range = TabularModel.yRange(tr.y());
                TabularModel.Builder mb = TabularModel.builder(proc.cardinalities(), proc.conts().size())
                        .embeddingRule(o.embRule).layers(o.layers).ps(o.ps).embedP(o.embP);
                TabularModel model = (task.logTarget() ? mb.yRange(range[0], range[1]) : mb).build();
                try (Learner learn = TabularLearner.regression(dls, model, task.logTarget()).seed(c.seed + s)
                        .run(s == 0 ? run : null).maxBatches(c.maxBatches).quiet(c.quiet || s > 0).build()) {
                    learn.opt().setHyper(Hyper.WD, o.wd);
                    double seedLr = c.lr != null ? c.lr : learn.lrFind().valley();
                    lr = s == 0 ? seedLr : lr;
                    learn.fitOneCycle(epochs, seedLr);
                    double[] p = learn.getPreds(dls.valid(), m).output().toType(DataType.FLOAT64, false)
                            .toDoubleArray();
                    scores.add(NETWORK, task.score(y, p));
                    System.out.printf(Locale.ROOT, "seed %d: lr %.2e, %s %.4f%n", c.seed + s, seedLr, task.metric(),
                            scores.get(NETWORK).get(s));
                    List<float[][]> emb = model.embeddingWeights();
                    if (o.trees > 0 && !emb.isEmpty()) { // the paper's claim: the vectors help other models too
                        RandomForest ef = RandomForest.builder().trees(o.trees).seed(c.seed + s)
                                .fit(tr.features(emb), tr.yDouble());
                        scores.add("random forest, " + o.trees + " trees, learned embeddings",
                                task.score(y, ef.predict(va.features(emb))));
                    }
                    int j = o.project != null ? proc.cats().indexOf(o.project) : EmbeddingProjection.widest(emb);
                    if (s == 0 && j >= 0) { // the lesson's embedding plot: PCA of one variable's vectors
                        String v = proc.cats().get(j);
                        EmbeddingProjection.plot(emb.get(j), proc.categorify().vocab(v), v, run.file("emb_" + v + ".png"));
                        report.learnerPlots(learn).image("emb_" + v + ".png", v + " embeddings, 2 principal components");
                    }
                }
            }
        }
        scores.report(report, "Validation " + task.metric() + " (" + task.name() + "):", task.metric());
        report.claim("A network with entity embeddings beats a 500-tree random forest on the same inputs (txhousing:"
                        + " RMSPE ≤ 0.143, mean of 3 seeds), and its learned embeddings can replace category codes"
                        + " as a forest's inputs.")
                .put("task", task.name()).put("notes", task.notes()).put("roles", task.roles().describe())
                .metric("lr", lr).metric("epochs", epochs)
                .command("mvn -q -pl lesson05-tabular-embeddings -am package -DskipTests -Prun -Dargs=\""
                        + String.join(" ", args) + "\"")
                .write();
        System.out.println("report: " + run.file("README.md"));
        return new Result(task.metric(), scores.stats(), lr, epochs, task.name(), run.dir());
    }
}
