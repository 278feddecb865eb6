package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Spectral normalisation (Miyato, Kataoka, Koyama &amp; Yoshida 2018; the course: what it takes "to make GANs work
 * nowadays"): a layer's weight is divided by its largest singular value σ, so the critic is 1-Lipschitz layer by
 * layer without WGAN's clipping. σ is estimated by power iteration on the weight reshaped to
 * {@code [out, in · k · k]}: {@code v = normalise(Wᵀu)}, {@code u = normalise(Wv)}, {@code σ ≈ uᵀWv}; the vector
 * {@code u} persists between training steps, so one iteration per step suffices, as in the paper and PyTorch's
 * {@code spectral_norm}.
 */
public final class SpectralNorm {
    /** PyTorch's {@code spectral_norm} eps: guards the normalisation of a zero vector. */
    public static final double EPS = 1e-12;

    private double[] u;
    private double[] v;

    /** Starts from {@code u0} (length: the weight's first dimension), e.g. a random normal vector. */
    public SpectralNorm(double[] u0) {
        this.u = normalise(u0.clone());
    }

    /** {@code iterations} power-iteration steps on {@code w} ({@code [out, ...]}); the estimate of σ. */
    public double sigma(NDArray w, int iterations) {
        int rows = (int) w.getShape().get(0);
        float[] flat = w.toFloatArray();
        int cols = flat.length / rows;
        v = new double[cols];
        double s = 0;
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(v, 0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v[c] += flat[r * cols + c] * u[r];
                }
            }
            normalise(v);
            double[] nu = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    nu[r] += flat[r * cols + c] * v[c];
                }
            }
            s = Math.sqrt(dot(nu, nu)); // uᵀWv with u = Wv/|Wv|
            u = normalise(nu);
        }
        return s;
    }

    /**
     * {@code w / σ} with {@code σ = uᵀWv} computed from {@code w} itself, so that gradients flow through σ as in
     * PyTorch's {@code spectral_norm} (u and v are constants of the step).
     */
    public NDArray normalised(NDArray w, int iterations) {
        sigma(w, iterations);
        int rows = (int) w.getShape().get(0);
        NDManager m = w.getManager();
        NDArray uN = m.create(toFloats(u)).reshape(1, rows);
        NDArray vN = m.create(toFloats(v)).reshape(v.length, 1);
        NDArray s = uN.matMul(w.reshape(rows, v.length)).matMul(vN).reshape(new Shape());
        return w.div(s);
    }

    private static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] normalise(double[] a) {
        double n = Math.max(Math.sqrt(dot(a, a)), EPS);
        for (int i = 0; i < a.length; i++) {
            a[i] /= n;
        }
        return a;
    }
}
