package ai.fastdjl.optim;

/**
 * Learning rates across parameter groups, as fastai's {@code slice}: {@code of(hi)} gives the last group
 * {@code hi} and every earlier group {@code hi/10}; {@code of(lo, hi)} spreads them geometrically from {@code lo}
 * (first group) to {@code hi} (last group), fastai's {@code even_mults}. Discriminative learning rates: early layers
 * hold general features and should move less.
 */
public record LrSlice(double lo, double hi, boolean spread) {

    /** A single learning rate for every group when there is one group; else fastai's {@code slice(hi)}. */
    public static LrSlice of(double hi) {
        return new LrSlice(hi / 10, hi, false);
    }

    public static LrSlice of(double lo, double hi) {
        return new LrSlice(lo, hi, true);
    }

    /** The same learning rate on every group (a plain float in fastai). */
    public static LrSlice flat(double lr) {
        return new LrSlice(lr, lr, true);
    }

    /** One learning rate per group, first to last. */
    public double[] forGroups(int n) {
        double[] lrs = new double[n];
        for (int i = 0; i < n; i++) {
            if (i == n - 1) {
                lrs[i] = hi;
            } else if (!spread) {
                lrs[i] = lo;
            } else {
                // even_mults(lo, hi, n): lo · (hi/lo)^(i/(n-1))
                lrs[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
            }
        }
        return lrs;
    }

    /** Divides every learning rate by {@code d} (one-cycle's start and end). */
    public LrSlice div(double d) {
        return new LrSlice(lo / d, hi / d, spread);
    }
}
