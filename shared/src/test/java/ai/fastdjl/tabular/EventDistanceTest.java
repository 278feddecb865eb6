package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EventDistanceTest {
    private static final double NA = Double.NaN;

    @Test
    void daysSinceAndUntilPerGroupInAnyRowOrder() {
        // store A: 1..6 January, holiday ("a") on the 3rd; store B (rows interleaved, out of order): holidays on
        // the 2nd and 5th; "0" is Rossmann's "no holiday"
        List<LocalDate> days = List.of(d(1), d(2), d(3), d(4), d(5), d(6), d(5), d(1), d(2), d(4));
        Table t = Table.create("t",
                StringColumn.create("store", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B"),
                DateColumn.create("Date", days),
                StringColumn.create("StateHoliday", "0", "0", "a", "0", "0", "0", "b", "0", "a", "0"));
        EventDistance.add(t, "Date", "store", "StateHoliday");
        assertArrayEquals(new double[] {NA, NA, 0, 1, 2, 3, 0, NA, 0, 2},
                t.doubleColumn("AfterStateHoliday").asDoubleArray());
        assertArrayEquals(new double[] {2, 1, 0, NA, NA, NA, 0, 1, 0, 1},
                t.doubleColumn("BeforeStateHoliday").asDoubleArray());
    }

    private static LocalDate d(int day) {
        return LocalDate.of(2015, 1, day);
    }
}
