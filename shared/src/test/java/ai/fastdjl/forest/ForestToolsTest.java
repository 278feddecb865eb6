package ai.fastdjl.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.tabular.TabularMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ML course's interpretation tools on problems whose answers are known. */
class ForestToolsTest {
    @TempDir
    Path tmp;

    /** p = 2·x0: shuffling x1 cannot change anything; shuffling x0 raises the squared error by about 2·4·var(x0). */
    @Test
    void permutationImportanceOfAKnownModel() {
        Random r = new Random(1);
        double[][] x = new double[2000][2];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = 2 * x[i][0];
        }
        Predictor m = rows -> java.util.Arrays.stream(rows).mapToDouble(row -> 2 * row[0]).toArray();
        var mse = (java.util.function.ToDoubleBiFunction<double[], double[]>) (a, b) -> Math.pow(TabularMetrics.rmse(a, b), 2);
        var imp = PermutationImportance.of(m, x, y, mse, PermutationImportance.columns(List.of("x0", "x1")), 3, 0);
        assertEquals("x0", imp.get(0).feature());
        // E[(2x0 - 2x0')²] = 4 · 2 · var(x0) = 8
        assertEquals(8, imp.get(0).score(), 0.8);
        assertEquals(0, imp.get(1).score(), 0.0);
    }

    @Test
    void aGroupIsShuffledTogether() {
        double[][] x = {{1, 10, 5}, {2, 20, 6}, {3, 30, 7}, {4, 40, 8}};
        double[][] s = PermutationImportance.shuffle(x, new int[] {0, 1}, new Random(3));
        for (double[] row : s) {
            assertEquals(row[0] * 10, row[1], 0.0); // the pair moved as one
        }
        assertArrayEquals(new double[] {5, 6, 7, 8}, java.util.Arrays.stream(s).mapToDouble(row -> row[2]).toArray());
    }

    @Test
    void aucByHand() {
        // positives score 0.35 and 0.8, negatives 0.1 and 0.4: 3 of the 4 (positive, negative) pairs are ordered
        assertEquals(0.75, TrainValidClassifier.auc(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}), 1e-12);
        assertEquals(0.5, TrainValidClassifier.auc(new double[] {0, 1}, new double[] {0.3, 0.3}), 1e-12);
    }

    /** A column that grows with time (a row id) tells validation rows from training rows; noise columns do not. */
    @Test
    void theTrainValidClassifierFindsAPlantedLeakyColumn() {
        Random r = new Random(2);
        double[][] train = new double[1500][3];
        double[][] valid = new double[300][3];
        for (int i = 0; i < train.length + valid.length; i++) {
            double[] row = i < train.length ? train[i] : valid[i - train.length];
            row[0] = r.nextGaussian();
            row[1] = i + r.nextInt(50); // the id: later rows are the validation rows
            row[2] = r.nextInt(12);
        }
        var names = List.of("noise", "id", "month");
        TrainValidClassifier.Result leak = TrainValidClassifier.of(train, valid, names, 30, 0);
        assertTrue(leak.auc() > 0.95, "auc " + leak.auc());
        assertEquals("id", leak.importance().get(0).feature());
        assertTrue(leak.importance().get(0).score() > 0.2, leak.importance().toString());

        double[][] trainClean = dropColumn(train, 1);
        double[][] validClean = dropColumn(valid, 1);
        var clean = TrainValidClassifier.of(trainClean, validClean, List.of("noise", "month"), 30, 0);
        assertTrue(clean.auc() < 0.65, "auc without the id " + clean.auc());
    }

    @Test
    void partialDependenceOfAKnownModelByHand() throws Exception {
        // p = 2·x0 + x1; with x0 set to g in every row the mean is 2g + mean(x1) = 2g + 2
        double[][] x = {{0, 1}, {5, 3}, {9, 2}};
        Predictor m = rows -> java.util.Arrays.stream(rows).mapToDouble(row -> 2 * row[0] + row[1]).toArray();
        var c = PartialDependence.of(m, x, 0, "x0", new double[] {0, 1, 2}, 2, 0);
        assertArrayEquals(new double[] {2, 4, 6}, c.mean(), 1e-12);
        assertEquals(2, c.ice().length);
        assertArrayEquals(new double[] {0, 5, 9}, PartialDependence.grid(x, 0, 10), 0.0);
        PartialDependence.plot(c, null, v -> v * 10, "prediction", tmp.resolve("pdp.png"));
        PartialDependence.plot(c, List.of("a", "b", "c"), null, "prediction", tmp.resolve("pdp-cat.png"));
        assertTrue(Files.size(tmp.resolve("pdp.png")) > 1000);
        assertTrue(Files.size(tmp.resolve("pdp-cat.png")) > 1000);
    }

    @Test
    void treeSpreadBinsByHand() {
        assertArrayEquals(new int[] {1, 0, 1, 0}, TreeVariance.bins(new double[] {0.5, 0.1, 0.9, 0.2}, 2));
    }

    @Test
    void treesDisagreeMoreFarFromTheirData() {
        Random r = new Random(4);
        double[][] x = new double[400][1];
        double[] y = new double[400];
        for (int i = 0; i < x.length; i++) {
            // many consistent rows near 0; a handful of rows near 10 whose targets disagree
            x[i][0] = i < 390 ? r.nextDouble() : 10 + r.nextDouble();
            y[i] = x[i][0] + (i < 390 ? 0 : 3 * r.nextGaussian());
        }
        RandomForest rf = RandomForest.builder().trees(40).seed(1).fit(x, y);
        TreeVariance.Confidence c = TreeVariance.of(rf, new double[][] {{0.5}, {10.5}});
        assertEquals(rf.predict(new double[][] {{0.5}})[0], c.mean()[0], 1e-9);
        assertTrue(c.std()[1] > c.std()[0], java.util.Arrays.toString(c.std()));
    }

    private static double[][] dropColumn(double[][] x, int col) {
        double[][] out = new double[x.length][x[0].length - 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0, k = 0; j < x[i].length; j++) {
                if (j != col) {
                    out[i][k++] = x[i][j];
                }
            }
        }
        return out;
    }

    /** y follows x1 only; x0 travels with x1. The mean of y by x0 rises, the partial dependence on x0 stays flat. */
    @Test
    void theMeanTargetAndThePartialDependenceDisagreeWhenAFeatureTravelsWithAnother() {
        double[][] x = new double[40][2];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i][1] = i % 10;
            x[i][0] = x[i][1] + (i % 3) * 0.1; // nearly a copy of x1
            y[i] = 2 * x[i][1];
        }
        Predictor usesX1 = rows -> java.util.Arrays.stream(rows).mapToDouble(r -> 2 * r[1]).toArray();
        double[] grid = {0, 3, 6, 9};
        PartialDependence.Curve c = PartialDependence.of(usesX1, x, 0, "x0", grid, 5, 1);
        double[] uni = PartialDependence.univariate(x, y, 0, grid);
        assertEquals(1, uni[0], 1e-12); // nearest to 0: the 4 rows of x1 = 0 (y 0) and the 4 of x1 = 1 (y 2)
        assertTrue(uni[3] > uni[0] + 10, java.util.Arrays.toString(uni));
        PartialDependence.Comparison v = PartialDependence.compare(c, uni);
        assertEquals(0, v.partialRange(), 1e-12);
        assertTrue(v.univariateRange() > 10, v.toString());
    }
}
