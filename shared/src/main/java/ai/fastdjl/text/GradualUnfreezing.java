package ai.fastdjl.text;

import ai.fastdjl.callback.ValidateAtEnd;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.optim.LrSlice;
import java.util.Arrays;

/**
 * ULMFiT's classifier schedule (Howard &amp; Ruder 2018; fastbook chapter 10): train the head alone, then unfreeze one
 * more layer group at a time, each stage one cycle, with discriminative learning rates that shrink by 2.6 per group
 * towards the input ({@code slice(lr / 2.6^4, lr)}). New layers learn first, while the pretrained ones are protected
 * from their large early gradients; lower layers, which hold the most general features, move least.
 *
 * <p>fastbook's recipe, which {@link #fastai} reproduces: {@code fit_one_cycle(1, 2e-2)}; {@code freeze_to(-2)},
 * {@code fit_one_cycle(1, slice(1e-2/2.6^4, 1e-2))}; {@code freeze_to(-3)},
 * {@code fit_one_cycle(1, slice(5e-3/2.6^4, 5e-3))}; {@code unfreeze}, {@code fit_one_cycle(2, slice(1e-3/2.6^4,
 * 1e-3))}.
 */
public final class GradualUnfreezing {
    /** ULMFiT's factor between the learning rates of neighbouring layer groups. */
    public static final double FACTOR = 2.6;
    private final double[] lrs;
    private final int[] epochs;

    /** Stage {@code k} unfreezes the last {@code k+1} groups (all in the last stage) and trains {@code epochs[k]}. */
    public GradualUnfreezing(double[] lrs, int[] epochs) {
        if (lrs.length != epochs.length || lrs.length == 0) {
            throw new IllegalArgumentException("one learning rate per stage: " + lrs.length + " vs " + epochs.length);
        }
        this.lrs = lrs.clone();
        this.epochs = epochs.clone();
    }

    /** fastbook's four stages: 2e-2, 1e-2, 5e-3, 1e-3 for 1, 1, 1, 2 epochs. */
    public static GradualUnfreezing fastai() {
        return new GradualUnfreezing(new double[] {2e-2, 1e-2, 5e-3, 1e-3}, new int[] {1, 1, 1, 2});
    }

    /** The same schedule scaled so that its first stage's learning rate is {@code firstLr}. */
    public GradualUnfreezing scaled(double firstLr) {
        return new GradualUnfreezing(Arrays.stream(lrs).map(lr -> lr * firstLr / lrs[0]).toArray(), epochs);
    }

    /** The same schedule with every stage's epochs replaced. */
    public GradualUnfreezing epochs(int... e) {
        return new GradualUnfreezing(lrs, e);
    }

    /** {@code slice(lr / 2.6^4, lr)}: fastai spreads it geometrically over the groups, first to last. */
    public static LrSlice discriminative(double lr) {
        return LrSlice.of(lr / Math.pow(FACTOR, 4), lr);
    }

    /** Epochs of all stages together. */
    public int totalEpochs() {
        return Arrays.stream(epochs).sum();
    }

    /** The layer groups stage {@code k} trains, as {@link Learner#freezeTo}'s argument: -1, -2, …, then 0 (all). */
    public int freezeTo(int k) {
        return k == lrs.length - 1 ? 0 : -(k + 1);
    }

    /** Stage {@code k}'s learning rates: the head's alone first, then {@code slice(lr / 2.6^4, lr)}. */
    public LrSlice lr(int k) {
        return k == 0 ? LrSlice.flat(lrs[k]) : discriminative(lrs[k]);
    }

    /** Runs every stage, validating after each epoch. */
    public void fit(Learner learn) {
        fit(learn, true);
    }

    /** Runs every stage; without {@code validateEachStage}, only the last epoch is scored (saves test passes). */
    public void fit(Learner learn, boolean validateEachStage) {
        for (int k = 0; k < lrs.length; k++) {
            learn.freezeTo(freezeTo(k));
            boolean last = k == lrs.length - 1;
            Callback[] extra = validateEachStage ? new Callback[0]
                    : new Callback[] {last ? new ValidateAtEnd() : SKIP_VALIDATION};
            TextLearners.fitOneCycle(learn, epochs[k], lr(k), extra);
        }
    }

    private static final Callback SKIP_VALIDATION = new Callback() {
        @Override
        public void beforeValidate(Learner learn) {
            throw new CancelException.Validate("gradual unfreezing scores only its last stage");
        }
    };
}
