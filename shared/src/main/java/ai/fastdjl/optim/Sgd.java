package ai.fastdjl.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum as fastai and PyTorch define it: {@code buf = mom·buf + grad; w -= lr·buf}, with decoupled
 * weight decay {@code w *= 1 - lr·wd}. (DJL's native SGD puts the LR inside the momentum buffer, which differs once
 * the LR is scheduled.)
 */
public final class Sgd extends GroupedOptimizer {

    /** fastai's {@code SGD} defaults: mom=0, wd=0. */
    public static final Map<Hyper, Double> DEFAULTS = Map.of(Hyper.LR, 1e-2, Hyper.MOM, 0.0, Hyper.WD, 0.0);

    public Sgd(List<ParamGroup> groups) {
        super(groups, DEFAULTS);
    }

    public static OptimizerFactory factory() {
        return Sgd::new;
    }

    @Override
    protected NDArray[] newState(NDArray weight) {
        return new NDArray[] {weight.zerosLike()};
    }

    @Override
    protected void step(NDArray w, NDArray grad, NDArray[] state, int t, ParamGroup g, double wd) {
        double lr = g.get(Hyper.LR);
        double mom = g.get(Hyper.MOM);
        if (wd != 0) {
            w.muli(1 - lr * wd);
        }
        NDArray direction = grad;
        if (mom != 0) {
            direction = state[0].muli(mom).addi(grad);
        }
        try (NDArray delta = direction.mul(lr)) {
            w.subi(delta);
        }
    }
}
