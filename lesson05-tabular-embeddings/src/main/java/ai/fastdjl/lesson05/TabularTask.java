package ai.fastdjl.lesson05;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.datasets.ChicagoRidership;
import ai.fastdjl.datasets.TxHousing;
import ai.fastdjl.tabular.ColumnRoles;
import ai.fastdjl.tabular.DateParts;
import ai.fastdjl.tabular.EventDistance;
import ai.fastdjl.tabular.TabularMetrics;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.selection.Selection;

/**
 * One tabular problem ready for the lesson's models: training and validation rows (split in time, as the course
 * insists for data with dates), the column roles, whether the target is modelled as a log, and notes on what was
 * assumed or inferred.
 */
public record TabularTask(String name, Table train, Table valid, ColumnRoles roles, boolean logTarget, String notes) {

    /** What a data source asks for before the flags override it. */
    static final class Spec {
        Table table;
        String source;
        String target;
        List<String> cats;
        List<String> conts;
        String date;
        String splitBy;
        List<String> events = List.of();
        String eventGroup;
        Integer validLast;
        Double validFrac;
        boolean logTarget;
        final List<String> notes = new ArrayList<>();
    }

    public static TabularTask load(TabularOptions o, CommonOptions c) {
        int sources = (o.csv != null ? 1 : 0) + (o.rossmann != null ? 1 : 0) + (o.dataset != null ? 1 : 0);
        if (sources > 1) {
            throw new UserInputException("pass only one of --dataset, --csv and --rossmann");
        }
        Spec s;
        if (o.csv != null) {
            s = csv(o);
        } else if (o.rossmann != null) {
            s = Rossmann.spec(o.rossmann);
        } else {
            String name = o.dataset == null ? "txhousing" : o.dataset.toLowerCase(java.util.Locale.ROOT);
            s = switch (name) {
                case "txhousing" -> txhousing(c);
                case "chicago" -> chicago(c);
                default -> throw new UserInputException("--dataset '" + o.dataset
                        + "' is not one of txhousing, chicago; for other data pass --csv FILE --target COL");
            };
        }
        // flags override the source's choices
        s.target = o.target != null ? o.target : s.target;
        if (o.cats != null || o.conts != null) {
            s.cats = o.cats != null ? o.cats : List.of();
            s.conts = o.conts != null ? o.conts : List.of();
        }
        s.date = o.date != null ? o.date : s.date;
        s.splitBy = o.date != null ? o.date : s.splitBy;
        s.events = o.events != null ? o.events : s.events;
        s.eventGroup = o.eventGroup != null ? o.eventGroup : s.eventGroup;
        if (o.validLast != null || o.validFrac != null) {
            s.validLast = o.validLast;
            s.validFrac = o.validFrac;
        }
        s.logTarget = o.logTarget != null ? o.logTarget : s.logTarget;
        return build(s, o.maxCard, c.seed);
    }

    private static Spec csv(TabularOptions o) {
        if (!Files.isRegularFile(o.csv)) {
            throw new UserInputException("--csv file " + o.csv + " not found; pass a CSV file with a header row");
        }
        Spec s = new Spec();
        s.table = readCsv(o.csv, Map.of());
        s.source = o.csv.getFileName().toString();
        if (o.target == null) {
            throw new UserInputException("--csv needs --target COL, the column to predict; " + s.source
                    + "'s columns are " + String.join(", ", s.table.columnNames()));
        }
        s.validFrac = 0.2;
        return s;
    }

