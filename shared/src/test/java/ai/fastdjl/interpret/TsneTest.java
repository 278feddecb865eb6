package ai.fastdjl.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsneTest {
    private static final int CLUSTERS = 3;
    private static final int PER_CLUSTER = 30;
    private static final int DIM = 10;

    /** 3 Gaussian clusters (sd 1) of 30 points in 10-D whose centres are pairwise 20 apart. */
    private static double[][] clusters() {
        Random random = new Random(7);
        // centre k = (20 / sqrt 2) e_k: |c_a - c_b| = sqrt(2 (20 / sqrt 2)^2) = 20
        double offset = 20 / Math.sqrt(2);
        double[][] x = new double[CLUSTERS * PER_CLUSTER][DIM];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < DIM; d++) {
                x[i][d] = random.nextGaussian() + (d == label(i) ? offset : 0);
            }
        }
        return x;
    }

    private static int label(int i) {
        return i / PER_CLUSTER;
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    @Test
    void wellSeparatedClustersStayApart() {
        double[][] y = Tsne.builder().perplexity(10).seed(1).build().fit(clusters());
        assertEquals(CLUSTERS * PER_CLUSTER, y.length, "one map row per input row");

        for (int i = 0; i < y.length; i++) {
            int nearest = -1;
            for (int j = 0; j < y.length; j++) {
                if (j != i && (nearest < 0 || dist(y[i], y[j]) < dist(y[i], y[nearest]))) {
                    nearest = j;
                }
            }
            assertEquals(label(i), label(nearest), "point " + i + "'s nearest map neighbour " + nearest
                    + " is from another cluster");
        }

        // Separation: the closest pair from different clusters is more than twice as far apart as any point is from
        // its own cluster's map centroid, so a circle around each centroid holding its whole cluster keeps every other
        // cluster's points well outside it (seed 1 gives about 5.7 times; seeds 1 to 5 and 42 all 5.6 to 6.5).
        double[][] centroid = new double[CLUSTERS][2];
        for (int i = 0; i < y.length; i++) {
            centroid[label(i)][0] += y[i][0] / PER_CLUSTER;
            centroid[label(i)][1] += y[i][1] / PER_CLUSTER;
        }
        double maxRadius = 0;
        for (int i = 0; i < y.length; i++) {
            maxRadius = Math.max(maxRadius, dist(y[i], centroid[label(i)]));
        }
        double minGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                if (label(i) != label(j)) {
                    minGap = Math.min(minGap, dist(y[i], y[j]));
                }
            }
        }
        assertTrue(minGap > 2 * maxRadius, "closest points of different clusters are " + minGap
                + " apart, not more than twice the largest distance to an own-cluster centroid " + maxRadius);
    }

    @Test
    void sameSeedSameMapOtherSeedOtherMap() {
        double[][] x = clusters();
        Tsne.Builder b = Tsne.builder().perplexity(10).iterations(300);
        double[][] first = b.seed(3).build().fit(x);
        double[][] again = b.seed(3).build().fit(x);
        double[][] other = b.seed(4).build().fit(x);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Arrays.equals(first[i], again[i]), "row " + i + " differs between two runs with seed 3");
        }
        assertFalse(Arrays.deepEquals(first, other), "seeds 3 and 4 gave the same map");
    }

    @Test
    void binarySearchMatchesPerplexity() {
        double[][] x = clusters();
        double[] sq = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            for (int d = 0; d < DIM; d++) {
                sq[j] += (x[0][d] - x[j][d]) * (x[0][d] - x[j][d]);
            }
        }
        for (double target : new double[] {5, 10, 30}) {
            double[] p = Tsne.conditionalRow(sq, 0, target);
            assertEquals(0.0, p[0], "a point is not its own neighbour");
            double sum = 0;
            double entropy = 0;
            for (double v : p) {
                sum += v;
                entropy -= v > 0 ? v * Math.log(v) : 0;
            }
            assertEquals(1.0, sum, 1e-12, "p_{j|0} sums to 1");
            assertEquals(target, Math.exp(entropy), 1e-3, "perplexity exp(H) of the calibrated row");
        }
    }

    @Test
    void perplexityAtLeastNIsClamped() {
        assertEquals(4 / 3.0, Tsne.effectivePerplexity(30, 5), 1e-12, "perplexity 30 on 5 rows -> (5 - 1) / 3");
        assertEquals(30, Tsne.effectivePerplexity(30, 90), "perplexity below n is kept");
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}};
        Tsne tsne = Tsne.builder().iterations(300).build();
        double[][] y = tsne.fit(x);
        for (double[] row : y) {
            assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]), "finite map " + Arrays.toString(row));
        }
        assertTrue(tsne.klDivergence() >= 0, "KL divergence is non-negative: " + tsne.klDivergence());
    }

    @Test
    void badInputThrows() {
        Tsne tsne = Tsne.builder().build();
        assertThrows(IllegalArgumentException.class, () -> tsne.fit(new double[][] {{1, 2}, {3, 4}}),
                "2 rows are too few");
        assertThrows(IllegalArgumentException.class, () -> tsne.fit(new double[][] {{1, 2}, {3, 4}, {5}}),
                "ragged rows");
        assertThrows(IllegalArgumentException.class, () -> tsne.fit(new double[][] {{1, 2}, {3, Double.NaN}, {5, 6}}),
                "NaN value");
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().perplexity(0), "perplexity 0");
    }
}
