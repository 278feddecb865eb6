package ai.fastdjl.schedule;

import ai.fastdjl.optim.LrSlice;

/**
 * fastai's {@code fine_tune}: train only the new head first (body frozen) so its random weights do not wreck the
 * pretrained body, then unfreeze everything and train with discriminative learning rates, the body's lowest.
 *
 * <p>Steps, with fastai's defaults: freeze → one cycle of {@code freezeEpochs} at {@code slice(baseLr)} with
 * {@code pct_start=0.99} → {@code baseLr /= 2} → unfreeze → one cycle of {@code epochs} at
 * {@code slice(baseLr/lrMult, baseLr)}, {@code pct_start=0.3}, {@code div=5}. {@code Learner.fineTune} runs them.
 */
public final class FineTune {
    private final int freezeEpochs;
    private final double lrMult;
    private final double pctStart;
    private final double div;
    private final boolean discriminative;

    public FineTune(int freezeEpochs, double lrMult, double pctStart, double div, boolean discriminative) {
        this.freezeEpochs = freezeEpochs;
        this.lrMult = lrMult;
        this.pctStart = pctStart;
        this.div = div;
        this.discriminative = discriminative;
    }

    /** fastai: freeze_epochs=1, lr_mult=100, pct_start=0.3, div=5.0. */
    public static FineTune defaults() {
        return new FineTune(1, 100, 0.3, 5.0, true);
    }

    /** The same steps with one learning rate for every group in the unfrozen phase (an ablation). */
    public FineTune withoutDiscriminativeLr() {
        return new FineTune(freezeEpochs, lrMult, pctStart, div, false);
    }

    public FineTune freezeEpochs(int n) {
        return new FineTune(n, lrMult, pctStart, div, discriminative);
    }

    /** Epochs of the first, frozen stage (fastai's {@code freeze_epochs}; 0 skips it). */
    public int freezeEpochs() {
        return freezeEpochs;
    }

    /** The frozen stage's plan: one cycle at {@code baseLr}, warming up for almost all of it. */
    public OneCycle frozenCycle(double baseLr) {
        return OneCycle.builder(LrSlice.of(baseLr)).pctStart(0.99).build();
    }

    /** The unfrozen stage's plan: one cycle at half {@code baseLr}, the body's groups {@code lrMult} times lower. */
    public OneCycle unfrozenCycle(double baseLr) {
        double lr = baseLr / 2;
        LrSlice lrs = discriminative ? LrSlice.of(lr / lrMult, lr) : LrSlice.flat(lr);
        return OneCycle.builder(lrs).pctStart(pctStart).div(div).build();
    }
}
