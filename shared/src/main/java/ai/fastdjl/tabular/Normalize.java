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
    private final Map<String, double[]> stats = new LinkedHashMap<>();

    public Normalize(List<String> conts) {
        this.conts = List.copyOf(conts);
    }

    @Override
    public void setup(Table train) {
        stats.clear();
        for (String name : conts) {
            double[] v = FillMissing.values(train.column(name));
            double mean = 0;
            int n = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    mean += x;
                    n++;
                }
            }
            mean = n == 0 ? 0 : mean / n;
            double ss = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            stats.put(name, new double[] {mean, Math.sqrt(n == 0 ? 0 : ss / n) + EPS});
        }
    }

    @Override
    public Table apply(Table t) {
        for (String name : conts) {
            double[] v = FillMissing.values(t.column(name));
            double[] s = stats.get(name);
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] - s[0]) / s[1];
            }
            t.replaceColumn(name, DoubleColumn.create(name, v));
        }
        return t;
    }

    public double mean(String col) {
        return stats.get(col)[0];
    }

    public double std(String col) {
        return stats.get(col)[1];
    }
}
