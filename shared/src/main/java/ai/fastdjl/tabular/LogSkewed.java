package ai.fastdjl.tabular;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * {@code log(1 + x)} for the continuous inputs that are counts or amounts with a long right tail: no negative
 * training value and a sample skewness above {@link #MAX_SKEW}. {@link Normalize} alone leaves such a column's
 * typical rows squeezed near one value and its largest ones tens of standard deviations out, where a network's
 * units saturate; trees only read the order, which the log keeps. Fitted on the training rows; a later negative
 * value is read as 0. Run it after {@link FillMissing} and before {@link Normalize}.
 *
 * <p>Measured on modeldata's {@code hpc_data} (counts of compounds, fields, iterations; 4 classes, 2 seeds): the
 * entity-embedding network's accuracy 0.769 → 0.806 (the forest's 0.818), cross-entropy 0.569 → 0.487; on
 * {@code ames} house prices no change beyond the seeds' spread.
 */
public final class LogSkewed implements TabularProc {
    /**
     * The threshold of the house-price kernels that popularised this step (Kaggle's "House Prices" competition,
     * e.g. A. Papiu's "Regularized linear models", 2016: {@code log1p} of every feature with skewness above 0.75).
     */
    public static final double MAX_SKEW = 0.75;
    private final List<String> conts;
    private final List<String> logged = new ArrayList<>();

    public LogSkewed(List<String> conts) {
        this.conts = List.copyOf(conts);
    }

    @Override
    public void setup(Table train) {
        logged.clear();
        for (String name : conts) {
            if (skewness(FillMissing.values(train.column(name))) > MAX_SKEW) {
                logged.add(name);
            }
        }
    }

    @Override
    public Table apply(Table t) {
        for (String name : logged) {
            double[] v = FillMissing.values(t.column(name));
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.isNaN(v[i]) ? v[i] : Math.log1p(Math.max(0, v[i]));
            }
            t.replaceColumn(name, DoubleColumn.create(name, v));
        }
        return t;
    }

    /** The columns that get the log. */
    public List<String> logged() {
        return List.copyOf(logged);
    }

    /** A value of column {@code col} after this step back to the column's own units. */
    public double invert(String col, double v) {
        return logged.contains(col) ? Math.expm1(v) : v;
    }

    /**
     * The sample skewness {@code m3 / m2^1.5} (pandas' {@code skew} without its small-sample correction) of the
     * non-missing values; NaN when a value is negative (not a count or an amount) or the column is constant.
     */
    static double skewness(double[] v) {
        double n = 0;
        double mean = 0;
        for (double x : v) {
            if (x < 0) {
                return Double.NaN;
            }
            if (!Double.isNaN(x)) {
                n++;
                mean += x;
            }
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                m2 += (x - mean) * (x - mean) / n;
                m3 += (x - mean) * (x - mean) * (x - mean) / n;
            }
        }
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : Double.NaN;
    }
}
