package ai.fastdjl.learner;

import ai.fastdjl.optim.Hyper;
import ai.fastdjl.schedule.Schedule;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sets hyper-parameters from schedules before every training batch (fastai's {@code ParamScheduler}). A hyper
 * has one schedule for all groups or one per group (discriminative learning rates).
 */
public class ParamScheduler implements Callback {
    /**
     * fastai's order 60: hyper-parameters are set in before-batch (any order works there), and in after-batch the
     * {@code Recorder} (50) has already updated the smoothed loss that the LR finder reads.
     */
    public static final int ORDER = 60;

    private final Map<Hyper, Schedule[]> scheds = new EnumMap<>(Hyper.class);

    public ParamScheduler() {}

    /** Follows {@code scheds} (e.g. a {@code OneCycle}'s {@code forGroups(n)}). */
    public ParamScheduler(Map<Hyper, Schedule[]> scheds) {
        this.scheds.putAll(scheds);
    }

    public ParamScheduler set(Hyper h, Schedule... perGroup) {
        scheds.put(h, perGroup);
        return this;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (learn.training()) {
            apply(learn, progress(learn));
        }
    }

    /** Training progress the schedules see; the LR finder counts batches differently. */
    protected double progress(Learner learn) {
        return learn.pctTrain();
    }

    protected void apply(Learner learn, double pct) {
        scheds.forEach((h, s) -> {
            double[] v = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                v[i] = s[i].at(pct);
            }
            learn.opt().setHyper(h, v);
        });
    }

    /** The values the schedules give at {@code pct}, per group (for plots and tests). */
    public Map<Hyper, double[]> valuesAt(double pct) {
        Map<Hyper, double[]> out = new EnumMap<>(Hyper.class);
        scheds.forEach((h, s) -> {
            double[] v = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                v[i] = s[i].at(pct);
            }
            out.put(h, v);
        });
        return out;
    }
}
