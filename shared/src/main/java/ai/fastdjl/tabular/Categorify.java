package ai.fastdjl.tabular;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code Categorify}: each categorical column becomes integer codes into a vocabulary learned from the
 * training rows, sorted (numbers by value, text alphabetically). Code 0 is {@code #na#}: a missing value, and a
 * value never seen in training (a store opened after the training period), share it, so the model has one row of
 * its embedding for "unknown" rather than failing.
 */
public final class Categorify implements TabularProc {
    /** fastai's name for the unknown/missing level. */
    public static final String NA = "#na#";
    private final List<String> cats;
    private final Map<String, List<String>> vocabs = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> codes = new HashMap<>();

    public Categorify(List<String> cats) {
        this.cats = List.copyOf(cats);
    }

    @Override
    public void setup(Table train) {
        vocabs.clear();
        codes.clear();
        for (String name : cats) {
            Column<?> c = train.column(name);
            boolean numeric = ColumnRoles.isNumeric(c);
            Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble)
                    : Comparator.naturalOrder();
            TreeSet<String> seen = new TreeSet<>(order);
            for (int i = 0; i < c.size(); i++) {
                if (!c.isMissing(i)) {
                    seen.add(key(c, i));
                }
            }
            List<String> vocab = new ArrayList<>();
            vocab.add(NA);
            vocab.addAll(seen);
            Map<String, Integer> index = new HashMap<>();
            for (int k = 1; k < vocab.size(); k++) {
                index.put(vocab.get(k), k);
            }
            vocabs.put(name, List.copyOf(vocab));
            codes.put(name, index);
        }
    }

    @Override
    public Table apply(Table t) {
        for (String name : cats) {
            Column<?> c = t.column(name);
            Map<String, Integer> index = codes.get(name);
            int[] out = new int[c.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = c.isMissing(i) ? 0 : index.getOrDefault(key(c, i), 0);
            }
            t.replaceColumn(name, IntColumn.create(name, out));
        }
        return t;
    }

    /** {@code #na#} then the training values in order. */
    public List<String> vocab(String col) {
        return vocabs.get(col);
    }

    /** Levels including {@code #na#}: the rows of the column's embedding. */
    public int cardinality(String col) {
        return vocabs.get(col).size();
    }

    public List<String> names() {
        return cats;
    }

    /** One spelling per value whatever the column's type: {@code 3} for 3, 3.0 and "3"'s numeric reading. */
    static String key(Column<?> c, int i) {
        if (c instanceof BooleanColumn bc) {
            return String.valueOf(bc.get(i));
        }
        if (c instanceof NumericColumn<?> nc) {
            double v = nc.getDouble(i);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return c.getString(i);
    }
}
