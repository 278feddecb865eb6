package ai.fastdjl.schedule;

import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.LrSlice;
import java.util.EnumMap;
import java.util.Map;

/**
 * The 1cycle policy (Smith 2018; fastai's {@code fit_one_cycle}): the learning rate warms up from
 * {@code lrMax/div} to {@code lrMax} over {@code pctStart} of training, then anneals to {@code lrMax/divFinal},
 * both halves on a cosine; momentum moves the opposite way, high → low → high, because a high learning rate with
 * high momentum overshoots.
 */
public final class OneCycle implements Scheds {
    private final LrSlice lrMax;
    private final double div;
    private final double divFinal;
    private final double pctStart;
    private final double[] moms;

    private OneCycle(Builder b) {
        this.lrMax = b.lrMax;
        this.div = b.div;
        this.divFinal = b.divFinal;
        this.pctStart = b.pctStart;
        this.moms = b.moms;
    }

    public static Builder builder(LrSlice lrMax) {
        return new Builder(lrMax);
    }

    /** The schedules for a model with {@code nGroups} parameter groups. */
    @Override
    public Map<Hyper, Schedule[]> forGroups(int nGroups) {
        double[] peaks = lrMax.forGroups(nGroups);
        Schedule[] lr = new Schedule[nGroups];
        for (int i = 0; i < nGroups; i++) {
            lr[i] = Schedule.combinedCos(pctStart, peaks[i] / div, peaks[i], peaks[i] / divFinal);
        }
        Map<Hyper, Schedule[]> scheds = new EnumMap<>(Hyper.class);
        scheds.put(Hyper.LR, lr);
        scheds.put(Hyper.MOM, new Schedule[] {Schedule.combinedCos(pctStart, moms[0], moms[1], moms[2])});
        return scheds;
    }

    public static final class Builder {
        private final LrSlice lrMax;
        // fastai defaults: div=25, div_final=1e5, pct_start=0.25, moms=(0.95, 0.85, 0.95)
        private double div = 25;
        private double divFinal = 1e5;
        private double pctStart = 0.25;
        private double[] moms = {0.95, 0.85, 0.95};

        private Builder(LrSlice lrMax) {
            this.lrMax = lrMax;
        }

        public Builder div(double div) {
            this.div = div;
            return this;
        }

        public Builder divFinal(double divFinal) {
            this.divFinal = divFinal;
            return this;
        }

        public Builder pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        public Builder moms(double start, double middle, double end) {
            this.moms = new double[] {start, middle, end};
            return this;
        }

        public OneCycle build() {
            return new OneCycle(this);
        }
    }
}
