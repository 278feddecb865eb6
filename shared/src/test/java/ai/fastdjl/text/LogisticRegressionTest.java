package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** Unit rows: class k has a strong feature k plus weak noise on features 3..9. */
    private static List<TfIdf.Row> rows(int[] y, long seed) {
        Random r = new Random(seed);
        List<TfIdf.Row> out = new ArrayList<>();
        for (int label : y) {
            int noise = 3 + r.nextInt(7);
            float a = 0.9f + 0.1f * r.nextFloat();
            float b = (float) Math.sqrt(1 - a * a);
            out.add(new TfIdf.Row(new int[] {label, noise}, new float[] {a, b}));
        }
        return out;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    @Test
    void separableClassesAreLearnedToTheOptimum() {
        int[] y = labels(300);
        List<TfIdf.Row> train = rows(y, 1);
        LogisticRegression lr = new LogisticRegression(10, 3, 1.0).fit(train, y, 1e-6, 5000);
        assertTrue(lr.iterations() < 5000, "converged in " + lr.iterations());
        assertEquals(1.0, lr.accuracy(train, y));
        int[] yTest = labels(90);
        assertEquals(1.0, lr.accuracy(rows(yTest, 2), yTest));
        // at the optimum the gradient of C·Σ loss + ½‖W‖² (divided by C·n) vanishes
        double[][] g = new double[3][11];
        double norm = lr.gradient(lr.weights(), train, y, 1 / (1.0 * 300), g);
        assertTrue(norm < 1e-5, "gradient norm " + norm);
        double[] p = lr.predictProba(new TfIdf.Row(new int[] {1}, new float[] {1f}));
        assertTrue(p[1] > 0.5 && Math.abs(p[0] + p[1] + p[2] - 1) < 1e-9, java.util.Arrays.toString(p));
    }

    @Test
    void moreRegularisationShrinksTheWeights() {
        int[] y = labels(60);
        List<TfIdf.Row> train = rows(y, 3);
        double strong = norm(new LogisticRegression(10, 3, 0.01).fit(train, y, 1e-7, 5000).weights());
        double weak = norm(new LogisticRegression(10, 3, 10).fit(train, y, 1e-7, 5000).weights());
        assertTrue(strong < weak / 5, strong + " vs " + weak);
    }

    private static double norm(double[][] w) {
        double s = 0;
        for (double[] r : w) {
            for (int j = 0; j < r.length - 1; j++) { // the intercept is not penalised
                s += r[j] * r[j];
            }
        }
        return Math.sqrt(s);
    }
}
