package ai.fastdjl.tabular;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Days since the last and until the next event, per group: the Rossmann lesson's {@code AfterStateHoliday} and
 * {@code BeforeStateHoliday} (the 2018 course's {@code get_elapsed}). Sales rise before a holiday and dip after
 * it; a model that sees only "is today a holiday" cannot know that tomorrow is one.
 *
 * <p>Adds {@code After<event>} (days from the group's latest event on or before the row's date; 0 on the event
 * day) and {@code Before<event>} (days to the group's next event on or after it). Where the group has no such
 * event the value is missing, which {@link FillMissing} fills and flags. An event is a true boolean, a non-zero
 * number, or text other than empty, {@code 0}, {@code false}, {@code no} (Rossmann's {@code StateHoliday} is
 * {@code 0/a/b/c}). Rows need not be sorted; each group is ordered by date here. Events on future dates are
 * read, so use it only for events known in advance (holidays, promotions, fixtures), never for outcomes.
 */
public final class EventDistance {
    private static final Set<String> NOT_EVENT = Set.of("", "0", "false", "no", "FALSE", "False", "No", "0.0");

    private EventDistance() {}

    /**
     * Adds both columns for {@code event} and returns their names.
     *
     * @param group the column whose rows form one series (a store), or null for a single series
     */
    public static List<String> add(Table t, String dateCol, String group, String event) {
        LocalDateTime[] dates = DateParts.dates(t, dateCol);
        Column<?> ev = t.column(event);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String g = group == null ? "" : t.column(group).getString(i);
            groups.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
        }
        double[] after = new double[t.rowCount()];
        double[] before = new double[t.rowCount()];
        Arrays.fill(after, Double.NaN);
        Arrays.fill(before, Double.NaN);
        for (List<Integer> rows : groups.values()) {
            List<Integer> sorted = rows.stream().filter(i -> dates[i] != null)
                    .sorted(Comparator.comparing(i -> dates[i])).toList();
            LocalDateTime last = null;
            for (int i : sorted) {
                if (isEvent(ev, i)) {
                    last = dates[i];
                }
                after[i] = last == null ? Double.NaN : days(last, dates[i]);
            }
            LocalDateTime next = null;
            for (int k = sorted.size() - 1; k >= 0; k--) {
                int i = sorted.get(k);
                if (isEvent(ev, i)) {
                    next = dates[i];
                }
                before[i] = next == null ? Double.NaN : days(dates[i], next);
            }
        }
        String a = "After" + event;
        String b = "Before" + event;
        t.addColumns(DoubleColumn.create(a, after), DoubleColumn.create(b, before));
        return List.of(a, b);
    }

    static boolean isEvent(Column<?> c, int i) {
        if (c.isMissing(i)) {
            return false;
        }
        if (c instanceof BooleanColumn bc) {
            return bc.get(i);
        }
        if (ColumnRoles.isNumeric(c)) {
            return ((tech.tablesaw.api.NumericColumn<?>) c).getDouble(i) != 0;
        }
        return !NOT_EVENT.contains(c.getString(i).trim());
    }

    private static double days(LocalDateTime from, LocalDateTime to) {
        return Duration.between(from, to).toHours() / 24.0;
    }
}
