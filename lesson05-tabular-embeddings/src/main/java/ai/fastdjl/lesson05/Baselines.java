package ai.fastdjl.lesson05;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.forest.RandomForest;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.tabular.OneHotLinear;
import ai.fastdjl.tabular.OneHotLogistic;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularLearner;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.tabular.TabularProcessor;

/**
 * The models a tabular network is measured against, and every model's predictions in one shape,
 * {@code [row][output]}: one output for a numeric target, class probabilities for a class target, so that
 * {@link TabularTask#scores} reads them all alike.
 */
final class Baselines {
    private Baselines() {}

    /** The linear baseline's name in the results table. */
    static String linearName(TabularProcessor proc) {
        return proc.classifier() ? "one-hot logistic regression" : "one-hot linear regression";
    }

    /** Least squares (numeric target) or multinomial logistic regression (class target) on one-hot categories. */
    static double[][] linear(TabularProcessor proc, TabularData tr, TabularData va) {
        if (proc.classifier()) {
            return OneHotLogistic.fit(tr, tr.classCodes(), proc.classes().size(), proc.cardinalities()).predictProba(va);
        }
        return column(OneHotLinear.fit(tr, proc.cardinalities()).predict(va));
    }

    /** A random forest on {@code x} (rows of {@code tr}): regression, or a Gini classifier for a class target. */
    static RandomForest forest(TabularProcessor proc, RandomForest.Builder b, double[][] x, TabularData tr) {
        return proc.classifier() ? b.fitClassifier(x, tr.classCodes(), proc.classes().size()) : b.fit(x, tr.yDouble());
    }

    /** A forest's predictions of rows {@code x}. */
    static double[][] predict(RandomForest rf, double[][] x) {
        return rf.outputs() == 1 ? column(rf.predict(x)) : rf.predictProba(x);
    }

    /**
     * A regression network trained quietly on {@code train} (validated on {@code valid}) for TabularEmbeddings'
     * measured budget, 30 epochs of one cycle at 3e-3 unless {@code --epochs}/{@code --lr} say otherwise; its
     * outputs for {@code valid} and for {@code also}: {@code [set][row][output]}.
     */
    static double[][][] fitNetwork(LessonRun run, TabularModel model, boolean logTarget, double wd, int batchSize,
            TabularData train, TabularData valid, TabularData also) {
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = TabularData.loaders(m, train, valid, batchSize);
            try (Learner learn = run.learner(TabularLearner.regression(dls, model, logTarget)).seed(run.seed())
                    .progress(Progress.quietIf(true)).build()) {
                learn.opt().setHyper(Hyper.WD, wd);
                learn.fitOneCycle(run.epochs(30, 30), run.lr(3e-3));
                return new double[][][] {outputs(learn.getPreds(dls.valid(), m).output(), false),
                        outputs(learn.getPreds(TabularData.loaders(m, train, also, batchSize).valid(), m).output(),
                                false)};
            }
        }
    }

    /** The network's outputs {@code [rows, outputs]}: softmax probabilities for a classifier, else as they are. */
    static double[][] outputs(NDArray out, boolean classifier) {
        NDArray p = (classifier ? out.softmax(1) : out).toType(DataType.FLOAT64, false);
        int cols = (int) p.getShape().get(1);
        double[] flat = p.toDoubleArray();
        double[][] rows = new double[flat.length / cols][cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * cols, rows[i], 0, cols);
        }
        return rows;
    }

    /** {@code sum + w · p}, element-wise ({@code sum} null: a new array); averages models' outputs. */
    static double[] add(double[] sum, double[] p, double w) {
        double[] out = sum == null ? new double[p.length] : sum;
        for (int k = 0; k < p.length; k++) {
            out[k] += w * p[k];
        }
        return out;
    }

    /** The columns {@code cols} of {@code x}, in that order (a model on some inputs only). */
    static double[][] columns(double[][] x, int[] cols) {
        double[][] out = new double[x.length][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                out[i][j] = x[i][cols[j]];
            }
        }
        return out;
    }

    private static double[][] column(double[] v) {
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }
}
