package ai.fastdjl.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * fastai's tabular {@code Normalize}: {@code (x - mean) / std} with the training rows' mean and population
 * standard deviation ({@code std(ddof=0) + 1e-7}, fastai's), so continuous inputs start on the same scale as the
 * embeddings and a constant column does not divide by zero. Run it after {@link FillMissing}.
 */
public final class Normalize implements TabularProc {
    /** fastai adds 1e-7 to the standard deviation. */
    public static final double EPS = 1e-7;
    private final List<String> conts;
    private final double winsorize;
    private final Map<String, double[]> stats = new LinkedHashMap<>(); // mean, std, low, high

    public Normalize(List<String> conts) {
        this(conts, 0);
    }

    /**
     * With {@code winsorize} {@code q > 0}, values outside the training rows' {@code q} and {@code 1 − q} quantiles
     * are first moved to them (winsorizing), so one mistyped or extreme value cannot put a row far outside what
     * the network was fitted on.
     */
    public Normalize(List<String> conts, double winsorize) {
        this.conts = List.copyOf(conts);
        this.winsorize = winsorize;
    }

    @Override
    public void setup(Table train) {
        stats.clear();
        for (String name : conts) {
            double[] v = FillMissing.values(train.column(name));
            double[] present = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
            int n = present.length;
            double low = Double.NEGATIVE_INFINITY;
            double high = Double.POSITIVE_INFINITY;
            double mean = 0;
            if (winsorize > 0 && n > 0) { // the mean and std are then those of the moved values, as the model sees them
                java.util.Arrays.sort(present);
                low = quantile(present, winsorize);
                high = quantile(present, 1 - winsorize);
                for (double x : present) {
                    mean += Math.max(low, Math.min(high, x)) / n;
                }
            } else {
                for (double x : present) {
                    mean += x;
                }
                mean = n == 0 ? 0 : mean / n;
            }
            double ss = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    double c = Math.max(low, Math.min(high, x));
                    ss += (c - mean) * (c - mean);
                }
            }
            stats.put(name, new double[] {mean, Math.sqrt(n == 0 ? 0 : ss / n) + EPS, low, high});
        }
    }

    @Override
    public Table apply(Table t) {
        for (String name : conts) {
            double[] v = FillMissing.values(t.column(name));
            double[] s = stats.get(name);
            for (int i = 0; i < v.length; i++) {
                v[i] = (Math.max(s[2], Math.min(s[3], v[i])) - s[0]) / s[1];
            }
            t.replaceColumn(name, DoubleColumn.create(name, v));
        }
        return t;
    }

    /** numpy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public double mean(String col) {
        return stats.get(col)[0];
    }

    public double std(String col) {
        return stats.get(col)[1];
    }
}
