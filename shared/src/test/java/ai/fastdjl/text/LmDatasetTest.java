package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LmDatasetTest {

    /** The tokens 0, 1, …, n-1 as one document: every target must be its input plus one. */
    private static List<int[]> counting(int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return List.of(d);
    }

    /** Each batch's rows as long[bs][len] inputs and targets. */
    private static List<long[][][]> epoch(LmDataset ds, int bs, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        List<long[][][]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (Batch b : ds.getData(m)) {
                try (b) {
                    long[] x = b.getData().head().toLongArray();
                    long[] y = b.getLabels().head().toLongArray();
                    int len = (int) b.getData().head().getShape().get(1);
                    assertEquals(bs, b.getData().head().getShape().get(0));
                    assertEquals((long) bs * len, y.length, "labels are flattened [bs * len]");
                    long[][][] rows = new long[2][bs][len];
                    for (int r = 0; r < bs; r++) {
                        System.arraycopy(x, r * len, rows[0][r], 0, len);
                        System.arraycopy(y, r * len, rows[1][r], 0, len);
                    }
                    out.add(rows);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void targetsAreInputsShiftedByOneAndRowsContinueAcrossBatches() {
        int bs = 4;
        int n = 4 * 1001; // rows of 1001 tokens: 1000 inputs each
        LmDataset ds = LmDataset.train(counting(n), bs, 30);
        List<long[][][]> batches = epoch(ds, bs, 7);
        assertEquals(ds.batches(), batches.size());
        for (int r = 0; r < bs; r++) {
            long expected = r * 1001L; // row r is the stream's r-th quarter
            for (long[][][] b : batches) {
                for (int t = 0; t < b[0][r].length; t++) {
                    assertEquals(expected, b[0][r][t], "input of row " + r);
                    assertEquals(expected + 1, b[1][r][t], "target of row " + r);
                    expected++;
                }
            }
            assertEquals(r * 1001L + 1000, expected, "each row's 1000 inputs, each exactly once");
        }
    }

    @Test
    void everyEpochHasTheSameNumberOfBatchesWhileItsLengthsVary() {
        int bs = 8;
        LmDataset ds = LmDataset.train(counting(8 * 5000), bs, 70);
        // E[length] = 0.95·70 + 0.05·35 = 68.25: ceil(4999 / 68.25) = 74 batches
        assertEquals(74, ds.batches());
        Set<List<Integer>> seen = new HashSet<>();
        for (int seed = 0; seed < 5; seed++) {
            List<Integer> lens = epoch(ds, bs, seed).stream().map(b -> b[0][0].length).toList();
            assertEquals(74, lens.size(), "seed " + seed);
            assertEquals(4999, lens.stream().mapToInt(Integer::intValue).sum());
            assertTrue(lens.stream().distinct().count() > 10, "lengths vary: " + lens);
            seen.add(lens);
            assertEquals(lens, epoch(ds, bs, seed).stream().map(b -> b[0][0].length).toList(), "same seed, same cuts");
        }
        assertEquals(5, seen.size(), "each seed cuts the stream differently");
    }

    @Test
    void sampledLengthsFollowFastaisDistribution() {
        Random r = new Random(0);
        int n = 20_000;
        int half = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int len = LmDataset.sampleLength(r, 70);
            assertTrue(len >= LmDataset.MIN_LENGTH);
            half += len < 52 ? 1 : 0; // 35 ± 5 vs 70 ± 5: more than 3 std apart
            sum += len;
        }
        assertEquals(0.05, (double) half / n, 0.01);
        // int() truncates toward zero: the mean is about 68.25 - 0.5
        assertEquals(67.75, sum / n, 0.3);
    }

    @Test
    void validationKeepsOrderAndAFixedLength() {
        int bs = 2;
        LmDataset ds = LmDataset.valid(List.of(new int[] {0, 1, 2, 3, 4}, new int[] {5, 6, 7, 8, 9, 10, 11}), bs, 3);
        // 12 tokens, rows of 6: inputs 0..4 | 6..10 in lengths 3, 2
        List<long[][][]> b = epoch(ds, bs, 0);
        assertEquals(2, ds.batches());
        assertArrayEquals(new long[][] {{0, 1, 2}, {6, 7, 8}}, b.get(0)[0]);
        assertArrayEquals(new long[][] {{1, 2, 3}, {7, 8, 9}}, b.get(0)[1]);
        assertArrayEquals(new long[][] {{3, 4}, {9, 10}}, b.get(1)[0]);
        assertArrayEquals(new long[][] {{4, 5}, {10, 11}}, b.get(1)[1]);
    }

    @Test
    void splitDocsHoldsOutASeededShareOfTheDocuments() {
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new int[] {i});
        }
        List<List<int[]>> split = LmDataset.splitDocs(docs, 0.1, 3);
        assertEquals(45, split.get(0).size());
        assertEquals(5, split.get(1).size());
        Set<Integer> all = new HashSet<>();
        split.forEach(part -> part.forEach(d -> all.add(d[0])));
        assertEquals(50, all.size(), "every document once");
        assertEquals(split.get(1).get(0)[0], LmDataset.splitDocs(docs, 0.1, 3).get(1).get(0)[0]);
        assertEquals(5, LmDataset.count(split.get(1)));
    }

    @Test
    void tooFewTokensForTheRowsIsRejected() {
        assertEquals(128, LmDataset.minTokens(64));
        assertThrows(IllegalArgumentException.class, () -> LmDataset.train(counting(127), 64, 70));
        assertEquals(1, LmDataset.train(counting(128), 64, 70).batches());
    }
}
