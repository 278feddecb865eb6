package ai.fastdjl.tabular;

import ai.fastdjl.text.LogisticRegression;
import ai.fastdjl.text.TfIdf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OneHotLinear}'s counterpart for a class target: multinomial logistic regression on one-hot categories plus
 * the (normalised) numbers, scikit-learn's {@code LogisticRegression()} defaults ({@code C = 1}, L2 penalty,
 * intercept not penalised). One additive effect per level on the log-odds, no interactions: the baseline a
 * network or a forest has to beat to show that it learned more than main effects.
 */
public final class OneHotLogistic {
    /** scikit-learn's default inverse penalty. */
    public static final double C = 1.0;
    /** Gradient norm at which the fit stops (scikit-learn's {@code tol} is 1e-4). */
    static final double TOL = 1e-4;
    /** Iterations cap: the first-order solver needs more than lbfgs's 100; the fits here stop by {@link #TOL}. */
    static final int MAX_ITER = 20_000;
    private final int[] offsets;
    private final LogisticRegression lr;

    private OneHotLogistic(int[] offsets, LogisticRegression lr) {
        this.offsets = offsets;
        this.lr = lr;
    }

    /** Fits on {@code d}'s rows and class codes {@code y}; {@code cardinalities} from the processor. */
    public static OneHotLogistic fit(TabularData d, int[] y, int classes, int[] cardinalities) {
        int[] offsets = new int[cardinalities.length + 1];
        for (int j = 0; j < cardinalities.length; j++) {
            offsets[j + 1] = offsets[j] + cardinalities[j];
        }
        int features = offsets[cardinalities.length] + d.contNames().size();
        LogisticRegression lr = new LogisticRegression(features, Math.max(2, classes), C)
                .fit(rows(d, offsets), y, TOL, MAX_ITER);
        return new OneHotLogistic(offsets, lr);
    }

    /** Class probabilities of {@code d}'s rows, {@code [row][class]}. */
    public double[][] predictProba(TabularData d) {
        return rows(d, offsets).stream().map(lr::predictProba).toArray(double[][]::new);
    }

    /** Iterations the fit took. */
    public int iterations() {
        return lr.iterations();
    }

    /** Row {@code i} of the design matrix as sparse entries: a 1 per category, then the numbers. */
    private static List<TfIdf.Row> rows(TabularData d, int[] offsets) {
        int nCat = offsets.length - 1;
        int nCont = d.contNames().size();
        List<TfIdf.Row> out = new ArrayList<>(d.rows());
        for (int i = 0; i < d.rows(); i++) {
            int[] idx = new int[nCat + nCont];
            float[] val = new float[idx.length];
            for (int j = 0; j < nCat; j++) {
                idx[j] = offsets[j] + d.cats()[i][j];
                val[j] = 1;
            }
            for (int j = 0; j < nCont; j++) {
                idx[nCat + j] = offsets[nCat] + j;
                val[nCat + j] = d.conts()[i][j];
            }
            out.add(new TfIdf.Row(idx, val));
        }
        return out;
    }
}
