package ai.fastdjl.datasets.rdata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns R data frames (and vectors, matrices and lists of equal-length vectors) into tablesaw tables.
 *
 * <p>Column types: integer → {@link IntColumn}, double → {@link DoubleColumn}, logical → {@link BooleanColumn},
 * character → {@link StringColumn}, factor → {@link StringColumn} of its labels, {@code Date} →
 * {@link DateColumn}, {@code POSIXct} → {@link DateTimeColumn} in UTC. Every R NA becomes tablesaw's missing value;
 * tablesaw cannot tell a missing string from an empty one, nor NA_real_ from NaN. Character row names (R's way of
 * keying rows, as in {@code mtcars}) become a first column "rownames"; row numbers (automatic ones, or numbers left
 * by subsetting) are dropped.
 */
public final class RFrames {

    /** The column added for character row names. */
    public static final String ROW_NAMES_COLUMN = "rownames";

    /** Seconds are split into whole seconds and nanoseconds for java.time. */
    private static final double NANOS_PER_SECOND = 1e9;

    private RFrames() {
    }

    /** Whether an object is a data frame (tibbles included: they inherit from "data.frame"). */
    public static boolean isDataFrame(RObject value) {
        return value instanceof RObject.ListVector && value.inherits("data.frame");
    }

    /**
     * Number of rows of a data frame, from its row names: R stores automatic ones compactly as c(NA, -n) (R's
     * src/main/attrib.c, row_names_gets), explicit ones as a vector of n names.
     */
    public static int rowCount(RObject frame) {
        RObject rowNames = frame.attribute("row.names");
        if (rowNames instanceof RObject.Integers ints && ints.values().length == 2
                && ints.values()[0] == RObject.NA_INTEGER) {
            return Math.abs(ints.values()[1]);
        }
        if (!(rowNames instanceof RObject.Null)) return rowNames.length();
        return frame.length() == 0 ? 0 : ((RObject.ListVector) frame).values().get(0).length();
    }

    /**
     * Converts an object to a table named {@code name}.
     *
     * <ul>
     *   <li>a data frame: one column per R column;</li>
     *   <li>a vector (janeaustenr's novels are character vectors of lines): one column named {@code name}, after a
     *       "names" column if the vector is named;</li>
     *   <li>a matrix: one column per matrix column, named by its column names or V1..Vn;</li>
     *   <li>a list of equally long vectors: as a data frame.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for anything else (nested lists, list columns, NULL), naming the object and
     *     what it holds
     */
    public static Table toTable(String name, RObject value) {
        if (value instanceof RObject.ListVector list) return listToTable(name, list);
        if (isAtomic(value)) {
            RObject dim = value.attribute("dim");
            if (!(dim instanceof RObject.Null)) return matrixToTable(name, value, dim);
            Table table = Table.create(name);
            List<String> names = value.names();
            if (!names.isEmpty()) table.addColumns(stringColumn("names", names.toArray(new String[0])));
            table.addColumns(column(name, name, value));
            return table;
        }
        throw new IllegalArgumentException("R object '" + name + "' is " + RObject.describe(value)
                + ", not a data frame or vector; only data can become a table");
    }

    private static Table listToTable(String name, RObject.ListVector list) {
        boolean frame = isDataFrame(list);
        int rows = frame ? rowCount(list) : -1;
        List<String> names = list.names();
        for (int i = 0; i < list.values().size(); i++) {
            RObject col = list.values().get(i);
            String colName = i < names.size() ? names.get(i) : null;
            String where = "column " + (i + 1) + (colName == null ? "" : " ('" + colName + "')") + " of R object '"
                    + name + "'";
            if (!isAtomic(col) || !(col.attribute("dim") instanceof RObject.Null)) {
                throw new IllegalArgumentException(where + " is " + RObject.describe(col)
                        + (frame ? ", which a flat table cannot hold; drop or flatten it in R, or read the object "
                        + "with LazyLoadDb.read / RFiles and take the columns you need"
                        : "; '" + name + "' is a list of " + list.length() + " elements (" + summary(list)
                        + "), not a table: convert one element instead"));
            }
            if (rows < 0) rows = col.length();
            if (col.length() != rows) {
                throw new IllegalArgumentException(where + " has " + col.length() + " values but "
                        + (frame ? "the data frame has " + rows + " rows" : "the first element has " + rows)
                        + "; the object is not rectangular: convert its elements one by one");
            }
        }
        Table table = Table.create(name);
        Set<String> used = new HashSet<>();
        RObject rowNames = list.attribute("row.names");
        if (frame && rowNames instanceof RObject.Strings labels && !allRowNumbers(labels.values())) {
            table.addColumns(stringColumn(unique(ROW_NAMES_COLUMN, used), labels.values()));
        }
        for (int i = 0; i < list.values().size(); i++) {
            String colName = i < names.size() && names.get(i) != null && !names.get(i).isEmpty() ? names.get(i)
                    : "V" + (i + 1);
            table.addColumns(column(unique(colName, used), name, list.values().get(i)));
        }
        return table;
    }

