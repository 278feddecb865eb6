package ai.fastdjl.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e), missing from DJL's PyTorch engine: {@code v = α·v + (1-α)·g²;
 * w -= lr · g / (sqrt(v) + eps)}, with optional momentum on {@code g} as fastai's {@code RMSProp}. WGAN trains its
 * critic and generator with it.
 */
public final class RmsProp extends GroupedOptimizer {

    /** fastai's {@code RMSProp} defaults: sqr_mom (α)=0.99, mom=0, eps=1e-8, wd=0 — also PyTorch's. */
    public static final Map<Hyper, Double> DEFAULTS =
            Map.of(Hyper.LR, 1e-2, Hyper.MOM, 0.0, Hyper.SQR_MOM, 0.99, Hyper.EPS, 1e-8, Hyper.WD, 0.0);

    public RmsProp(List<ParamGroup> groups) {
        super(groups, DEFAULTS);
    }

    public static OptimizerFactory factory() {
        return RmsProp::new;
    }

    @Override
    protected NDArray[] newState(NDArray weight) {
        return new NDArray[] {weight.zerosLike(), weight.zerosLike()};
    }

    @Override
    protected void step(NDArray w, NDArray grad, NDArray[] state, int t, ParamGroup g, double wd) {
        double lr = g.get(Hyper.LR);
        double alpha = g.get(Hyper.SQR_MOM);
        double mom = g.get(Hyper.MOM);
        if (wd != 0) {
            w.muli(1 - lr * wd);
        }
        NDArray sqrAvg = state[1];
        try (NDArray g2 = grad.square()) {
            sqrAvg.muli(alpha).addi(g2.muli(1 - alpha));
        }
        NDArray direction = mom != 0 ? state[0].muli(mom).addi(grad) : grad;
        try (NDArray denom = sqrAvg.sqrt();
                NDArray delta = direction.mul(lr)) {
            w.subi(delta.divi(denom.addi(g.get(Hyper.EPS))));
        }
    }
}
