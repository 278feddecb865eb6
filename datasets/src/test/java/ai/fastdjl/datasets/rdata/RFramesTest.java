package ai.fastdjl.datasets.rdata;

import static ai.fastdjl.datasets.rdata.RTestFrames.NA;
import static ai.fastdjl.datasets.rdata.RTestFrames.attrs;
import static ai.fastdjl.datasets.rdata.RTestFrames.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Which R shapes become which tables, and the ones refused. */
class RFramesTest {

    private static RObject.Integers ints(int... values) {
        return new RObject.Integers(values, Map.of());
    }

    private static RObject.ListVector frame(List<String> names, RObject rowNames, RObject... columns) {
        return new RObject.ListVector(List.of(columns), attrs("names", strings(names.toArray(new String[0])),
                "class", strings("tbl_df", "tbl", "data.frame"), "row.names", rowNames));
    }

    @Test
    void characterVectorIsOneColumnNamedAfterTheObject() {
        // janeaustenr stores each novel as a character vector of lines.
        Table emma = RFrames.toTable("emma", strings("EMMA", "", "By Jane Austen", null));
        assertEquals(List.of("emma"), emma.columnNames());
        assertEquals(4, emma.rowCount());
        assertEquals("By Jane Austen", emma.stringColumn("emma").get(2));
        assertTrue(emma.stringColumn("emma").isMissing(3));
    }

    @Test
    void namedVectorKeepsItsNames() {
        Table t = RFrames.toTable("x", new RObject.Doubles(new double[] {1, 2}, attrs("names", strings("a", "b"))));
        assertEquals(List.of("names", "x"), t.columnNames());
        assertEquals("b", t.stringColumn("names").get(1));
        assertEquals(2.0, t.doubleColumn("x").getDouble(1));
    }

    @Test
    void matrixBecomesColumnsInRsColumnMajorOrder() {
        RObject m = new RObject.Integers(new int[] {1, 2, 3, 4, 5, 6}, attrs("dim", ints(2, 3),
                "dimnames", new RObject.ListVector(List.of(RObject.NULL, strings("a", "b", "c")), Map.of())));
        Table t = RFrames.toTable("m", m);
        assertEquals(List.of("a", "b", "c"), t.columnNames());
        assertEquals(List.of(5, 6), t.intColumn("c").asList());
    }

    @Test
    void characterRowNamesBecomeAColumnButRowNumbersDoNot() {
        Table cars = RFrames.toTable("cars", frame(List.of("mpg"), strings("Mazda RX4", "Datsun 710"),
                new RObject.Doubles(new double[] {21, 22.8}, Map.of())));
        assertEquals(List.of(RFrames.ROW_NAMES_COLUMN, "mpg"), cars.columnNames());
        assertEquals("Datsun 710", cars.stringColumn(RFrames.ROW_NAMES_COLUMN).get(1));
        // Row positions kept as strings after subsetting in R (modeldata's attrition) are not data.
        Table subset = RFrames.toTable("s", frame(List.of("x"), strings("1", "4"), ints(7, 8)));
        assertEquals(List.of("x"), subset.columnNames());
        // Explicit integer row names count rows too.
        assertEquals(2, RFrames.rowCount(frame(List.of("x"), ints(1, 2), ints(7, 8))));
    }

    @Test
    void repeatedAndEmptyColumnNamesAreMadeUnique() {
        Table t = RFrames.toTable("d", frame(List.of("x", "X", ""), ints(NA, -1), ints(1), ints(2), ints(3)));
        assertEquals(List.of("x", "X.1", "V3"), t.columnNames());
    }

    @Test
    void listOfEqualVectorsIsATableButNestedListsAreRefused() {
        RObject.ListVector plain = new RObject.ListVector(List.of(ints(1, 2), strings("a", "b")),
                attrs("names", strings("n", "s")));
        Table t = RFrames.toTable("l", plain);
        assertEquals(List.of(ColumnType.INTEGER, ColumnType.STRING), t.types());

        // dslabs' brca: list(x = a 569 x 30 matrix, y = a factor).
        RObject.ListVector brca = new RObject.ListVector(List.of(
                new RObject.Doubles(new double[6], attrs("dim", ints(3, 2))),
                new RObject.Integers(new int[] {1, 2, 1}, attrs("levels", strings("B", "M"), "class",
                        strings("factor")))), attrs("names", strings("x", "y")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RFrames.toTable("brca", brca));
        assertTrue(e.getMessage().contains("'brca'") && e.getMessage().contains("double[3x2]")
                && e.getMessage().contains("convert one element"), e.getMessage());
        assertEquals(2, RFrames.toTable("brca$x", brca.values().get(0)).columnCount());
    }

    @Test
    void listColumnsAndInteger64AreRefusedWithTheColumnName() {
        RObject listColumn = frame(List.of("id", "tags"), ints(NA, -1), ints(1),
                new RObject.ListVector(List.of(strings("a")), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RFrames.toTable("d", listColumn));
        assertTrue(e.getMessage().contains("'tags'") && e.getMessage().contains("'d'"), e.getMessage());

        RObject big = frame(List.of("id"), ints(NA, -1),
                new RObject.Doubles(new double[] {1e-300}, attrs("class", strings("integer64"))));
        IllegalArgumentException i64 = assertThrows(IllegalArgumentException.class, () -> RFrames.toTable("d", big));
        assertTrue(i64.getMessage().contains("integer64"), i64.getMessage());

        IllegalArgumentException nil = assertThrows(IllegalArgumentException.class,
                () -> RFrames.toTable("n", RObject.NULL));
        assertTrue(nil.getMessage().contains("'n'"), nil.getMessage());
    }

    @Test
    void integerDatesAndFactorCodesOutOfRange() {
        Table t = RFrames.toTable("d", new RObject.Integers(new int[] {1, NA}, attrs("class", strings("Date"))));
        assertEquals("1970-01-02", t.dateColumn("d").get(0).toString());
        assertTrue(t.dateColumn("d").isMissing(1));

        RObject bad = new RObject.Integers(new int[] {3}, attrs("levels", strings("a"), "class", strings("factor")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RFrames.toTable("f", bad));
        assertTrue(e.getMessage().contains("code 3"), e.getMessage());
    }
}
