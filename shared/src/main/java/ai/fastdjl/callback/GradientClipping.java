package ai.fastdjl.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import java.util.ArrayList;
import java.util.List;

/**
 * Rescales all gradients together when their global L2 norm exceeds {@code maxNorm} (PyTorch's
 * {@code clip_grad_norm_}, fastai's {@code GradientClip}): one exploding batch cannot throw the weights far, which
 * RNNs need (the AWD-LSTM paper clips at 0.25).
 */
public class GradientClipping implements Callback {
    /** fastai's {@code GradientClip(max_norm=1.)}. */
    public static final double DEFAULT_MAX_NORM = 1.0;
    /** PyTorch adds 1e-6 to the norm before dividing, so a zero norm never divides by zero. */
    private static final double EPS = 1e-6;
    private final double maxNorm;
    private double lastNorm;

    public GradientClipping() {
        this(DEFAULT_MAX_NORM);
    }

    public GradientClipping(double maxNorm) {
        this.maxNorm = maxNorm;
    }

    @Override
    public void afterBackward(Learner learn) {
        List<NDArray> grads = new ArrayList<>();
        try {
            for (Parameter p : learn.block().getParameters().values()) {
                if (p.requiresGradient() && p.getArray().hasGradient()) {
                    grads.add(p.getArray().getGradient());
                }
            }
            lastNorm = clip(grads, maxNorm);
        } finally {
            grads.forEach(NDArray::close); // handles attach to the model's manager: free them now
        }
    }

    /** Scales {@code grads} in place so their global norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(List<NDArray> grads, double maxNorm) {
        double sq = 0;
        for (NDArray g : grads) {
            try (NDArray g2 = g.square();
                    NDArray s = g2.sum()) {
                sq += s.getFloat();
            }
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + EPS);
        if (coef < 1) {
            for (NDArray g : grads) {
                g.muli(coef);
            }
        }
        return norm;
    }

    /** The global gradient norm of the last batch, before clipping. */
    public double lastNorm() {
        return lastNorm;
    }
}
