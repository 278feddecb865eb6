package ai.fastdjl.schedule;

import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.LrSlice;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * SGDR, stochastic gradient descent with warm restarts (Loshchilov &amp; Hutter 2016; fastai's {@code fit_sgdr}):
 * {@code nCycles} cosine annealings from {@code lrMax} to 0, the {@code i}-th lasting {@code cycleLen·cycleMult^i}
 * epochs. Each restart jumps out of the current minimum; the end of each cycle is a good model to keep for a
 * snapshot ensemble (Huang et al. 2017).
 */
public final class Sgdr {
    private final int nCycles;
    private final int cycleLen;
    private final int cycleMult;

    public Sgdr(int nCycles, int cycleLen, int cycleMult) {
        if (nCycles < 1 || cycleLen < 1 || cycleMult < 1) {
            throw new IllegalArgumentException("SGDR needs at least one cycle of at least one epoch, cycle_mult ≥ 1");
        }
        this.nCycles = nCycles;
        this.cycleLen = cycleLen;
        this.cycleMult = cycleMult;
    }

    /** Total epochs: {@code cycleLen·(1 + mult + … + mult^(n-1))}. */
    public int epochs() {
        int total = 0;
        for (int i = 0; i < nCycles; i++) {
            total += cycleLen * (int) Math.pow(cycleMult, i);
        }
        return total;
    }

    /** The epochs (1-based counts) after which each cycle ends. */
    public int[] cycleEnds() {
        int[] ends = new int[nCycles];
        int e = 0;
        for (int i = 0; i < nCycles; i++) {
            e += cycleLen * (int) Math.pow(cycleMult, i);
            ends[i] = e;
        }
        return ends;
    }

    /** The learning-rate schedule over the whole run (fastai: combine_scheds(pcts, [SchedCos(lr_max, 0)]*n)). */
    public Schedule schedule(double lrMax) {
        double[] pcts = new double[nCycles];
        Schedule[] scheds = new Schedule[nCycles];
        int total = epochs();
        for (int i = 0; i < nCycles; i++) {
            pcts[i] = cycleLen * Math.pow(cycleMult, i) / total;
            scheds[i] = Schedule.cos(lrMax, 0);
        }
        // rounding: make the fractions sum to exactly 1
        pcts[nCycles - 1] = 1 - Arrays.stream(pcts, 0, nCycles - 1).sum();
        return Schedule.combine(pcts, scheds);
    }

    /** The plan for {@code Learner.fit(epochs(), …)}: this schedule for each group, from {@code lrMax}'s rates. */
    public Scheds scheds(LrSlice lrMax) {
        return nGroups -> {
            Map<Hyper, Schedule[]> scheds = new EnumMap<>(Hyper.class);
            scheds.put(Hyper.LR, Arrays.stream(lrMax.forGroups(nGroups)).mapToObj(this::schedule).toArray(Schedule[]::new));
            return scheds;
        };
    }
}