    /**
     * Row names that are all whole numbers ("1", "2", "4", ...) are row positions left over from subsetting in R
     * (modeldata's attrition, dslabs' olive), not keys.
     */
    private static boolean allRowNumbers(String[] labels) {
        for (String label : labels) {
            if (label == null || label.isEmpty()) return false;
            for (int i = 0; i < label.length(); i++) {
                if (label.charAt(i) < '0' || label.charAt(i) > '9') return false;
            }
        }
        return true;
    }

    private static String summary(RObject.ListVector list) {
        List<String> parts = new ArrayList<>();
        List<String> names = list.names();
        for (int i = 0; i < list.values().size(); i++) {
            String label = i < names.size() && names.get(i) != null ? names.get(i) : "[[" + (i + 1) + "]]";
            parts.add(label + ": " + RObject.describe(list.values().get(i)));
        }
        return String.join(", ", parts);
    }

    /**
     * R allows repeated column names (check.names = FALSE); tablesaw does not, even differing only in case, so
     * repeats get ".1", ".2" as R's make.unique would name them.
     */
    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int k = 1; !used.add(candidate.toLowerCase()); k++) candidate = name + "." + k;
        return candidate;
    }

    private static Table matrixToTable(String name, RObject value, RObject dim) {
        if (!(dim instanceof RObject.Integers d) || d.values().length != 2) {
            throw new IllegalArgumentException("R object '" + name + "' is an array with dim " + RObject.describe(dim)
                    + "; only vectors and two-dimensional matrices become tables");
        }
        int rows = d.values()[0];
        int cols = d.values()[1];
        List<String> rowNames = List.of();
        List<String> colNames = List.of();
        if (value.attribute("dimnames") instanceof RObject.ListVector dimnames && dimnames.values().size() == 2) {
            if (dimnames.values().get(0) instanceof RObject.Strings r) rowNames = List.of(nonNull(r.values()));
            if (dimnames.values().get(1) instanceof RObject.Strings c) colNames = List.of(nonNull(c.values()));
        }
        Table table = Table.create(name);
        Set<String> used = new HashSet<>();
        if (!rowNames.isEmpty()) {
            table.addColumns(stringColumn(unique(ROW_NAMES_COLUMN, used), rowNames.toArray(new String[0])));
        }
        for (int j = 0; j < cols; j++) {
            String colName = j < colNames.size() && !colNames.get(j).isEmpty() ? colNames.get(j) : "V" + (j + 1);
            table.addColumns(column(unique(colName, used), name, slice(value, j * rows, rows)));
        }
        return table;
    }

    private static String[] nonNull(String[] values) {
        String[] out = values.clone();
        for (int i = 0; i < out.length; i++) if (out[i] == null) out[i] = "";
        return out;
    }

    /** One matrix column (R stores matrices column by column), keeping the class for factors/dates. */
    private static RObject slice(RObject value, int from, int count) {
        Map<String, RObject> attrs = value.attributes().entrySet().stream()
                .filter(e -> e.getKey().equals("class") || e.getKey().equals("levels") || e.getKey().equals("tzone"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (value instanceof RObject.Integers v) {
            return new RObject.Integers(Arrays.copyOfRange(v.values(), from, from + count), attrs);
        }
        if (value instanceof RObject.Doubles v) {
            return new RObject.Doubles(Arrays.copyOfRange(v.values(), from, from + count), attrs);
        }
        if (value instanceof RObject.Logicals v) {
            return new RObject.Logicals(Arrays.copyOfRange(v.values(), from, from + count), attrs);
        }
        RObject.Strings s = (RObject.Strings) value;
        return new RObject.Strings(Arrays.copyOfRange(s.values(), from, from + count), attrs);
    }

    private static boolean isAtomic(RObject value) {
        return value instanceof RObject.Integers || value instanceof RObject.Doubles
                || value instanceof RObject.Logicals || value instanceof RObject.Strings;
    }

    /** One R vector as a column; {@code objectName} is for messages. */
    static Column<?> column(String colName, String objectName, RObject value) {
        String where = "column '" + colName + "' of R object '" + objectName + "'";
        if (value instanceof RObject.Integers v) {
            if (value.inherits("factor")) return factorColumn(colName, v, where);
            if (value.inherits("Date")) return dateColumn(colName, toDoubles(v.values()));
            if (value.inherits("POSIXct")) return dateTimeColumn(colName, toDoubles(v.values()));
            // tablesaw's missing int is Integer.MIN_VALUE, R's NA_integer_: the array carries over as is.
            return IntColumn.create(colName, v.values());
        }
        if (value instanceof RObject.Doubles v) {
            if (value.inherits("integer64")) {
                throw new IllegalArgumentException(where + " is a bit64::integer64, whose 64-bit integers R stores "
                        + "in doubles' bits; convert it in R with as.numeric() or as.character() first");
            }
            if (value.inherits("Date")) return dateColumn(colName, v.values());
            if (value.inherits("POSIXct")) return dateTimeColumn(colName, v.values());
            // NA_real_ and NaN are both NaN, tablesaw's missing double.
            return DoubleColumn.create(colName, v.values());
        }
        if (value instanceof RObject.Logicals v) {
            BooleanColumn column = BooleanColumn.create(colName);
            for (int x : v.values()) {
                if (x == RObject.NA_INTEGER) column.appendMissing();
                else column.append(x != 0);
            }
            return column;
        }
        if (value instanceof RObject.Strings v) return stringColumn(colName, v.values());
        throw new IllegalArgumentException(where + " is " + RObject.describe(value) + ", which has no column type");
    }

    private static StringColumn factorColumn(String colName, RObject.Integers codes, String where) {
        if (!(codes.attribute("levels") instanceof RObject.Strings levels)) {
            throw new IllegalArgumentException(where + " is a factor without character levels; the data is corrupt");
        }
        String[] labels = levels.values();
        String[] values = new String[codes.values().length];
        for (int i = 0; i < values.length; i++) {
            int code = codes.values()[i];
            if (code == RObject.NA_INTEGER) continue;
            if (code < 1 || code > labels.length) {
                throw new IllegalArgumentException(where + " has factor code " + code + " at row " + (i + 1)
                        + " but only " + labels.length + " levels; the data is corrupt");
            }
            values[i] = labels[code - 1]; // R's factor codes count from 1
        }
        return stringColumn(colName, values);
    }

    private static StringColumn stringColumn(String colName, String[] values) {
        StringColumn column = StringColumn.create(colName);
        for (String s : values) {
            if (s == null) column.appendMissing();
            else column.append(s);
        }
        return column;
    }

    private static double[] toDoubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == RObject.NA_INTEGER ? Double.NaN : values[i];
        }
        return out;
    }

    /** R's Date: days since 1970-01-01, possibly fractional (floor gives the day, as R's format.Date). */
    private static DateColumn dateColumn(String colName, double[] days) {
        DateColumn column = DateColumn.create(colName);
        for (double d : days) {
            if (Double.isFinite(d)) column.append(LocalDate.ofEpochDay((long) Math.floor(d)));
            else column.appendMissing();
        }
        return column;
    }

    /** R's POSIXct: seconds since 1970-01-01 UTC; the "tzone" attribute only affects printing, so UTC is kept. */
    private static DateTimeColumn dateTimeColumn(String colName, double[] seconds) {
        DateTimeColumn column = DateTimeColumn.create(colName);
        for (double s : seconds) {
            if (Double.isFinite(s)) {
                long whole = (long) Math.floor(s);
                int nanos = (int) Math.round((s - whole) * NANOS_PER_SECOND);
                if (nanos >= NANOS_PER_SECOND) {
                    whole++;
                    nanos = 0;
                }
                column.append(LocalDateTime.ofEpochSecond(whole, nanos, ZoneOffset.UTC));
            } else {
                column.appendMissing();
            }
        }
        return column;
    }
}
