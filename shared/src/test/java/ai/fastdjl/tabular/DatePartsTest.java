package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DatePartsTest {

    @Test
    void newYearsEveAndDayByHand() {
        Table t = Table.create("t", DateColumn.create("saledate",
                List.of(LocalDate.of(2015, 12, 31), LocalDate.of(2016, 1, 1))));
        t.addColumns(DateColumn.create("other", List.of(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1))));
        List<String> added = DateParts.add(t, "saledate");
        assertEquals("saleYear", added.get(0));
        assertFalse(t.containsColumn("saledate"));
        // 2015-12-31 is a Thursday in ISO week 53 of 2015, the 365th day; 2016-01-01 a Friday, still week 53
        assertEquals(List.of(2015, 2016), t.intColumn("saleYear").asList());
        assertEquals(List.of(12, 1), t.intColumn("saleMonth").asList());
        assertEquals(List.of(53, 53), t.intColumn("saleWeek").asList());
        assertEquals(List.of(31, 1), t.intColumn("saleDay").asList());
        assertEquals(List.of(3, 4), t.intColumn("saleDayofweek").asList());
        assertEquals(List.of(365, 1), t.intColumn("saleDayofyear").asList());
        assertTrue(t.booleanColumn("saleIs_month_end").get(0));
        assertTrue(t.booleanColumn("saleIs_quarter_end").get(0));
        assertTrue(t.booleanColumn("saleIs_year_end").get(0));
        assertFalse(t.booleanColumn("saleIs_year_start").get(0));
        assertTrue(t.booleanColumn("saleIs_month_start").get(1));
        assertTrue(t.booleanColumn("saleIs_quarter_start").get(1));
        assertTrue(t.booleanColumn("saleIs_year_start").get(1));
        assertFalse(t.booleanColumn("saleIs_month_end").get(1));
        // 2016-01-01T00:00Z is 1,451,606,400 s after the epoch
        assertEquals(1_451_606_400L, t.longColumn("saleElapsed").get(1));
    }

    @Test
    void textDatesAndMissingOnes() {
        Table t = Table.create("t", StringColumn.create("Date", "2015-03-31", ""));
        DateParts.add(t, "Date");
        assertEquals(2015, t.intColumn("Year").get(0));
        assertTrue(t.booleanColumn("Is_quarter_end").get(0));
        assertTrue(t.intColumn("Year").isMissing(1));
        assertTrue(t.longColumn("Elapsed").isMissing(1));
    }

    @Test
    void somethingElseIsOneClearLine() {
        Table t = Table.create("file.csv", StringColumn.create("when", "2015-03-31", "soon"));
        var e = assertThrows(UserInputException.class, () -> DateParts.add(t, "when"));
        assertTrue(e.getMessage().contains("'soon' (data row 2) is not a date"), e.getMessage());
        var missing = assertThrows(UserInputException.class, () -> DateParts.add(t, "nope"));
        assertTrue(missing.getMessage().startsWith("--date column 'nope' not found in file.csv"), missing.getMessage());
    }
}
