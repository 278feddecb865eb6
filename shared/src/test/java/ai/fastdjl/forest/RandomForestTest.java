package ai.fastdjl.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.tabular.TabularMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomForestTest {

    /** y = 3 where x ≤ 0 and 7 where x > 0, with zeros among the values (Tribuo stores features sparsely). */
    @Test
    void aStepIsLearnedExactlyIncludingAtZero() {
        double[][] x = {{-1}, {0}, {1}, {-2}, {0}, {2}, {-1}, {1}};
        double[] y = {3, 3, 7, 3, 3, 7, 3, 7};
        RandomForest rf = RandomForest.builder().trees(20).seed(1).fit(x, y);
        // every bootstrap with both sides splits between 0 and the smallest positive value; a one-sided bootstrap
        // predicts its side everywhere, so the average is 3 or 7 only where trees agree: check the ordering
        double[] p = rf.predict(new double[][] {{-5}, {0}, {5}});
        assertTrue(p[0] < 4 && p[1] < 4 && p[2] > 6, java.util.Arrays.toString(p));
        assertEquals(20, rf.size());
    }

    @Test
    void aSmoothFunctionIsApproximatedAndTheSeedRepeatsTheForest() {
        Random r = new Random(0);
        double[][] x = new double[600][3];
        double[] y = new double[600];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextDouble() * 4 - 2;
            }
            y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1] * x[i][1]; // x[2] is noise
        }
        double[][] xt = java.util.Arrays.copyOfRange(x, 500, 600);
        double[] yt = java.util.Arrays.copyOfRange(y, 500, 600);
        double[][] xf = java.util.Arrays.copyOfRange(x, 0, 500);
        double[] yf = java.util.Arrays.copyOfRange(y, 0, 500);
        RandomForest a = RandomForest.builder().trees(50).maxFeatures(0.67).seed(7).threads(1).fit(xf, yf);
        RandomForest b = RandomForest.builder().trees(50).maxFeatures(0.67).seed(7).threads(3).fit(xf, yf);
        double[] pa = a.predict(xt);
        assertArrayEquals(pa, b.predict(xt), 0.0);
        // y's standard deviation is about 0.8; a 50-tree forest on 500 rows gets well under half of it
        assertTrue(TabularMetrics.rmse(yt, pa) < 0.25, "rmse " + TabularMetrics.rmse(yt, pa));
        double[] oob = a.oobPredictions();
        assertTrue(TabularMetrics.rmse(yf, oob) < 0.3, "oob rmse " + TabularMetrics.rmse(yf, oob));
        double[][] trees = a.perTree(xt);
        assertEquals(50, trees.length);
        double mean0 = java.util.Arrays.stream(trees).mapToDouble(t -> t[0]).average().orElseThrow();
        assertEquals(pa[0], mean0, 1e-9);
    }

    @Test
    void columnsWithManyValuesAreSnappedToQuantileEdgesAndFewValuesAreKept() {
        double[][] x = new double[1000][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i;      // 1,000 distinct values: binned
            x[i][1] = i % 3;  // 3 values: kept
        }
        double[][] edges = RandomForest.binEdges(x, 4);
        // upper quartile values: rows 249, 499, 749, 999
        assertArrayEquals(new double[] {249, 499, 749, 999}, edges[0], 0.0);
        assertEquals(null, edges[1]);
        double[][] b = RandomForest.binned(new double[][] {{0, 2}, {250, 1}, {5000, 0}, {Double.NaN, 0}}, edges);
        assertArrayEquals(new double[] {249, 2}, b[0], 0.0);
        assertArrayEquals(new double[] {499, 1}, b[1], 0.0); // up to the next edge
        assertArrayEquals(new double[] {999, 0}, b[2], 0.0);  // beyond the last: the last
        assertTrue(Double.isNaN(b[3][0]));
        // a forest on binned inputs still learns a step that falls on an edge
        double[] y = new double[1000];
        for (int i = 0; i < y.length; i++) {
            y[i] = i <= 499 ? 1 : 5;
        }
        double[] p = RandomForest.builder().trees(10).maxBins(4).seed(1).fit(x, y).predict(new double[][] {{10, 0}, {900, 0}});
        assertArrayEquals(new double[] {1, 5}, p, 1e-9);
    }

    /** Three classes in three bands of x[0] (x[1] is noise): probabilities sum to 1 and pick the right band. */
    @Test
    void aClassifierGivesClassProbabilities() {
        Random r = new Random(3);
        double[][] x = new double[300][2];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextDouble() * 3;
            x[i][1] = r.nextDouble();
            y[i] = (int) x[i][0];
        }
        RandomForest rf = RandomForest.builder().trees(30).seed(1).fitClassifier(x, y, 3);
        assertEquals(3, rf.outputs());
        double[][] p = rf.predictProba(new double[][] {{0.2, 0.5}, {1.5, 0.5}, {2.8, 0.5}});
        for (int k = 0; k < 3; k++) {
            assertEquals(1, java.util.Arrays.stream(p[k]).sum(), 1e-9);
            assertTrue(p[k][k] > 0.9, java.util.Arrays.toString(p[k]));
        }
        double[][] oob = rf.oobProba();
        int right = 0;
        for (int i = 0; i < oob.length; i++) {
            int best = oob[i][0] >= oob[i][1] && oob[i][0] >= oob[i][2] ? 0 : oob[i][1] >= oob[i][2] ? 1 : 2;
            right += best == y[i] ? 1 : 0;
        }
        assertTrue(right > 280, right + " of 300 out-of-bag rows right");
        assertThrows(IllegalStateException.class, () -> rf.predict(new double[][] {{1, 1}}));
    }
}
