package ai.fastdjl.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import java.util.Random;

/**
 * mixup (Zhang et al. 2017; fastai's {@code MixUp}): train on convex combinations of pairs of samples and of their
 * one-hot targets, {@code x = λ·x_i + (1-λ)·x_j}, {@code y = λ·y_i + (1-λ)·y_j} with {@code λ ~ Beta(α, α)} per
 * sample. The model can no longer memorise single images, which regularises like many epochs of augmentation.
 * Needs a loss that takes soft targets ({@code SoftTargetCrossEntropy}, the default).
 */
public class MixUp implements Callback {
    /** fastai's default α=0.4: most λ near 0 or 1, so most mixed images are still mostly one image. */
    public static final double DEFAULT_ALPHA = 0.4;
    private final double alpha;

    public MixUp() {
        this(DEFAULT_ALPHA);
    }

    public MixUp(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (!learn.training()) {
            return;
        }
        NDArray x = learn.xb().head();
        int n = (int) x.getShape().get(0);
        int classes = learn.dls().classes().size();
        Random r = learn.random();
        float[] lam = new float[n];
        for (int i = 0; i < n; i++) {
            double l = beta(r, alpha);
            lam[i] = (float) Math.max(l, 1 - l); // fastai: the sample keeps the larger share, so x_i dominates
        }
        long[] perm = permutation(r, n);
        NDList mixed = mix(learn.batchManager(), x, learn.yb().head().oneHot(classes), lam, perm);
        learn.setXb(new NDList(mixed.get(0)));
        learn.setYb(new NDList(mixed.get(1)));
    }

    /** {@code λ_i·x_i + (1-λ_i)·x_perm(i)} and the same for the (one-hot) targets. */
    public static NDList mix(NDManager m, NDArray x, NDArray yOneHot, float[] lam, long[] perm) {
        NDArray idx = m.create(perm);
        NDArray l = m.create(lam);
        NDArray lx = l.reshape(broadcastShape(x.getShape()));
        NDArray ly = l.reshape(broadcastShape(yOneHot.getShape()));
        NDArray y = yOneHot.toType(DataType.FLOAT32, false);
        NDArray x2 = x.get(new NDIndex("{}", idx));
        NDArray y2 = y.get(new NDIndex("{}", idx));
        NDArray xm = x.mul(lx).add(x2.mul(lx.neg().add(1)));
        NDArray ym = y.mul(ly).add(y2.mul(ly.neg().add(1)));
        return new NDList(xm, ym);
    }

    private static Shape broadcastShape(Shape s) {
        long[] dims = new long[s.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = s.get(0);
        return new Shape(dims);
    }

    static long[] permutation(Random r, int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Beta(a, a) as X/(X+Y) with X, Y ~ Gamma(a, 1). */
    static double beta(Random r, double a) {
        double x = gamma(r, a);
        double y = gamma(r, a);
        return x / (x + y);
    }

    /** Marsaglia &amp; Tsang (2000); for shape &lt; 1, Gamma(a) = Gamma(a+1)·U^(1/a). */
    static double gamma(Random r, double a) {
        if (a < 1) {
            return gamma(r, a + 1) * Math.pow(r.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = r.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