    /** Reads a CSV whole (types from every row, not a sample), with the usual spellings of "missing". */
    static Table readCsv(java.nio.file.Path file, Map<String, tech.tablesaw.api.ColumnType> types) {
        // tablesaw reads an empty file as a table without columns: say what is wrong instead of "no such column"
        if (file.toFile().isFile() && file.toFile().length() == 0) {
            throw new UserInputException(file + " is empty; a CSV needs a header line and data rows");
        }
        try {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).sample(false)
                    .missingValueIndicator("", "NA", "N/A", "NaN", "nan", "null", "NULL").columnTypesPartial(types))
                    .setName(file.getFileName().toString());
            if (t.rowCount() == 0) {
                throw new UserInputException(file + " has a header line but no data rows");
            }
            return t;
        } catch (UserInputException e) {
            throw e;
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            throw new UserInputException(file + " could not be read as CSV (" + why + "); check the file", e);
        }
    }

    private static Spec txhousing(CommonOptions c) {
        Spec s = new Spec();
        s.table = TxHousing.load(c.data());
        s.source = "txhousing";
        s.target = "sales";
        // the peers use city, year and month only; year is continuous because every validation month of
        // 2015 comes after the training years, and a category never seen in training could only be #na#
        s.cats = List.of("city", "month");
        s.conts = List.of("year");
        s.splitBy = "date"; // txhousing's decimal year: the last 12 values are 2014-08 … 2015-07
        s.validLast = 12;
        s.logTarget = true;
        s.notes.add("rows with sales; validation = the last 12 months (2014-08 … 2015-07)");
        return s;
    }

    private static Spec chicago(CommonOptions c) {
        Spec s = new Spec();
        s.table = ChicagoRidership.load(c.data());
        s.source = "chicago-ridership";
        s.target = "ridership";
        s.date = "date";
        s.splitBy = "date";
        // home games bring riders on the day and change travel around it
        s.events = List.of("Bears_Home", "Bulls_Home", "Blackhawks_Home", "Cubs_Home");
        s.validLast = 365;
        // RMSE in thousands of riders, as Kuhn & Johnson's "Feature Engineering and Selection" scores this data:
        // holidays carry near-zero ridership, where a percentage error explodes (RMSPE 0.51 … 2.3 measured here)
        s.logTarget = false;
        s.notes.add("validation = the last 365 days (2015-08-30 … 2016-08-28)");
        return s;
    }

    private static TabularTask build(Spec s, int maxCard, long seed) {
        Table t = s.table;
        new ColumnRoles(s.target, List.of(), List.of()).check(t, s.source);
        int before = t.rowCount();
        t = t.dropWhere(t.column(s.target).isMissing());
        if (t.rowCount() < before) {
            s.notes.add((before - t.rowCount()) + " rows without a " + s.target + " dropped");
        }
        if (!s.events.isEmpty()) {
            if (s.date == null) {
                throw new UserInputException("--events needs --date, the column that orders the rows");
            }
            for (String e : s.events) {
                if (!t.containsColumn(e)) {
                    throw new UserInputException("--events column '" + e + "' not found in " + s.source
                            + "; its columns are " + String.join(", ", t.columnNames()));
                }
                EventDistance.add(t, s.date, s.eventGroup, e);
            }
        }
        boolean[] isValid = validRows(t, s, seed);
        if (s.date != null) {
            DateParts.add(t, s.date);
        }
        ColumnRoles roles;
        if (s.cats == null && s.conts == null) {
            Set<String> skip = s.splitBy != null && !s.splitBy.equals(s.date) ? Set.of(s.splitBy) : Set.of();
            roles = ColumnRoles.infer(t, s.target, skip, maxCard);
            s.notes.add("inferred column roles (fastai's cont_cat_split, max_card " + maxCard + "): "
                    + roles.describe());
        } else {
            roles = new ColumnRoles(s.target, s.cats, s.conts);
        }
        roles.check(t, s.source);
        int[] valid = rows(isValid, true);
        int[] train = rows(isValid, false);
        if (valid.length == 0 || train.length == 0) {
            throw new UserInputException("the split leaves " + train.length + " training and " + valid.length
                    + " validation rows in " + s.source + "; change --valid-last / --valid-frac");
        }
        s.notes.add(train.length + " training rows, " + valid.length + " validation rows");
        return new TabularTask(s.source, t.where(Selection.with(train)).setName(s.source),
                t.where(Selection.with(valid)).setName(s.source), roles, s.logTarget, String.join("; ", s.notes));
    }

    /** The last N dates (or rows), or the latest / a random fraction. */
    private static boolean[] validRows(Table t, Spec s, long seed) {
        int n = t.rowCount();
        boolean[] valid = new boolean[n];
        double[] key = s.splitBy == null ? null : keys(t, s.splitBy);
        if (s.validLast != null) {
            if (key == null) {
                Arrays.fill(valid, Math.max(0, n - s.validLast), n, true);
                return valid;
            }
            double[] distinct = Arrays.stream(key).filter(k -> !Double.isNaN(k)).distinct().sorted().toArray();
            if (s.validLast < 1 || s.validLast >= distinct.length) {
                throw new UserInputException("--valid-last " + s.validLast + " must be between 1 and the "
                        + (distinct.length - 1) + " dates before the last in " + s.source);
            }
            double from = distinct[distinct.length - s.validLast];
            for (int i = 0; i < n; i++) {
                valid[i] = key[i] >= from;
            }
            return valid;
        }
        double f = s.validFrac;
        if (!(f > 0 && f < 1)) {
            throw new UserInputException("--valid-frac " + f + " must be between 0 and 1");
        }
        if (key == null) {
            Random r = new Random(seed);
            for (int i = 0; i < n; i++) {
                valid[i] = r.nextDouble() < f;
            }
            return valid;
        }
        double[] sorted = Arrays.stream(key).filter(k -> !Double.isNaN(k)).sorted().toArray();
        double from = sorted[(int) Math.floor((1 - f) * (sorted.length - 1))];
        for (int i = 0; i < n; i++) {
            valid[i] = key[i] > from;
        }
        return valid;
    }

    /** A sortable number per row: the value of a numeric column, or seconds since 1970 of a date. */
    private static double[] keys(Table t, String col) {
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

    private static int[] rows(boolean[] mask, boolean value) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** RMSPE for a log target (the Rossmann competition's metric), else RMSE. */
    public String metric() {
        return logTarget ? "RMSPE" : "RMSE";
    }

    /** {@link #metric()} of predictions {@code p} for processed targets {@code y} (log-space for a log target). */
    public double score(double[] y, double[] p) {
        return logTarget ? TabularMetrics.expRmspe(y, p) : TabularMetrics.rmse(y, p);
    }

    /**
     * txhousing's seasonal naive peer: predict each validation month's sales by the same city's sales in the same
     * month a year earlier. RMSPE over the validation rows that have such a month; NaN for other tasks.
     */
    public double seasonalNaiveRmspe() {
        if (!name.equals("txhousing")) {
            return Double.NaN;
        }
        Map<String, Double> sales = new HashMap<>();
        for (Table t : List.of(train, valid)) {
            for (int i = 0; i < t.rowCount(); i++) {
                sales.put(t.stringColumn("city").get(i) + "/" + t.intColumn("year").get(i) + "/"
                        + t.intColumn("month").get(i), ((NumericColumn<?>) t.column("sales")).getDouble(i));
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < valid.rowCount(); i++) {
            Double before = sales.get(valid.stringColumn("city").get(i) + "/" + (valid.intColumn("year").get(i) - 1)
                    + "/" + valid.intColumn("month").get(i));
            if (before != null) {
                pairs.add(new double[] {((NumericColumn<?>) valid.column("sales")).getDouble(i), before});
            }
        }
        return TabularMetrics.rmspe(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
    }
}
