package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.fastdjl.nd.Scalars;

/**
 * Label smoothing (Szegedy et al. 2016; fastai's {@code LabelSmoothingCrossEntropy}): the target puts
 * {@code 1-ε} on the labelled class and spreads {@code ε} evenly over all {@code C} classes, so the model is never
 * pushed towards infinitely confident logits and tolerates wrong labels better.
 *
 * <p>{@code loss = (1-ε)·CE(y, logp) + ε·mean_c(-logp_c)}. It accepts class indices or soft targets (mixup's).
 */
public class LabelSmoothingCrossEntropy extends SoftTargetCrossEntropy {
    /** fastai's default ε. */
    public static final double DEFAULT_EPS = 0.1;
    private final double eps;

    public LabelSmoothingCrossEntropy() {
        this(DEFAULT_EPS);
    }

    public LabelSmoothingCrossEntropy(double eps) {
        super("label_smoothing_ce");
        this.eps = eps;
    }

    @Override
    public NDArray perSample(NDArray target, NDArray logits) {
        NDArray logp = logits.logSoftmax(-1);
        long c = logp.getShape().get(logp.getShape().dimension() - 1);
        NDArray uniform = Scalars.div(logp.sum(new int[] {-1}).neg(), c);
        return Scalars.mul(crossEntropy(target, logp), 1 - eps).add(Scalars.mul(uniform, eps));
    }
}
