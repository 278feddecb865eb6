package ai.fastdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam, with decoupled weight decay by default (AdamW, Loshchilov &amp; Hutter), running PyTorch's fused update
 * through DJL so one parameter costs one native call.
 *
 * <p>Update, as PyTorch and fastai: {@code m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 * w -= lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + eps)}, and {@code w *= 1 - lr·wd} first when decoupled (else
 * {@code g += wd·w}). β1 is the {@link Hyper#MOM} hyper-parameter, so one-cycle can schedule it.
 */
public final class Adam extends GroupedOptimizer {

    /** fastai's {@code Adam} defaults: mom=0.9, sqr_mom=0.99, eps=1e-5, wd=0.01 (decoupled). */
    public static final Map<Hyper, Double> DEFAULTS =
            Map.of(Hyper.LR, 1e-3, Hyper.MOM, 0.9, Hyper.SQR_MOM, 0.99, Hyper.EPS, 1e-5, Hyper.WD, 0.01);

    /**
     * Where the update runs: DJL's fused {@code adamUpdate}; PyTorch's own AdamW step as TorchScript, one parameter per
     * call through DJL's {@code Trainer.step()}; or that step on every parameter in one call ({@link #stepAll()},
     * which the Learner calls instead of {@code Trainer.step()}: no gradient copy, one native call a batch).
     */
    public enum Kernel { DJL, TORCHSCRIPT, TORCHSCRIPT_ALL }

    private final boolean decoupled;
    private final Kernel kernel;

    public Adam(List<ParamGroup> groups, boolean decoupledWd) {
        this(groups, decoupledWd, Kernel.DJL);
    }

    /** {@code kernel} TORCHSCRIPT needs decoupled weight decay (it is AdamW's step). */
    public Adam(List<ParamGroup> groups, boolean decoupledWd, Kernel kernel) {
        super(groups, DEFAULTS);
        if (kernel != Kernel.DJL && !decoupledWd) {
            throw new IllegalArgumentException("the TorchScript kernel is AdamW's step: use decoupled weight decay");
        }
        this.decoupled = decoupledWd;
        this.kernel = kernel;
    }

    /** AdamW: fastai's default optimizer. */
    public static OptimizerFactory factory() {
        return groups -> new Adam(groups, true);
    }

    /** AdamW running PyTorch's own step ({@link AdamWScript}): fewer passes over each parameter than DJL's. */
    public static OptimizerFactory scripted() {
        return groups -> new Adam(groups, true, Kernel.TORCHSCRIPT);
    }

    /** AdamW running PyTorch's own step on every parameter in one call ({@link #stepAll()}). */
    public static OptimizerFactory scriptedAll() {
        return groups -> new Adam(groups, true, Kernel.TORCHSCRIPT_ALL);
    }

    /** Adam with classic L2 weight decay added to the gradient. */
    public static OptimizerFactory l2() {
        return groups -> new Adam(groups, false);
    }

    @Override
    protected NDArray[] newState(NDArray weight) {
        return new NDArray[] {weight.zerosLike(), weight.zerosLike()};
    }

    @Override
    protected void step(NDArray w, NDArray grad, NDArray[] state, int t, ParamGroup g, double wd) {
        float lr = (float) g.get(Hyper.LR);
        double beta1 = g.get(Hyper.MOM);
        double beta2 = g.get(Hyper.SQR_MOM);
        if (kernel != Kernel.DJL) { // TORCHSCRIPT_ALL too, where a caller steps through the trainer (GanTrainer)
            AdamWScript.step(w, grad, state[0], state[1], g.get(Hyper.LR), wd, beta1, beta2, g.get(Hyper.EPS), t);
            return; // GroupedOptimizer zeroes the weight's gradient: `grad` is DJL's copy of it
        }
        double debias1 = 1 - Math.pow(beta1, t);
        double debias2 = 1 - Math.pow(beta2, t);
        // The fused op computes w -= lrBc · m / (sqrt(v) + eps'). With lrBc = lr·sqrt(debias2)/debias1 and
        // eps' = eps·sqrt(debias2) this equals PyTorch's form above exactly (DJL's own Adam leaves eps unscaled).
        float lrBc = (float) (lr * Math.sqrt(debias2) / debias1);
        float eps = (float) (g.get(Hyper.EPS) * Math.sqrt(debias2));
        w.getNDArrayInternal()
                .adamUpdate(
                        new NDList(w, grad, state[0], state[1]),
                        new NDList(w),
                        lr,
                        lrBc,
                        (float) wd,
                        1f, // rescale_grad: none
                        -1f, // clip_grad < 0: off (clipping is a callback: GradientClipping)
                        (float) beta1,
                        (float) beta2,
                        eps,
                        false,
                        decoupled);
    }

    @Override
    protected boolean stepsAllAtOnce() {
        return kernel == Kernel.TORCHSCRIPT_ALL;
    }

    @Override
    protected void stepAll(List<NDArray> weights, List<NDArray[]> states, int[] t, List<ParamGroup> groups,
            double[] wd) {
        double[] hyper = new double[5 * weights.size()];
        long[] steps = new long[weights.size()];
        List<NDArray> m = new ArrayList<>();
        List<NDArray> v = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            ParamGroup g = groups.get(i);
            double[] h = {g.get(Hyper.LR), wd[i], g.get(Hyper.MOM), g.get(Hyper.SQR_MOM), g.get(Hyper.EPS)};
            System.arraycopy(h, 0, hyper, 5 * i, 5);
            steps[i] = t[i];
            m.add(states.get(i)[0]);
            v.add(states.get(i)[1]);
        }
        AdamWScript.stepAll(weights, m, v, hyper, steps);
    }

    /** DJL's fused update zeroes the weight's gradient itself; the script updates only what it is given. */
    @Override
    protected boolean zeroesGradient() {
        return kernel == Kernel.DJL;
    }
}
