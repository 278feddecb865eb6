package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.nd.BatchScope;

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

    /**
     * PyTorch's {@code spectral_norm(conv)}: the convolution's weight divided by its σ in every forward pass, one
     * power iteration per training forward (none in evaluation, which reuses the last u and v); the convolution keeps
     * its weight, bias, stride and padding. u starts as a normal random vector from the engine's seeded stream.
     */
    public static Block wrap(Conv2d conv) {
        return new Wrapped(conv);
    }

    private static final class Wrapped extends AbstractBlock {
        private final Conv2d conv;
        private SpectralNorm norm;

        Wrapped(Conv2d conv) {
            super((byte) 1);
            this.conv = addChildBlock("conv", conv);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv.initialize(manager, dataType, inputShapes);
            long rows = conv.getParameters().get("weight").getArray().getShape().get(0);
            float[] u0 = manager.randomNormal(new Shape(rows)).toFloatArray();
            double[] u = new double[u0.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = u0[i];
            }
            norm = new SpectralNorm(u);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            NDArray x = in.head();
            NDArray w = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
            NDArray b = conv.isIncludeBias() ? ps.getValue(conv.getParameters().get("bias"), x.getDevice(), training)
                    : null;
            NDArray wn = norm.normalised(w, training ? 1 : 0, x);
            return Conv2d.conv2d(x, wn, b, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            return conv.getOutputShapes(in);
        }
    }

    /** {@code iterations} power-iteration steps on {@code w} ({@code [out, ...]}); the estimate of σ. */
    public double sigma(NDArray w, int iterations) {
        int rows = (int) w.getShape().get(0);
        float[] flat = w.toFloatArray();
        int cols = flat.length / rows;
        double s = 0;
        for (int it = 0; it < iterations; it++) {
            v = new double[cols];
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
        return normalised(w, iterations, w);
    }

    /** As {@link #normalised(NDArray, int)}; each new array belongs to {@code batchArray}'s manager (BatchScope). */
    public NDArray normalised(NDArray w, int iterations, NDArray batchArray) {
        sigma(w, v == null ? Math.max(1, iterations) : iterations); // 0: the u and v of the last training step
        int rows = (int) w.getShape().get(0);
        NDManager m = batchArray.getManager();
        NDArray uN = m.create(toFloats(u)).reshape(1, rows);
        NDArray vN = m.create(toFloats(v)).reshape(v.length, 1);
        NDArray wFlat = BatchScope.attach(batchArray, w.reshape(rows, v.length));
        NDArray s = uN.matMul(wFlat).matMul(vN).reshape(new Shape());
        return BatchScope.attach(batchArray, w.div(s));
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
