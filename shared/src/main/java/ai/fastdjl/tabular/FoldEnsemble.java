package ai.fastdjl.tabular;

import ai.fastdjl.data.KFold;
import ai.fastdjl.report.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * k-fold cross-validation of one kind of model on processed rows, and the fold models as an ensemble: each fold's
 * model is scored on its fold (the cross-validated estimate) and on the held-out rows, the k models' mean output
 * is scored on the held-out rows, and one model trained on all training rows is the comparison.
 */
public final class FoldEnsemble {
    private FoldEnsemble() {}

    /** A model trained on {@code train}, predicting the rows of {@code b} and of {@code c}: {@code [set][row][output]}. */
    @FunctionalInterface
    public interface Fit {
        double[][][] apply(TabularData train, TabularData b, TabularData c);
    }

    /**
     * Scores: the folds' ({@code cv}), the fold models' on the held-out rows, their ensemble's, one all-rows model's,
     * and the ensemble's R² on the held-out rows.
     */
    public record Row(Stats cv, Stats foldsHeldOut, double ensemble, double single, double ensembleR2) {}

    /** Cross-validates {@code fit} over {@code folds} of {@code tr}'s rows; {@code score(y, p)} as RMSE or RMSPE. */
    public static Row of(TabularData tr, TabularData va, List<KFold.Fold> folds, Fit fit,
            ToDoubleBiFunction<double[], double[]> score) {
        double[] cv = new double[folds.size()];
        double[] held = new double[folds.size()];
        double[] ensemble = new double[va.rows()];
        double[] y = va.yDouble();
        for (int f = 0; f < folds.size(); f++) {
            TabularData b = tr.subset(folds.get(f).valid());
            double[][][] p = fit.apply(tr.subset(folds.get(f).train()), b, va);
            cv[f] = score.applyAsDouble(b.yDouble(), column(p[0]));
            double[] pv = column(p[1]);
            held[f] = score.applyAsDouble(y, pv);
            for (int i = 0; i < pv.length; i++) {
                ensemble[i] += pv[i] / folds.size();
            }
        }
        double single = score.applyAsDouble(y, column(fit.apply(tr, va, va)[1]));
        return new Row(Stats.of(cv), Stats.of(held), score.applyAsDouble(y, ensemble), single,
                TabularMetrics.r2(y, ensemble));
    }

    private static double[] column(double[][] p) {
        return Arrays.stream(p).mapToDouble(r -> r[0]).toArray();
    }
}
