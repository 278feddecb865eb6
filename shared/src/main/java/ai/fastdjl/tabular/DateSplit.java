package ai.fastdjl.tabular;

import ai.fastdjl.cli.UserInputException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * A validation set of the latest rows, as the ML course insists for data over time (a random split would let the
 * model see the future it is asked to predict): the rows of the last {@code n} dates, or the latest fraction of them.
 * The order comes from a numeric column (a decimal year) or a date column; without one, rows keep the file's order.
 */
public final class DateSplit {
    private DateSplit() {}

    /**
     * Validation rows: those of the last {@code n} distinct values of {@code col} ({@code --valid-last}), or the last
     * {@code n} rows when {@code col} is null.
     */
    public static boolean[] lastDates(Table t, String col, int n) {
        boolean[] valid = new boolean[t.rowCount()];
        if (col == null) {
            Arrays.fill(valid, Math.max(0, valid.length - n), valid.length, true);
            return valid;
        }
        double[] key = keys(t, col);
        double[] distinct = Arrays.stream(key).filter(k -> !Double.isNaN(k)).distinct().sorted().toArray();
        if (n < 1 || n >= distinct.length) {
            throw new UserInputException("--valid-last " + n + " must be between 1 and the " + (distinct.length - 1)
                    + " dates before the last in " + t.name());
        }
        double from = distinct[distinct.length - n];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = key[i] >= from;
        }
        return valid;
    }

    /**
     * Validation rows: the latest fraction {@code f} of rows by {@code col} ({@code --valid-frac}), or a seeded random
     * fraction when {@code col} is null (data with no order).
     */
    public static boolean[] latestFraction(Table t, String col, double f, long seed) {
        if (!(f > 0 && f < 1)) {
            throw new UserInputException("--valid-frac " + f + " must be between 0 and 1");
        }
        boolean[] valid = new boolean[t.rowCount()];
        if (col == null) {
            Random r = new Random(seed);
            for (int i = 0; i < valid.length; i++) {
                valid[i] = r.nextDouble() < f;
            }
            return valid;
        }
        double[] key = keys(t, col);
        double[] sorted = Arrays.stream(key).filter(k -> !Double.isNaN(k)).sorted().toArray();
        double from = sorted[(int) Math.floor((1 - f) * (sorted.length - 1))];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = key[i] > from;
        }
        return valid;
    }

    /** A sortable number per row: the value of a numeric column, or seconds since 1970 of a date (NaN if missing). */
    static double[] keys(Table t, String col) {
        if (!t.containsColumn(col)) {
            throw new UserInputException("--date column '" + col + "' not found in " + t.name() + "; its columns are "
                    + String.join(", ", t.columnNames()));
        }
        if (t.column(col) instanceof NumericColumn<?> nc) {
            double[] k = new double[t.rowCount()];
            for (int i = 0; i < k.length; i++) {
                k[i] = nc.isMissing(i) ? Double.NaN : nc.getDouble(i);
            }
            return k;
        }
        LocalDateTime[] d = DateParts.dates(t, col);
        return Arrays.stream(d).mapToDouble(x -> x == null ? Double.NaN : x.toEpochSecond(ZoneOffset.UTC)).toArray();
    }
}
