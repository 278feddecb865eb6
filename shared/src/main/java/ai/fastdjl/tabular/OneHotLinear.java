package ai.fastdjl.tabular;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The simplest baseline for tabular data: least squares on one-hot categories plus the (normalised) numbers and an
 * intercept, i.e. one additive effect per level with no interactions. A tiny ridge penalty ({@link #LAMBDA}) makes
 * the system solvable although the one-hot blocks are collinear with the intercept and {@code #na#} levels may
 * never occur in training (their weight stays 0, so unseen levels predict the average level).
 */
public final class OneHotLinear {
    /** Ridge penalty on every weight but the intercept: small enough not to bias ~10⁴ rows, enough to regularise. */
    public static final double LAMBDA = 1e-3;
    private final int[] offsets;
    private final int nCont;
    private final double[] beta;

    private OneHotLinear(int[] offsets, int nCont, double[] beta) {
        this.offsets = offsets;
        this.nCont = nCont;
        this.beta = beta;
    }

    /** Fits on {@code d}'s rows and target; {@code cardinalities} from {@link TabularProcessor#cardinalities()}. */
    public static OneHotLinear fit(TabularData d, int[] cardinalities) {
        int nCat = cardinalities.length;
        int nCont = d.contNames().size();
        int[] offsets = new int[nCat + 1];
        offsets[0] = 1;
        for (int j = 0; j < nCat; j++) {
            offsets[j + 1] = offsets[j] + cardinalities[j];
        }
        int k = offsets[nCat] + nCont;
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        int[] idx = new int[1 + nCat + nCont];
        double[] val = new double[idx.length];
        for (int i = 0; i < d.rows(); i++) {
            int m = row(d, i, offsets, idx, val);
            for (int a = 0; a < m; a++) {
                xty[idx[a]] += val[a] * d.y()[i];
                for (int b = 0; b < m; b++) {
                    xtx[idx[a]][idx[b]] += val[a] * val[b];
                }
            }
        }
        for (int a = 1; a < k; a++) {
            xtx[a][a] += LAMBDA;
        }
        xtx[0][0] += 1e-9; // keeps the matrix positive definite when there are no rows at all
        RealVector beta = new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-12, 1e-15)
                .getSolver().solve(new ArrayRealVector(xty, false));
        return new OneHotLinear(offsets, nCont, beta.toArray());
    }

    /** Predictions for {@code d}'s rows (in the target's space, log when the processor logs it). */
    public double[] predict(TabularData d) {
        double[] out = new double[d.rows()];
        int[] idx = new int[offsets.length + nCont];
        double[] val = new double[idx.length];
        for (int i = 0; i < out.length; i++) {
            int m = row(d, i, offsets, idx, val);
            for (int a = 0; a < m; a++) {
                out[i] += beta[idx[a]] * val[a];
            }
        }
        return out;
    }

    /**
     * The design matrix without its intercept, dense: one 0/1 column per level of each category (in
     * {@code cardinalities}' order), then the numbers; columns named by {@link #designNames}.
     */
    public static double[][] design(TabularData d, int[] cardinalities) {
        int[] offsets = new int[cardinalities.length + 1];
        offsets[0] = 1;
        for (int j = 0; j < cardinalities.length; j++) {
            offsets[j + 1] = offsets[j] + cardinalities[j];
        }
        int width = offsets[cardinalities.length] - 1 + d.contNames().size();
        double[][] x = new double[d.rows()][width];
        int[] idx = new int[1 + cardinalities.length + d.contNames().size()];
        double[] val = new double[idx.length];
        for (int i = 0; i < x.length; i++) {
            int m = row(d, i, offsets, idx, val);
            for (int a = 1; a < m; a++) { // entry 0 is the intercept
                x[i][idx[a] - 1] = val[a];
            }
        }
        return x;
    }

    /** Names of {@link #design}'s columns: {@code city=Austin}, …, then the numbers' names. */
    public static java.util.List<String> designNames(TabularProcessor proc) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String c : proc.cats()) {
            for (String level : proc.categorify().vocab(c)) {
                names.add(c + "=" + level);
            }
        }
        names.addAll(proc.conts());
        return names;
    }

    /** The non-zero entries of row {@code i} of the design matrix: intercept, one 1 per category, the numbers. */
    private static int row(TabularData d, int i, int[] offsets, int[] idx, double[] val) {
        int m = 0;
        idx[m] = 0;
        val[m++] = 1;
        for (int j = 0; j < offsets.length - 1; j++) {
            idx[m] = offsets[j] + d.cats()[i][j];
            val[m++] = 1;
        }
        for (int j = 0; j < d.contNames().size(); j++) {
            idx[m] = offsets[offsets.length - 1] + j;
            val[m++] = d.conts()[i][j];
        }
        return m;
    }
}
