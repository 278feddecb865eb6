package ai.fastdjl.datasets.rdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The small data frame every round-trip test writes and reads: one column per type R data frames use, each with an
 * NA in row 2. make-fixtures.R builds the same frame in R (plus a latin1 column), so both paths share the checks.
 *
 * <pre>
 *   int  dbl  lgl    chr   fct  ord  day         when
 *   1    1.5  TRUE   "a"   lo   S    1970-01-01  1970-01-01 00:00:00 UTC
 *   NA   NA   NA     NA    NA   L    NA          NA
 *   -3   NaN  FALSE  café  hi   M    2024-02-29  2023-11-14 22:13:20.25 UTC
 * </pre>
 */
final class RTestFrames {

    static final int NA = RObject.NA_INTEGER;
    static final String CAFE = "caf\u00e9";
    static final double WHEN = 1_700_000_000.25;
    static final int LEAP_DAY = (int) LocalDate.of(2024, 2, 29).toEpochDay();

    private RTestFrames() {
    }

    static Map<String, RObject> attrs(Object... keyValues) {
        Map<String, RObject> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], (RObject) keyValues[i + 1]);
        return map;
    }

    static RObject.Strings strings(String... values) {
        return RTestWriter.strings(values);
    }

    /** The frame as R's data.frame() builds it, compact row names c(NA, -3) included. */
    static RObject.ListVector frame() {
        List<RObject> columns = List.of(
                new RObject.Integers(new int[] {1, NA, -3}, Map.of()),
                new RObject.Doubles(new double[] {1.5, RObject.NA_REAL, Double.NaN}, Map.of()),
                new RObject.Logicals(new int[] {1, NA, 0}, Map.of()),
                strings("a", null, CAFE),
                new RObject.Integers(new int[] {1, NA, 2},
                        attrs("levels", strings("lo", "hi"), "class", strings("factor"))),
                new RObject.Integers(new int[] {1, 3, 2},
                        attrs("levels", strings("S", "M", "L"), "class", strings("ordered", "factor"))),
                new RObject.Doubles(new double[] {0, RObject.NA_REAL, LEAP_DAY}, attrs("class", strings("Date"))),
                new RObject.Doubles(new double[] {0, RObject.NA_REAL, WHEN},
                        attrs("class", strings("POSIXct", "POSIXt"), "tzone", strings("UTC"))));
        return new RObject.ListVector(columns, attrs(
                "names", strings("int", "dbl", "lgl", "chr", "fct", "ord", "day", "when"),
                "class", strings("data.frame"),
                "row.names", new RObject.Integers(new int[] {NA, -3}, Map.of())));
    }

    /** The R-level values, exactly: NA encodings, NA_real_ told apart from NaN, factor codes and levels. */
    static void assertFrameValues(RObject value) {
        RObject.ListVector frame = assertInstanceOf(RObject.ListVector.class, value);
        assertTrue(RFrames.isDataFrame(frame));
        assertEquals(3, RFrames.rowCount(frame));
        assertEquals(List.of("int", "dbl", "lgl", "chr", "fct", "ord", "day", "when"),
                frame.names().subList(0, 8));
        assertArrayEquals(new int[] {NA, -3}, ((RObject.Integers) frame.attribute("row.names")).values());
        List<RObject> c = frame.values();

        assertArrayEquals(new int[] {1, NA, -3}, ((RObject.Integers) c.get(0)).values());

        double[] dbl = ((RObject.Doubles) c.get(1)).values();
        assertEquals(1.5, dbl[0]);
        assertTrue(RObject.isNA(dbl[1]), "row 2 is NA_real_");
        assertTrue(Double.isNaN(dbl[2]));
        assertFalse(RObject.isNA(dbl[2]), "row 3 is NaN, not NA");

        assertArrayEquals(new int[] {1, NA, 0}, ((RObject.Logicals) c.get(2)).values());
        assertArrayEquals(new String[] {"a", null, CAFE}, ((RObject.Strings) c.get(3)).values());

        RObject.Integers fct = (RObject.Integers) c.get(4);
        assertArrayEquals(new int[] {1, NA, 2}, fct.values());
        assertEquals(List.of("factor"), fct.classes());
        assertArrayEquals(new String[] {"lo", "hi"}, ((RObject.Strings) fct.attribute("levels")).values());
        RObject.Integers ord = (RObject.Integers) c.get(5);
        assertArrayEquals(new int[] {1, 3, 2}, ord.values());
        assertEquals(List.of("ordered", "factor"), ord.classes());

        RObject.Doubles day = (RObject.Doubles) c.get(6);
        assertEquals(List.of("Date"), day.classes());
        assertEquals(0.0, day.values()[0]);
        assertTrue(RObject.isNA(day.values()[1]));
        assertEquals(LEAP_DAY, day.values()[2]);

        RObject.Doubles when = (RObject.Doubles) c.get(7);
        assertEquals(List.of("POSIXct", "POSIXt"), when.classes());
        assertArrayEquals(new String[] {"UTC"}, ((RObject.Strings) when.attribute("tzone")).values());
        assertEquals(WHEN, when.values()[2]);
    }

    /** The same frame as a tablesaw table: column types, values, and a missing value in every column's row 2. */
    static void assertFrameTable(Table table) {
        assertEquals(3, table.rowCount());
        assertEquals(List.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING,
                        ColumnType.STRING, ColumnType.STRING, ColumnType.LOCAL_DATE, ColumnType.LOCAL_DATE_TIME),
                table.types().subList(0, 8));
        for (int i = 0; i < 8; i++) {
            if (i != 5) assertTrue(table.column(i).isMissing(1), table.column(i).name() + " row 2 is missing");
        }
        IntColumn ints = table.intColumn("int");
        assertEquals(1, ints.getInt(0));
        assertEquals(-3, ints.getInt(2));
        DoubleColumn dbl = table.doubleColumn("dbl");
        assertEquals(1.5, dbl.getDouble(0));
        assertTrue(dbl.isMissing(2), "NaN is missing too");
        BooleanColumn lgl = table.booleanColumn("lgl");
        assertTrue(lgl.get(0));
        assertFalse(lgl.get(2));
        StringColumn chr = table.stringColumn("chr");
        assertEquals("a", chr.get(0));
        assertEquals(CAFE, chr.get(2));
        StringColumn fct = table.stringColumn("fct");
        assertEquals("lo", fct.get(0));
        assertEquals("hi", fct.get(2));
        assertEquals(List.of("S", "L", "M"), table.stringColumn("ord").asList());
        DateColumn day = table.dateColumn("day");
        assertEquals(LocalDate.of(1970, 1, 1), day.get(0));
        assertEquals(LocalDate.of(2024, 2, 29), day.get(2));
        DateTimeColumn when = table.dateTimeColumn("when");
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), when.get(0));
        assertEquals(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 250_000_000), when.get(2));
        assertNull(when.get(1));
    }
}
