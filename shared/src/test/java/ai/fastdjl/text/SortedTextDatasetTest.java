package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortedTextDatasetTest {

    @Test
    void batchesHoldTextsOfSimilarLengthPaddedAtTheEnd() throws Exception {
        List<int[]> docs = new ArrayList<>();
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            int[] d = new int[1 + i];
            java.util.Arrays.fill(d, 100 + i); // text i: i + 1 copies of token 100 + i
            docs.add(d);
            labels[i] = i;
        }
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            // validation: longest first, every text once
            List<long[]> valid = new ArrayList<>();
            for (Batch b : new SortedTextDataset(docs, labels, 4, 1, false).getData(m)) {
                try (b) {
                    valid.add(b.getData().head().toLongArray());
                    if (valid.size() == 1) {
                        assertArrayEquals(new long[] {9, 8, 7, 6}, b.getLabels().head().toLongArray());
                        // row 1 (text 8, 9 tokens) is padded with xxpad (1) to the batch's 10
                        long[] x = b.getData().head().toLongArray();
                        assertEquals(108, x[10]);
                        assertEquals(1, x[19]);
                    }
                }
            }
            assertEquals(3, valid.size()); // 4 + 4 + 2
            // training: drops the incomplete batch, each text at most once
            Set<Long> seen = new HashSet<>();
            int batches = 0;
            for (Batch b : new SortedTextDataset(docs, labels, 4, 1, true).getData(m)) {
                try (b) {
                    for (long y : b.getLabels().head().toLongArray()) {
                        assertTrue(seen.add(y));
                    }
                    batches++;
                }
            }
            assertEquals(2, batches);
        }
    }

    @Test
    void truncateKeepsTheFirstTokens() {
        List<int[]> t = SortedTextDataset.truncate(List.of(new int[] {2, 5, 6, 7}, new int[] {2, 5}), 3);
        assertArrayEquals(new int[] {2, 5, 6}, t.get(0));
        assertArrayEquals(new int[] {2, 5}, t.get(1));
    }
}
