package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ColumnRolesTest {

    static Table table() {
        int n = 30;
        return Table.create("shop.csv",
                StringColumn.create("store", IntStream.range(0, n).mapToObj(i -> "s" + i % 3).toList()),
                IntColumn.create("month", IntStream.range(0, n).map(i -> 1 + i % 12).toArray()),
                IntColumn.create("customers", IntStream.range(0, n).toArray()),
                DoubleColumn.create("temp", IntStream.range(0, n).mapToDouble(i -> i / 2.0).toArray()),
                DateColumn.create("date", IntStream.range(0, n).mapToObj(i -> LocalDate.of(2015, 1, 1 + i)).toList()),
                StringColumn.create("code", IntStream.range(0, n).mapToObj(i -> i == 7 ? "x7" : "" + i).toList()),
                DoubleColumn.create("sales", IntStream.range(0, n).mapToDouble(i -> 100 + i).toArray()));
    }

    @Test
    void fastaisContCatSplit() {
        ColumnRoles r = ColumnRoles.infer(table(), "sales", Set.of("code"), ColumnRoles.MAX_CARD);
        // text and an integer with 12 values are categories; 30 distinct integers and floats are numbers;
        // the date is left for DateParts
        assertEquals(List.of("store", "month"), r.cats());
        assertEquals(List.of("customers", "temp"), r.conts());
    }

    @Test
    void aMissingTargetNamesTheColumnsThereAre() {
        var e = assertThrows(UserInputException.class,
                () -> new ColumnRoles("profit", List.of("store"), List.of()).check(table(), "shop.csv"));
        assertTrue(e.getMessage().startsWith("--target column 'profit' not found in shop.csv; its columns are store, "),
                e.getMessage());
    }

    @Test
    void aTextColumnCannotBeContinuous() {
        var e = assertThrows(UserInputException.class,
                () -> new ColumnRoles("sales", List.of(), List.of("code")).check(table(), "shop.csv"));
        assertEquals("--cont column 'code' in shop.csv is not numeric ('x7' in data row 8); list it with --cat"
                + " instead, or fix the file", e.getMessage());
    }

    @Test
    void aTextTargetIsAClassUnlessRegressionIsAsked() {
        // regression asked for (--no-classify): the message points back at classification, not at --cat
        var e = assertThrows(UserInputException.class,
                () -> new ColumnRoles("code", List.of("store"), List.of()).check(table(), "shop.csv"));
        assertEquals("--target column 'code' in shop.csv is not numeric ('x7' in data row 8); regression needs"
                + " numbers: drop --no-classify to predict it as a class, or fix the file", e.getMessage());
        new ColumnRoles("code", List.of("store"), List.of()).check(table(), "shop.csv", false);
        assertTrue(ColumnRoles.isClassTarget(table().column("code")));
    }
}
