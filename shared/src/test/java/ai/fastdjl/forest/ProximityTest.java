package ai.fastdjl.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProximityTest {
    /** Two groups far apart in x₀, with y set by the group; x₁ is noise the forest should learn to ignore. */
    private static double[][] x = new double[200][2];
    private static double[] y = new double[200];

    static {
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            boolean high = i % 2 == 1;
            x[i][0] = (high ? 10 : 0) + r.nextGaussian();
            x[i][1] = r.nextGaussian() * 10;
            y[i] = (high ? 5 : 1) + 0.1 * r.nextGaussian();
        }
    }

    @Test
    void aRowIsClosestToItselfAndToItsOwnGroup() {
        RandomForest rf = RandomForest.builder().trees(60).seed(3).fit(x, y);
        Proximity p = Proximity.of(rf, x);
        for (int i = 0; i < x.length; i++) {
            double[] row = p.ofTrainingRow(i);
            assertEquals(1, row[i], 0, "row " + i + " shares every leaf with itself");
            for (int j = 0; j < row.length; j++) {
                assertTrue(Double.isNaN(row[j]) || row[j] <= row[i], "row " + i + " to " + j + ": " + row[j]);
            }
        }
        // the trees split first on x₀ (the only input that predicts y), so rows of the other group share no leaf
        double[] first = p.ofTrainingRow(0);
        for (int j = 1; j < x.length; j += 2) {
            assertEquals(0, first[j], 0.05, "row 0 (low group) against high-group row " + j);
        }
        for (var n : Proximity.nearest(first, 10, 0)) {
            assertEquals(0, n.row() % 2, "the 10 nearest rows to a low-group row are low-group rows: " + n);
        }
    }

    @Test
    void aNewRowIsComparedOverTheTreesThatDidNotSeeEachTrainingRow() {
        RandomForest rf = RandomForest.builder().trees(40).seed(9).fit(x, y);
        Proximity p = Proximity.of(rf, x);
        double[] q = p.ofNewRow(new double[] {10.2, 0});
        var near = Proximity.nearest(q, x.length, -1);
        // fully grown trees: a leaf holds a row or two, so only some rows share one with the query
        assertTrue(near.length >= 5, "rows sharing a leaf with the new row: " + near.length);
        for (var n : near) {
            assertTrue(n.value() > 0, "only rows sharing a leaf are neighbours: " + n);
            assertEquals(1, n.row() % 2, "a new row at x₀ = 10 shares leaves with high-group rows only: " + n);
        }
        // by hand for one training row: the share of the trees that left it out of bag where it shares the leaf
        int j = near[0].row();
        int[][] leaves = rf.leaves(new double[][] {x[j], {10.2, 0}});
        int both = 0;
        int shared = 0;
        for (int t = 0; t < rf.size(); t++) {
            if (!rf.inBag(t, j)) {
                both++;
                shared += leaves[0][t] == leaves[1][t] ? 1 : 0;
            }
        }
        assertEquals((double) shared / both, q[j], 1e-12);
    }
}
