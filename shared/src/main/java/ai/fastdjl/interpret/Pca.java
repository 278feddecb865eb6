package ai.fastdjl.interpret;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal components of rows of numbers, as fastai's {@code Tensor.pca} computes them for the lessons' embedding
 * plots: centre the columns, take the SVD, and project onto the first {@code k} right singular vectors. PCA keeps
 * the global, linear layout (the directions along which the vectors vary most, and distances along them); see
 * {@link Tsne} for a map that keeps neighbourhoods instead.
 *
 * @param coords    each row's scores on the components, {@code [row][component]}
 * @param explained each component's share of the total variance
 */
public record Pca(double[][] coords, double[] explained) {
    /**
     * The first {@code k} components of {@code x}'s rows (fewer when there are fewer rows or columns); every share is 0
     * when the rows do not vary at all.
     */
    public static Pca of(double[][] x, int k) {
        int n = x.length;
        int dim = x[0].length;
        double[] mean = new double[dim];
        for (double[] row : x) {
            for (int c = 0; c < dim; c++) {
                mean[c] += row[c] / n;
            }
        }
        double[][] centred = new double[n][dim];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < dim; c++) {
                centred[r][c] = x[r][c] - mean[c];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(centred, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(m);
        double[] s = svd.getSingularValues(); // min(rows, columns) of them: the SVD is the compact one
        int kk = Math.min(k, s.length);
        double[][] coords = m.multiply(svd.getV().getSubMatrix(0, dim - 1, 0, kk - 1)).getData();
        double total = Arrays.stream(s).map(v -> v * v).sum();
        double[] explained = new double[kk];
        for (int c = 0; c < kk; c++) {
            explained[c] = total > 0 ? s[c] * s[c] / total : 0; // one row, or all alike: nothing to explain
        }
        return new Pca(coords, explained);
    }

    /** {@code float} rows (embedding weights) as {@code double}. */
    public static double[][] toDouble(float[][] w) {
        double[][] out = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = new double[w[i].length];
            for (int j = 0; j < w[i].length; j++) {
                out[i][j] = w[i][j];
            }
        }
        return out;
    }
}
