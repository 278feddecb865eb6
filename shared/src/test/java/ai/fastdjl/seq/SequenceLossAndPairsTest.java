package ai.fastdjl.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.fastdjl.loss.SequenceCrossEntropy;
import ai.fastdjl.metric.CharErrorRate;
import ai.fastdjl.text.SortedPairs;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceLossAndPairsTest {
    @Test
    void lossAveragesOverTokensNotPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two rows, two steps, vocabulary {0 = pad, 1}; targets: row 0 = [1, pad], row 1 = [1, 1]
            float[] logits = {0, 0, /* row 0, step 1: padding, not scored */ 5, -5, /* row 1 */ 0, (float) Math.log(2),
                0, 0};
            float loss = new SequenceCrossEntropy(0).evaluate(new NDList(m.create(new int[] {1, 0, 1, 1},
                    new Shape(2, 2))), new NDList(m.create(logits, new Shape(2, 2, 2)))).getFloat();
            double l00 = Math.log(2); // softmax(0, 0)[1]
            double l10 = Math.log(1 + 2.0) - Math.log(2); // softmax(0, ln 2)[1] = 2/3
            double l11 = Math.log(2);
            assertEquals((l00 + l10 + l11) / 3, loss, 1e-5);
            // a decoder that stopped after one step is scored on that step only
            float first = new SequenceCrossEntropy(0).evaluate(new NDList(m.create(new int[] {1, 0, 1, 1},
                    new Shape(2, 2))), new NDList(m.create(logits, new Shape(2, 2, 2)).get(":, :1"))).getFloat();
            assertEquals((l00 + l10) / 2, first, 1e-5);
        }
    }

    @Test
    void editDistanceByHand() {
        assertEquals(0, CharErrorRate.distance("READ", "READ"));
        assertEquals(1, CharErrorRate.distance("RED", "READ"));
        assertEquals(2, CharErrorRate.distance("RECIEVE", "RECEIVE"));
        assertEquals(3, CharErrorRate.distance("KITTEN", "SITTING"));
        assertEquals(4, CharErrorRate.distance("", "WORD"));
        assertEquals((1 + 3) / 11.0, CharErrorRate.of(List.of("RED", "KITTEN"), List.of("READ", "SITTING")), 1e-12);
    }

    @Test
    void pairsPadSourcesLeftAndTargetsRight() {
        try (NDManager m = NDManager.newBaseManager()) {
            SortedPairs p = new SortedPairs(List.of(new int[] {5}, new int[] {6, 7, 8}),
                    List.of(new int[] {3, 4, 2}, new int[] {3, 2}), 2, 0, false);
            Batch b = p.getData(m).iterator().next();
            // validation order: longest target first
            assertArrayEquals(new int[] {0, 0, 5, 6, 7, 8}, b.getData().head().toIntArray());
            assertArrayEquals(new int[] {3, 4, 2, 3, 2, 0}, b.getLabels().head().toIntArray());
            b.close();
        }
    }
}
