package ai.fastdjl.tabular;

import ai.fastdjl.cli.UserInputException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code add_datepart}: replaces a date column by the parts a model can use, so that "the Saturday before
 * Christmas" becomes features (day of week 5, week 51, month 12) instead of one opaque timestamp.
 *
 * <p>Columns added, named with the date column's name minus a trailing {@code Date}/{@code date} as prefix
 * ({@code saledate} → {@code saleYear}; {@code Date} → {@code Year}): {@code Year, Month, Week} (ISO week, as
 * pandas' {@code isocalendar().week}), {@code Day, Dayofweek} (Monday = 0, as pandas), {@code Dayofyear}, the
 * flags {@code Is_month_end, Is_month_start, Is_quarter_end, Is_quarter_start, Is_year_end, Is_year_start}, and
 * {@code Elapsed} (seconds since 1970-01-01, fastai's {@code int64 // 10**9}). A missing date gives missing parts.
 */
public final class DateParts {
    public static final List<String> PARTS = List.of("Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear",
            "Is_month_end", "Is_month_start", "Is_quarter_end", "Is_quarter_start", "Is_year_end", "Is_year_start",
            "Elapsed");

    private DateParts() {}

    /** Adds the parts of {@code col} to {@code t}, drops {@code col}, and returns the new columns' names. */
    public static List<String> add(Table t, String col) {
        return add(t, col, true);
    }

    public static List<String> add(Table t, String col, boolean drop) {
        LocalDateTime[] d = dates(t, col);
        String prefix = col.replaceAll("[Dd]ate$", "");
        int n = d.length;
        IntColumn[] ints = new IntColumn[6];
        for (int k = 0; k < 6; k++) {
            ints[k] = IntColumn.create(prefix + PARTS.get(k), n);
        }
        BooleanColumn[] flags = new BooleanColumn[6];
        for (int k = 0; k < 6; k++) {
            flags[k] = BooleanColumn.create(prefix + PARTS.get(6 + k), n);
        }
        LongColumn elapsed = LongColumn.create(prefix + "Elapsed", n);
        for (int i = 0; i < n; i++) {
            if (d[i] == null) {
                for (IntColumn c : ints) {
                    c.setMissing(i);
                }
                for (BooleanColumn c : flags) {
                    c.setMissing(i);
                }
                elapsed.setMissing(i);
                continue;
            }
            LocalDate day = d[i].toLocalDate();
            int[] v = {day.getYear(), day.getMonthValue(), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    day.getDayOfMonth(), day.getDayOfWeek().getValue() - 1, day.getDayOfYear()};
            for (int k = 0; k < 6; k++) {
                ints[k].set(i, v[k]);
            }
            boolean monthEnd = day.getDayOfMonth() == day.lengthOfMonth();
            boolean monthStart = day.getDayOfMonth() == 1;
            boolean quarterMonthEnd = day.getMonthValue() % 3 == 0;
            boolean quarterMonthStart = day.getMonthValue() % 3 == 1;
            boolean[] f = {monthEnd, monthStart, monthEnd && quarterMonthEnd, monthStart && quarterMonthStart,
                    monthEnd && day.getMonthValue() == 12, monthStart && day.getMonthValue() == 1};
            for (int k = 0; k < 6; k++) {
                flags[k].set(i, f[k]);
            }
            elapsed.set(i, d[i].toEpochSecond(ZoneOffset.UTC));
        }
        List<String> added = new ArrayList<>();
        for (Column<?> c : ints) {
            t.addColumns(c);
            added.add(c.name());
        }
        for (Column<?> c : flags) {
            t.addColumns(c);
            added.add(c.name());
        }
        t.addColumns(elapsed);
        added.add(elapsed.name());
        if (drop) {
            t.removeColumns(col);
        }
        return added;
    }

    /**
     * The values of a date column (dates, date-times, or text in ISO form such as {@code 2015-07-31}), null where
     * missing.
     *
     * @throws UserInputException if the column is missing or holds something else
     */
    public static LocalDateTime[] dates(Table t, String col) {
        if (!t.containsColumn(col)) {
            throw new UserInputException("--date column '" + col + "' not found in " + t.name() + "; its columns are "
                    + String.join(", ", t.columnNames()));
        }
        Column<?> c = t.column(col);
        LocalDateTime[] out = new LocalDateTime[c.size()];
        for (int i = 0; i < out.length; i++) {
            if (c.isMissing(i)) {
                continue;
            }
            if (c instanceof DateColumn dc) {
                out[i] = dc.get(i).atStartOfDay();
            } else if (c instanceof DateTimeColumn dtc) {
                out[i] = dtc.get(i);
            } else if (c instanceof StringColumn sc) {
                out[i] = parse(sc.get(i), col, t.name(), i);
            } else {
                throw new UserInputException("--date column '" + col + "' in " + t.name() + " holds " + c.type().name()
                        + " values such as '" + c.getString(i) + "', not dates like 2015-07-31; pass a date column");
            }
        }
        return out;
    }

    private static LocalDateTime parse(String s, String col, String source, int row) {
        try {
            return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new UserInputException("--date column '" + col + "' in " + source + ": '" + s + "' (data row "
                    + (row + 1) + ") is not a date like 2015-07-31; pass a date column or fix the file");
        }
    }
}
