package ai.fastdjl.gan;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (Heusel et al. 2017, the "FID" when the
 * features are Inception-v3's): {@code |μ1 - μ2|² + Tr(C1 + C2 - 2·(C1^½ C2 C1^½)^½)}. Smaller is closer; 0 for the
 * same distribution. The matrix square roots come from eigen-decompositions of symmetric positive semi-definite
 * matrices (eigenvalues below 0 from rounding are taken as 0), so the trace term is exact up to rounding, where
 * {@code scipy.linalg.sqrtm(C1·C2)} of the reference code iterates on a non-symmetric product.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** Mean and covariance (unbiased, as {@code numpy.cov}) of a set of feature vectors. */
    public record Gaussian(double[] mean, double[][] cov, int n) {

        /** From {@code n} row vectors of length {@code d}, stored row after row. */
        public static Gaussian of(float[] features, int n, int d) {
            if (features.length != (long) n * d || n < 2) {
                throw new IllegalArgumentException(features.length + " values are not " + n + " ≥ 2 vectors of " + d);
            }
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += features[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] cov = new double[d][d];
            double[] x = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[j] = features[i * d + j] - mean[j];
                }
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        cov[a][b] += x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
            }
            return new Gaussian(mean, cov, n);
        }
    }

    /** The distance between two fitted Gaussians of the same dimension. */
    public static double distance(Gaussian p, Gaussian q) {
        int d = p.mean().length;
        if (q.mean().length != d) {
            throw new IllegalArgumentException("features of dimension " + d + " and " + q.mean().length);
        }
        double mean = 0;
        for (int j = 0; j < d; j++) {
            double diff = p.mean()[j] - q.mean()[j];
            mean += diff * diff;
        }
        RealMatrix c1 = new Array2DRowRealMatrix(p.cov());
        RealMatrix c2 = new Array2DRowRealMatrix(q.cov());
        RealMatrix root1 = sqrtPsd(c1);
        RealMatrix m = root1.multiply(c2).multiply(root1);
        m = m.add(m.transpose()).scalarMultiply(0.5); // symmetric up to rounding: make it exactly so
        double traceRoot = 0;
        for (double ev : new EigenDecomposition(m).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(ev, 0));
        }
        return mean + c1.getTrace() + c2.getTrace() - 2 * traceRoot;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix: V·diag(√λ)·Vᵀ. */
    static RealMatrix sqrtPsd(RealMatrix c) {
        EigenDecomposition e = new EigenDecomposition(c);
        double[] ev = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        int d = ev.length;
        RealMatrix scaled = v.copy();
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(Math.max(ev[j], 0));
            for (int i = 0; i < d; i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) * s);
            }
        }
        return scaled.multiply(v.transpose());
    }
}
