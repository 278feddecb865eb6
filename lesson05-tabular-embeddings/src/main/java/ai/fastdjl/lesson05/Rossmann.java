package ai.fastdjl.lesson05;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.Csv;
import ai.fastdjl.tabular.EventDistance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The course's Rossmann recipe (2018 lesson 3 / 2019 lesson 6) for Kaggle's files, for readers who have them:
 * {@code train.csv} joined with {@code store.csv} and, when present, the course's extra tables
 * ({@code store_states.csv}, {@code state_names.csv} + {@code weather.csv}, {@code googletrend.csv}); competition
 * and Promo2 durations; days since and until school holidays, state holidays and promotions per store; closed days
 * and zero-sales days dropped; the course's categorical and continuous variables; validation on the last 48 days
 * (the length of Kaggle's test period). Not reproduced: the course's 7-day rolling counts of those events.
 */
final class Rossmann {
    static final List<String> CATS = List.of("Store", "Dayofweek", "Year", "Month", "Day", "StateHoliday",
            "CompetitionMonthsOpen", "Promo2Weeks", "StoreType", "Assortment", "PromoInterval",
            "CompetitionOpenSinceYear", "Promo2SinceYear", "State", "Week", "Events");
    static final List<String> CONTS = List.of("CompetitionDistance", "Max_TemperatureC", "Mean_TemperatureC",
            "Min_TemperatureC", "Max_Humidity", "Mean_Humidity", "Min_Humidity", "Max_Wind_SpeedKm_h",
            "Mean_Wind_SpeedKm_h", "CloudCover", "trend", "trend_DE", "AfterStateHoliday", "BeforeStateHoliday",
            "AfterSchoolHoliday", "BeforeSchoolHoliday", "AfterPromo", "BeforePromo", "Promo", "SchoolHoliday");

    static final List<String> EVENTS = List.of("SchoolHoliday", "StateHoliday", "Promo");

    private Rossmann() {}

    static TabularTask.Spec spec(Path dir) {
        Path trainCsv = dir.resolve("train.csv");
        Path storeCsv = dir.resolve("store.csv");
        if (!Files.isRegularFile(trainCsv) || !Files.isRegularFile(storeCsv)) {
            throw new UserInputException("--rossmann " + dir + " needs Kaggle's train.csv and store.csv"
                    + " (kaggle competitions download -c rossmann-store-sales); found "
                    + (Files.isRegularFile(trainCsv) ? "train.csv only" : Files.isRegularFile(storeCsv)
                            ? "store.csv only" : "neither"));
        }
        // StateHoliday mixes 0 and a/b/c: read as text whatever the first rows hold
        Table all = Csv.read(trainCsv, Map.of("StateHoliday", ColumnType.STRING, "Date",
                ColumnType.LOCAL_DATE));
        Table store = Csv.read(storeCsv, Map.of("PromoInterval", ColumnType.STRING));
        // Kaggle's DayOfWeek (1 = Monday) duplicates the date part Dayofweek (0 = Monday) that DateParts adds
        all.removeColumns("DayOfWeek");
        // days since / until each event on every row, closed days included: stores close on state holidays, so
        // dropping closed days first would drop the holidays themselves (the course computes them on the full
        // table, then keeps open days)
        for (String e : EVENTS) {
            EventDistance.add(all, "Date", "Store", e);
        }
        Table t = all.where(num(all, "Sales").isGreaterThan(0)); // the course drops closed and zero-sales days
        join(t, List.of("Store"), store, List.of("Store"));
        if (Files.isRegularFile(dir.resolve("store_states.csv"))) {
            join(t, List.of("Store"), Csv.read(dir.resolve("store_states.csv"), Map.of()), List.of("Store"));
        }
        if (t.containsColumn("State") && Files.isRegularFile(dir.resolve("state_names.csv"))
                && Files.isRegularFile(dir.resolve("weather.csv"))) {
            Table weather = Csv.read(dir.resolve("weather.csv"),
                    Map.of("Date", ColumnType.LOCAL_DATE, "Events", ColumnType.STRING));
            join(weather, List.of("file"), Csv.read(dir.resolve("state_names.csv"), Map.of()),
                    List.of("StateName"));
            weather.removeColumns("file");
            join(t, List.of("State", "Date"), weather, List.of("State", "Date"));
        }
        if (t.containsColumn("State") && Files.isRegularFile(dir.resolve("googletrend.csv"))) {
            googleTrend(t, Csv.read(dir.resolve("googletrend.csv"), Map.of()));
        }
        durations(t);
        TabularTask.Spec s = new TabularTask.Spec();
        s.table = t;
        s.source = "rossmann";
        s.target = "Sales";
        s.cats = CATS.stream().filter(c -> t.containsColumn(c) || List.of("Year", "Month", "Day", "Week").contains(c))
                .toList();
        s.conts = CONTS.stream().filter(t::containsColumn).toList();
        s.date = "Date";
        s.splitBy = "Date";
        s.validLast = 48;
        s.logTarget = true;
        s.notes.add("Kaggle's Rossmann files, the course's recipe; validation = the last 48 days");
        return s;
    }

    /**
     * The course's {@code CompetitionMonthsOpen} (months since the nearest competitor opened, 0 if unknown or
     * before 1990, at most 24) and {@code Promo2Weeks} (weeks in Promo2, at most 25).
     */
    static void durations(Table t) {
        int n = t.rowCount();
        int[] months = new int[n];
        int[] weeks = new int[n];
        for (int i = 0; i < n; i++) {
            LocalDate d = t.dateColumn("Date").get(i);
            int cy = intOr(t, "CompetitionOpenSinceYear", i, 1900);
            int cm = intOr(t, "CompetitionOpenSinceMonth", i, 1);
            long open = cy < 1990 ? 0 : Math.max(0, ChronoUnit.DAYS.between(LocalDate.of(cy, cm, 15), d));
            months[i] = (int) Math.min(24, open / 30);
            int py = intOr(t, "Promo2SinceYear", i, 1900);
            int pw = intOr(t, "Promo2SinceWeek", i, 1);
            LocalDate since = LocalDate.of(py, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, pw)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            long promo = py < 1990 ? 0 : Math.max(0, ChronoUnit.DAYS.between(since, d));
            weeks[i] = (int) Math.min(25, promo / 7);
        }
        t.addColumns(IntColumn.create("CompetitionMonthsOpen", months), IntColumn.create("Promo2Weeks", weeks));
    }

    /** Google Trends per state and week ({@code Rossmann_DE_SN}, {@code 2012-12-02 - 2012-12-08}) and Germany's. */
    static void googleTrend(Table t, Table trends) {
        Map<String, Double> byStateWeek = new HashMap<>();
        for (int i = 0; i < trends.rowCount(); i++) {
            String[] file = trends.stringColumn("file").get(i).split("_");
            String start = trends.stringColumn("week").get(i).split(" - ")[0];
            String state = file.length > 2 ? file[2] : "DE";
            // the course: Google's "NI" series covers Lower Saxony and Bremen, which the store table calls HB,NI
            byStateWeek.put((state.equals("NI") ? "HB,NI" : state) + "/" + start,
                    num(trends, "trend").getDouble(i));
        }
        double[] trend = new double[t.rowCount()];
        double[] trendDe = new double[t.rowCount()];
        for (int i = 0; i < trend.length; i++) {
            String sunday = t.dateColumn("Date").get(i).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
                    .toString();
            trend[i] = byStateWeek.getOrDefault(t.stringColumn("State").get(i) + "/" + sunday, Double.NaN);
            trendDe[i] = byStateWeek.getOrDefault("DE/" + sunday, Double.NaN);
        }
        t.addColumns(DoubleColumn.create("trend", trend), DoubleColumn.create("trend_DE", trendDe));
    }

    /** A left join by key columns, done in place: {@code right}'s other columns are appended to {@code left}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void join(Table left, List<String> leftKeys, Table right, List<String> rightKeys) {
        Map<String, Integer> index = new HashMap<>();
        IntFunction<String> rightKey = i -> key(right, rightKeys, i);
        for (int i = 0; i < right.rowCount(); i++) {
            index.putIfAbsent(rightKey.apply(i), i);
        }
        List<Column<?>> added = new ArrayList<>();
        for (Column<?> c : right.columns()) {
            if (rightKeys.contains(c.name()) || left.containsColumn(c.name())) {
                continue;
            }
            Column out = c.emptyCopy();
            for (int i = 0; i < left.rowCount(); i++) {
                Integer r = index.get(key(left, leftKeys, i));
                if (r == null) {
                    out.appendMissing();
                } else {
                    out.append((Column) c, r);
                }
            }
            added.add(out);
        }
        left.addColumns(added.toArray(Column[]::new));
    }

    private static String key(Table t, List<String> cols, int i) {
        StringBuilder b = new StringBuilder();
        for (String c : cols) {
            b.append(t.column(c).getString(i)).append('\u0001');
        }
        return b.toString();
    }

    private static NumericColumn<?> num(Table t, String col) {
        return (NumericColumn<?>) t.column(col);
    }

    private static int intOr(Table t, String col, int i, int missing) {
        return !t.containsColumn(col) || t.column(col).isMissing(i) ? missing : (int) num(t, col).getDouble(i);
    }
}
