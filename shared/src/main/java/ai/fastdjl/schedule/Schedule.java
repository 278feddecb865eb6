package ai.fastdjl.schedule;

/**
 * A hyper-parameter as a function of training progress {@code pct ∈ [0, 1]}, as in fastai's {@code SchedLin},
 * {@code SchedCos}, {@code SchedExp}, {@code SchedNo} and {@code combine_scheds}.
 */
@FunctionalInterface
public interface Schedule {

    double at(double pct);

    /** Linear from {@code start} to {@code end}. */
    static Schedule lin(double start, double end) {
        return pct -> start + pct * (end - start);
    }

    /** Half a cosine from {@code start} to {@code end}: flat at both ends, steepest in the middle. */
    static Schedule cos(double start, double end) {
        return pct -> start + (1 + Math.cos(Math.PI * (1 - pct))) * (end - start) / 2;
    }

    /** Exponential (linear in log space) from {@code start} to {@code end}: the LR finder's sweep. */
    static Schedule exp(double start, double end) {
        return pct -> start * Math.pow(end / start, pct);
    }

    /** Constant. */
    static Schedule constant(double value) {
        return pct -> value;
    }

    /**
     * Runs {@code scheds[i]} over the fraction {@code pcts[i]} of training, each seeing its own progress from 0 to
     * 1. The fractions must sum to 1.
     */
    static Schedule combine(double[] pcts, Schedule... scheds) {
        if (pcts.length != scheds.length) {
            throw new IllegalArgumentException(pcts.length + " fractions for " + scheds.length + " schedules");
        }
        double[] bounds = new double[pcts.length + 1];
        for (int i = 0; i < pcts.length; i++) {
            if (pcts[i] < 0) {
                throw new IllegalArgumentException("negative schedule fraction " + pcts[i]);
            }
            bounds[i + 1] = bounds[i] + pcts[i];
        }
        if (Math.abs(bounds[pcts.length] - 1) > 1e-9) {
            throw new IllegalArgumentException("schedule fractions sum to " + bounds[pcts.length] + ", not 1");
        }
        return pct -> {
            int i = 0;
            // the last phase whose start is at or before pct (fastai: (pos >= pcts).nonzero().max())
            while (i < pcts.length - 1 && pct >= bounds[i + 1]) {
                i++;
            }
            double width = bounds[i + 1] - bounds[i];
            return scheds[i].at(width == 0 ? 1 : (pct - bounds[i]) / width);
        };
    }

    /** Cosine from {@code start} to {@code middle} over {@code pct} of training, then cosine to {@code end}. */
    static Schedule combinedCos(double pct, double start, double middle, double end) {
        return combine(new double[] {pct, 1 - pct}, cos(start, middle), cos(middle, end));
    }
}
