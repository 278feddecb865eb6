package ai.fastdjl.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code FillMissing} (its default {@code FillStrategy.median}, {@code add_col=True}): a missing number
 * becomes the training median, and a column that had missing values in the training rows gets a boolean
 * {@code <name>_na} column, so the model can still tell "unknown" from "typical". The flag columns are
 * categorical ({@link #addedCats()}).
 *
 * <p>A column with no missing training values but missing validation values is filled with the median too, but
 * without a flag: the model never learned one (fastai raises an error there instead).
 */
public final class FillMissing implements TabularProc {
    private final List<String> conts;
    private final Map<String, Double> medians = new LinkedHashMap<>();
    private final List<String> flagged = new ArrayList<>();

    public FillMissing(List<String> conts) {
        this.conts = List.copyOf(conts);
    }

    @Override
    public void setup(Table train) {
        medians.clear();
        flagged.clear();
        for (String name : conts) {
            Column<?> c = train.column(name);
            double[] v = values(c);
            double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
            medians.put(name, median(present));
            if (present.length < v.length) {
                flagged.add(name);
            }
        }
    }

    @Override
    public Table apply(Table t) {
        for (String name : conts) {
            double[] v = values(t.column(name));
            boolean[] na = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    na[i] = true;
                    v[i] = medians.get(name);
                }
            }
            t.replaceColumn(name, DoubleColumn.create(name, v));
            if (flagged.contains(name)) {
                t.addColumns(BooleanColumn.create(name + "_na", na));
            }
        }
        return t;
    }

    /** The {@code _na} flag columns this step adds, to be treated as categories. */
    public List<String> addedCats() {
        return flagged.stream().map(n -> n + "_na").toList();
    }

    public double median(String col) {
        return medians.get(col);
    }

    /** pandas' median: the mean of the two middle values for an even count; 0 when nothing is known. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A numeric column as doubles, NaN where missing. */
    static double[] values(Column<?> c) {
        double[] v = new double[c.size()];
        NumericColumn<?> nc = (NumericColumn<?>) c;
        for (int i = 0; i < v.length; i++) {
            v[i] = c.isMissing(i) ? Double.NaN : nc.getDouble(i);
        }
        return v;
    }
}
