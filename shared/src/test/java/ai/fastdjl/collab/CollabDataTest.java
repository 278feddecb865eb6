package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollabDataTest {
    /** 1,000 ratings: user k % 50, item k % 37, timestamps a shuffled 0 … 999 (so file order is not time order). */
    static Ratings ratings() {
        int n = 1000;
        String[] u = new String[n];
        String[] i = new String[n];
        float[] r = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = "u" + (k % 50);
            i[k] = "i" + (k % 37);
            r[k] = 1 + k % 5;
            t[k] = (k * 379L) % n; // 379 is coprime to 1000: a permutation
        }
        return new Ratings(u, i, r, t, Map.of());
    }

    @Test
    void aRandomSplitHoldsOutValidPctOfTheRatingsOnce() {
        CollabData d = CollabData.split(ratings(), CollabData.Split.RANDOM, 0.2, 42);
        assertEquals(200, d.validRows().length);
        assertEquals(800, d.trainRows().length);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(d.trainRows()).forEach(all::add);
        Arrays.stream(d.validRows()).forEach(all::add);
        assertEquals(1000, all.size(), "every rating in exactly one split");
        assertEquals(201, CollabData.split(ratings(), CollabData.Split.RANDOM, 0.201, 42).validRows().length);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[] a = CollabData.split(ratings(), CollabData.Split.RANDOM, 0.2, 7).validRows();
        assertArrayEquals(a, CollabData.split(ratings(), CollabData.Split.RANDOM, 0.2, 7).validRows());
        int[] b = CollabData.split(ratings(), CollabData.Split.RANDOM, 0.2, 8).validRows();
        assertFalse(Arrays.equals(a, b));
        // and it is not just the last rows: held-out rows come from all over the file
        assertTrue(a[0] < 100 && a[a.length - 1] > 900, a[0] + " … " + a[a.length - 1]);
    }

    @Test
    void aTimeSplitHoldsOutTheLatestRatings() {
        Ratings r = ratings();
        CollabData d = CollabData.split(r, CollabData.Split.TIME, 0.2, 42);
        long latestTrain = Arrays.stream(d.trainRows()).mapToLong(k -> r.times()[k]).max().orElseThrow();
        long earliestValid = Arrays.stream(d.validRows()).mapToLong(k -> r.times()[k]).min().orElseThrow();
        assertEquals(799, latestTrain);
        assertEquals(800, earliestValid);
        assertEquals(200, d.validRows().length);
        // the seed plays no part
        assertArrayEquals(d.validRows(), CollabData.split(r, CollabData.Split.TIME, 0.2, 1).validRows());
    }

    @Test
    void aTimeSplitNeedsTimes() {
        Ratings r = ratings();
        Ratings noTimes = new Ratings(new String[] {"a", "b"}, new String[] {"x", "y"}, new float[] {1, 2}, null, null);
        var e = assertThrows(UserInputException.class, () -> CollabData.split(noTimes, CollabData.Split.TIME, 0.5, 0));
        assertTrue(e.getMessage().contains("--time"), e.getMessage());
        assertThrows(UserInputException.class, () -> CollabData.split(r, CollabData.Split.RANDOM, 0, 0));
        assertThrows(UserInputException.class, () -> CollabData.split(r, CollabData.Split.RANDOM, 1, 0));
    }

    @Test
    void idsUnseenInTrainingMapToNaAndCountAsCold() {
        // "late" user and item appear only after time 3, so a time split puts them in validation only
        Ratings r = new Ratings(new String[] {"a", "b", "a", "b", "late", "a"},
                new String[] {"x", "x", "y", "y", "x", "new"}, new float[] {1, 2, 3, 4, 5, 1},
                new long[] {0, 1, 2, 3, 4, 5}, null);
        CollabData d = CollabData.split(r, CollabData.Split.TIME, 2.0 / 6, 0);
        assertEquals(java.util.List.of(CollabData.NA, "a", "b"), d.users());
        assertEquals(java.util.List.of(CollabData.NA, "x", "y"), d.items());
        assertEquals(0, d.userIndex("late"));
        assertEquals(0, d.itemIndex("new"));
        assertEquals(2, d.coldValid());
        assertArrayEquals(new int[][] {{0, 1}, {1, 0}}, d.indices(d.validRows()));
        assertEquals(2.5, d.trainMean(), 1e-12);
        assertArrayEquals(new int[] {0, 2, 2}, d.itemCounts());
    }

    @Test
    void loadersServeIndexPairsAndRatings() throws Exception {
        CollabData d = CollabData.split(ratings(), CollabData.Split.RANDOM, 0.2, 42);
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = d.loaders(m, 64);
            assertEquals(800 / 64, dls.trainBatches());
            Batch b = dls.valid().getData(m).iterator().next();
            long[] x = b.getData().head().toLongArray();
            float[] y = b.getLabels().head().toFloatArray();
            int[][] ix = d.indices(d.validRows());
            float[] want = d.targets(d.validRows());
            for (int k = 0; k < 64; k++) {
                assertEquals(ix[0][k], x[2 * k]);
                assertEquals(ix[1][k], x[2 * k + 1]);
                assertEquals(want[k], y[k]);
            }
            assertTrue(IntStream.range(0, 128).allMatch(k -> x[k] > 0), "a random 80 % sees every id");
        }
    }
}
