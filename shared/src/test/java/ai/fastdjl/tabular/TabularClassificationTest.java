package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A class target through the processor, the logistic baseline, the scores and the log of skewed inputs. */
class TabularClassificationTest {

    /** {@code n} rows: colour decides the class (red → "yes", blue → "no"), a heavy-tailed count rides along. */
    static Table rows(int n, long seed) {
        Random r = new Random(seed);
        String[] colour = new String[n];
        double[] count = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            colour[i] = r.nextBoolean() ? "red" : "blue";
            count[i] = Math.floor(Math.exp(3 * r.nextGaussian())); // log-normal: skewness in the hundreds
            y[i] = colour[i].equals("red") ? "yes" : "no";
        }
        return Table.create("t", StringColumn.create("colour", colour), DoubleColumn.create("count", count),
                StringColumn.create("label", y));
    }

    @Test
    void classesAreCodedInSortedOrderAndAnUnseenClassIsNamed() {
        ColumnRoles roles = new ColumnRoles("label", List.of("colour"), List.of("count"));
        TabularProcessor p = TabularProcessor.fitClassifier(rows(50, 1), roles, TabularProcessor.Robust.NONE);
        assertTrue(p.classifier());
        assertEquals(List.of("no", "yes"), p.classes());
        TabularData d = p.process(rows(50, 1));
        for (int i = 0; i < d.rows(); i++) {
            String colour = p.categorify().vocab("colour").get(d.cats()[i][0]);
            assertEquals(colour.equals("red") ? 1f : 0f, d.y()[i]);
        }
        Table odd = rows(3, 2);
        odd.stringColumn("label").set(1, "maybe");
        UserInputException e = assertThrows(UserInputException.class, () -> p.process(odd));
        assertTrue(e.getMessage().contains("the class 'maybe' (row 2 of its split) that no training row has"),
                e.getMessage());
    }

    @Test
    void logisticRegressionLearnsTheDecidingCategory() {
        ColumnRoles roles = new ColumnRoles("label", List.of("colour"), List.of("count"));
        TabularProcessor p = TabularProcessor.fitClassifier(rows(400, 3), roles, TabularProcessor.Robust.CSV);
        TabularData tr = p.process(rows(400, 3));
        TabularData va = p.process(rows(200, 4));
        int[] ytr = new int[tr.rows()];
        int[] yva = new int[va.rows()];
        java.util.Arrays.setAll(ytr, i -> (int) tr.y()[i]);
        java.util.Arrays.setAll(yva, i -> (int) va.y()[i]);
        OneHotLogistic lr = OneHotLogistic.fit(tr, ytr, 2, p.cardinalities());
        double[][] prob = lr.predictProba(va);
        assertEquals(1.0, TabularMetrics.accuracy(yva, prob), 1e-12);
        assertEquals(1.0, prob[0][0] + prob[0][1], 1e-9);
        // C = 1 keeps the weights finite: confident, not certain
        assertTrue(TabularMetrics.logLoss(yva, prob) > 0.001 && TabularMetrics.logLoss(yva, prob) < 0.2,
                "log loss " + TabularMetrics.logLoss(yva, prob) + " after " + lr.iterations() + " iterations");
    }

    @Test
    void accuracyAndLogLossByHand() {
        int[] y = {0, 1, 1};
        double[][] p = {{0.8, 0.2}, {0.4, 0.6}, {0.9, 0.1}};
        assertEquals(2.0 / 3, TabularMetrics.accuracy(y, p), 1e-12);
        assertEquals(-(Math.log(0.8) + Math.log(0.6) + Math.log(0.1)) / 3, TabularMetrics.logLoss(y, p), 1e-12);
        // a sure miss is clipped as scikit-learn's log_loss clips it
        assertEquals(-Math.log(TabularMetrics.LOG_LOSS_EPS), TabularMetrics.logLoss(new int[] {0},
                new double[][] {{0, 1}}), 1e-9);
    }

    @Test
    void onlySkewedNonNegativeColumnsAreLoggedAndInvertBack() {
        Table t = rows(300, 5);
        t.addColumns(DoubleColumn.create("signed", new Random(6).doubles(300, -1, 1).toArray()),
                DoubleColumn.create("flat", new Random(7).doubles(300, 0, 1).toArray()));
        LogSkewed log = new LogSkewed(List.of("count", "signed", "flat"));
        log.setup(t);
        assertEquals(List.of("count"), log.logged());
        double before = t.doubleColumn("count").getDouble(0);
        log.apply(t);
        assertEquals(Math.log1p(before), t.doubleColumn("count").getDouble(0), 1e-12);
        assertEquals(before, log.invert("count", t.doubleColumn("count").getDouble(0)), 1e-9 * (1 + before));
        // pandas' skew of [0, 0, 0, 1] without the small-sample correction: m3 / m2^1.5 = 1.1547
        assertEquals(2 / Math.sqrt(3), LogSkewed.skewness(new double[] {0, 0, 0, 1}), 1e-12);
        assertTrue(Double.isNaN(LogSkewed.skewness(new double[] {-1, 0, 5})));
        assertArrayEquals(new double[] {0}, new double[] {log.invert("flat", 0)});
    }

    /** Winsorizing at 10 %: of 0 … 9 and an outlier 1000, values beyond the 0.1 and 0.9 quantiles are moved in. */
    @Test
    void winsorizingCapsAnOutlierAtTheTrainingQuantiles() {
        double[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
        Table t = Table.create("t", DoubleColumn.create("x", v));
        Normalize n = new Normalize(List.of("x"), 0.1);
        n.setup(t);
        // numpy's linear quantiles of the 11 values: 0.1 → 1, 0.9 → 9
        double[] capped = {1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9};
        double mean = java.util.Arrays.stream(capped).average().orElseThrow();
        assertEquals(mean, n.mean("x"), 1e-12);
        Table valid = Table.create("v", DoubleColumn.create("x", -50, 5, 1e6));
        n.apply(valid);
        assertEquals((1 - mean) / n.std("x"), valid.doubleColumn("x").getDouble(0), 1e-12);
        assertEquals((9 - mean) / n.std("x"), valid.doubleColumn("x").getDouble(2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new TabularProcessor.Robust(true, 0.5));
    }
}
