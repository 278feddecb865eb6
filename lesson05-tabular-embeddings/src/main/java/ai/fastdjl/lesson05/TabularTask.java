package ai.fastdjl.lesson05;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.Csv;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.ChicagoRidership;
import ai.fastdjl.datasets.TxHousing;
import ai.fastdjl.metric.RocAuc;
import ai.fastdjl.tabular.ColumnRoles;
import ai.fastdjl.tabular.DateParts;
import ai.fastdjl.tabular.DateSplit;
import ai.fastdjl.tabular.EventDistance;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularMetrics;
import ai.fastdjl.tabular.TabularProcessor;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * One tabular problem ready for the lesson's models: training and validation rows (split in time, as the course
 * insists for data with dates), the column roles, whether the target is modelled as a log or is a class
 * ({@code classify}), and notes on what was assumed or inferred.
 */
public record TabularTask(String name, Table train, Table valid, ColumnRoles roles, boolean logTarget,
        boolean classify, TabularProcessor.Robust robust, int batchSize, String notes) {

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
        Boolean classify; // null: fastai's rule (a text or boolean target is a class)
        TabularProcessor.Robust robust = TabularProcessor.Robust.NONE;
        // measured on txhousing: 30 epochs of batches of 256 (RMSPE 0.146 ± 0.008; see TabularEmbeddings)
        int batchSize = 256;
        final List<String> notes = new ArrayList<>();
    }

    /** fastai's default {@code max_card}: integer columns with more distinct values are continuous. */
    public static final int MAX_CARD = 20;

    /**
     * The lesson's task: Texas home sales (txhousing), validated on the last 12 months, as a notebook loads it.
     *
     * @param seed only used by splits that draw rows at random (txhousing's is by date)
     */
    public static TabularTask txhousing(DataLocation data, long seed) {
        return build(txhousing(data), MAX_CARD, seed);
    }

    public static TabularTask load(TabularOptions o, CommonOptions c) {
        if (o.winsorize != null && !(o.winsorize >= 0 && o.winsorize < 0.5)) {
            throw new UserInputException("--winsorize " + o.winsorize + " is not a quantile in [0, 0.5); pass e.g."
                    + " 0.001 (the CSV default), or 0 to turn it off");
        }
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
                case "txhousing" -> txhousing(c.data());
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
        s.classify = o.classify != null ? o.classify : s.classify;
        s.robust = new TabularProcessor.Robust(o.logSkewed != null ? o.logSkewed : s.robust.logSkewed(),
                o.winsorize != null ? o.winsorize : s.robust.winsorize());
        return build(s, o.maxCard, c.seed);
    }

    private static Spec csv(TabularOptions o) {
        if (!Files.isRegularFile(o.csv)) {
            throw new UserInputException("--csv file " + o.csv + " not found; pass a CSV file with a header row");
        }
        Spec s = new Spec();
        s.table = Csv.read(o.csv);
        s.source = o.csv.getFileName().toString();
        if (o.target == null) {
            throw new UserInputException("--csv needs --target COL, the column to predict; " + s.source
                    + "'s columns are " + String.join(", ", s.table.columnNames()));
        }
        s.validFrac = 0.2;
        s.robust = TabularProcessor.Robust.CSV; // data nobody has looked at: long tails, mistyped values
        // fastai's TabularDataLoaders default. Batches of 256 gave ames' 2,344 training rows 9 steps an epoch, 270 in
        // all, too few to fit: RMSPE 0.359 ± 0.044 against 0.155 ± 0.004 with 64 (2 seeds, the forest's 0.165)
        s.batchSize = 64;
        return s;
    }

    private static Spec txhousing(DataLocation data) {
        Spec s = new Spec();
        s.table = TxHousing.load(data);
        s.source = "txhousing";
        s.target = "sales";
        // the README's peers use city, year and month only; year is continuous because every validation month of
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
        if (t.rowCount() == 0) {
            throw new UserInputException(s.source + " has no data rows; pass a CSV with a header row and data");
        }
        new ColumnRoles(s.target, List.of(), List.of()).check(t, s.source, false);
        boolean classify = s.classify != null ? s.classify : ColumnRoles.isClassTarget(t.column(s.target));
        if (classify && s.logTarget) {
            throw new UserInputException("--log-target is for a numeric target; '" + s.target + "' is predicted as a"
                    + " class: drop --log-target (or pass --no-classify for regression on a numeric target)");
        }
        int distinct = t.column(s.target).countUnique();
        if (!classify && distinct <= maxCard) {
            s.notes.add("target '" + s.target + "' has " + distinct + " distinct numbers, predicted as a quantity"
                    + " (fastai's rule for a numeric target); pass --classify to predict them as classes");
        }
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
        boolean[] unused = new boolean[isValid.length];
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
        roles.check(t, s.source, !classify);
        if (classify) { // a class no training row has cannot be predicted: those validation rows are left out
            Column<?> y = t.column(s.target);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < isValid.length; i++) {
                if (!isValid[i]) {
                    seen.add(y.getString(i));
                }
            }
            int dropped = 0;
            for (int i = 0; i < isValid.length; i++) {
                if (isValid[i] && !seen.contains(y.getString(i))) {
                    unused[i] = true;
                    dropped++;
                }
            }
            if (dropped > 0) {
                s.notes.add(dropped + " validation rows of classes no training row has left out");
            }
        }
        int[] valid = rows(isValid, true, unused);
        int[] train = rows(isValid, false, unused);
        if (valid.length == 0 || train.length == 0) {
            throw new UserInputException("the split leaves " + train.length + " training and " + valid.length
                    + " validation rows in " + s.source + "; change --valid-last / --valid-frac");
        }
        s.notes.add(train.length + " training rows, " + valid.length + " validation rows");
        return new TabularTask(s.source, t.where(Selection.with(train)).setName(s.source),
                t.where(Selection.with(valid)).setName(s.source), roles, s.logTarget, classify, s.robust,
                s.batchSize, String.join("; ", s.notes));
    }

    /** The last N dates (or rows), or the latest / a random fraction: {@link DateSplit}. */
    private static boolean[] validRows(Table t, Spec s, long seed) {
        return s.validLast != null ? DateSplit.lastDates(t, s.splitBy, s.validLast)
                : DateSplit.latestFraction(t, s.splitBy, s.validFrac, seed);
    }

    private static int[] rows(boolean[] mask, boolean value, boolean[] unused) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value && !unused[i]) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** RMSPE for a log target (the Rossmann competition's metric), else RMSE; accuracy for a class target. */
    public String metric() {
        return classify ? "accuracy" : logTarget ? "RMSPE" : "RMSE";
    }

    /** For the mains that read a numeric target only: one line naming {@code main} when the target is a class. */
    public TabularTask requireNumericTarget(String main) {
        if (classify) {
            throw new UserInputException(main + " reads a numeric target, and '" + roles.target() + "' is a class;"
                    + " TabularEmbeddings classifies (with a forest classifier among its rows)");
        }
        return this;
    }

    /** The processing steps fitted on the training rows, for a class or a numeric target. */
    public TabularProcessor processor() {
        return classify ? TabularProcessor.fitClassifier(train, roles, robust)
                : TabularProcessor.fit(train, roles, logTarget, robust);
    }

    /**
     * Every score of predictions {@code p[row][output]} (one output for regression, class probabilities for a
     * classifier) against {@code d}'s processed targets, {@link #metric()} first: a classifier also gets the
     * cross-entropy and the ROC AUC (macro one-vs-rest), which read its probabilities rather than one guess;
     * regression also gets R² (of the log for a log target).
     */
    public Map<String, Double> scores(TabularData d, double[][] p) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (classify) {
            int[] labels = d.classCodes();
            out.put(metric(), TabularMetrics.accuracy(labels, p));
            out.put("cross-entropy", TabularMetrics.logLoss(labels, p));
            out.put("ROC AUC", RocAuc.oneVsRest(labels, p));
        } else {
            double[] yd = d.yDouble();
            double[] pd = Arrays.stream(p).mapToDouble(r -> r[0]).toArray();
            out.put(metric(), score(yd, pd));
            out.put(logTarget ? "R² (log)" : "R²", TabularMetrics.r2(yd, pd));
        }
        return out;
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

    /** {@code first}, then the row's values of {@code cols} (their names when {@code row} is null). */
    static List<String> cells(String first, tech.tablesaw.api.Row row, List<String> cols) {
        List<String> out = new ArrayList<>(List.of(first));
        cols.forEach(c -> out.add(row == null ? c : ai.fastdjl.report.RunReport.format(row.getObject(c))));
        return out;
    }
}
