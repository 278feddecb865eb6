package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Each preprocessing step on a hand-made table, fitted on training rows and applied to validation rows. */
class TabularProcsTest {

    /** Training rows: store b, a, c, a, (missing); size 10, (missing), 30, 20, 40; rooms 1, 2, 3, 4, 5. */
    static Table train() {
        StringColumn store = StringColumn.create("store", "b", "a", "c", "a", "");
        DoubleColumn size = DoubleColumn.create("size", 10, Double.NaN, 30, 20, 40);
        IntColumn rooms = IntColumn.create("rooms", 1, 2, 3, 4, 5);
        DoubleColumn y = DoubleColumn.create("y", 1, 2, 3, 4, 5);
        return Table.create("train", store, size, rooms, y);
    }

    /** Validation rows: an unseen store "z", a missing store, missing size and a missing rooms value. */
    static Table valid() {
        StringColumn store = StringColumn.create("store", "z", "", "a");
        DoubleColumn size = DoubleColumn.create("size", Double.NaN, 50, 10);
        IntColumn rooms = IntColumn.create("rooms", new int[] {Integer.MIN_VALUE, 2, 9});
        DoubleColumn y = DoubleColumn.create("y", 1, 1, 1);
        return Table.create("valid", store, size, rooms, y);
    }

    @Test
    void categorifyKeepsIndexZeroForMissingAndUnseen() {
        Categorify c = new Categorify(List.of("store"));
        c.setup(train());
        assertEquals(List.of("#na#", "a", "b", "c"), c.vocab("store"));
        assertArrayEquals(new int[] {2, 1, 3, 1, 0}, c.apply(train()).intColumn("store").asIntArray());
        assertArrayEquals(new int[] {0, 0, 1}, c.apply(valid()).intColumn("store").asIntArray());
        assertEquals(4, c.cardinality("store"));
    }

    @Test
    void categorifySortsNumbersByValue() {
        Table t = Table.create("t", IntColumn.create("month", 10, 2, 1, 12, 2));
        Categorify c = new Categorify(List.of("month"));
        c.setup(t);
        assertEquals(List.of("#na#", "1", "2", "10", "12"), c.vocab("month"));
        assertArrayEquals(new int[] {3, 2, 1, 4, 2}, c.apply(t).intColumn("month").asIntArray());
    }

    @Test
    void fillMissingUsesTheTrainingMedianAndFlagsColumnsThatHadGaps() {
        FillMissing f = new FillMissing(List.of("size", "rooms"));
        f.setup(train());
        // size's training values 10, 30, 20, 40: median (20 + 30) / 2 = 25; rooms 1..5: median 3
        assertEquals(25, f.median("size"));
        assertEquals(3, f.median("rooms"));
        assertEquals(List.of("size_na"), f.addedCats());
        Table v = f.apply(valid());
        assertArrayEquals(new double[] {25, 50, 10}, v.doubleColumn("size").asDoubleArray());
        assertTrue(v.booleanColumn("size_na").get(0));
        assertFalse(v.booleanColumn("size_na").get(1));
        // rooms had no gap in training: filled with its median, but no flag the model never saw
        assertArrayEquals(new double[] {3, 2, 9}, v.doubleColumn("rooms").asDoubleArray());
        assertFalse(v.containsColumn("rooms_na"));
    }

    @Test
    void normalizeUsesTrainingMeanAndPopulationStd() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3, 4));
        Normalize n = new Normalize(List.of("x"));
        n.setup(t);
        // mean 2.5; population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
        assertEquals(2.5, n.mean("x"), 1e-12);
        assertEquals(Math.sqrt(1.25) + 1e-7, n.std("x"), 1e-12);
        Table v = Table.create("v", DoubleColumn.create("x", 2.5, 5));
        double[] out = n.apply(v).doubleColumn("x").asDoubleArray();
        assertEquals(0, out[0], 1e-9);
        assertEquals(2.5 / Math.sqrt(1.25), out[1], 1e-6);
    }

    @Test
    void theProcessorChainsTheStepsAndAddsTheFlagAsACategory() {
        ColumnRoles roles = new ColumnRoles("y", List.of("store"), List.of("size", "rooms"));
        TabularProcessor p = TabularProcessor.fit(train(), roles, true);
        assertEquals(List.of("store", "size_na"), p.cats());
        assertArrayEquals(new int[] {4, 3}, p.cardinalities()); // #na#, false, true for the flag
        TabularData v = p.process(valid());
        assertEquals(3, v.rows());
        assertArrayEquals(new int[] {0, 2}, v.cats()[0]); // unseen store → #na#; size was missing → true (code 2)
        assertArrayEquals(new int[] {1, 1}, v.cats()[2]);
        // size filled with 25 then normalised with the training rows' filled values 10, 25, 30, 20, 40
        double mean = (10 + 25 + 30 + 20 + 40) / 5.0;
        double var = (Math.pow(10 - mean, 2) + Math.pow(25 - mean, 2) + Math.pow(30 - mean, 2) + Math.pow(20 - mean, 2)
                + Math.pow(40 - mean, 2)) / 5;
        assertEquals((25 - mean) / Math.sqrt(var), v.conts()[0][0], 1e-5);
        assertEquals(0f, v.y()[0], 1e-7); // log(1)
        assertEquals(List.of("store", "size_na", "size", "rooms"), v.featureNames());
    }
}
