package ai.fastdjl.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterpretationTest {
    private static final float[][] PROBS = {
        {0.9f, 0.1f, 0.0f}, // 0: actual 0, right, sure
        {0.2f, 0.7f, 0.1f}, // 1: actual 0, wrong (pred 1): loss -log .2
        {0.1f, 0.8f, 0.1f}, // 2: actual 1, right
        {0.05f, 0.15f, 0.8f}, // 3: actual 1, wrong (pred 2): loss -log .15
        {0.4f, 0.35f, 0.25f}, // 4: actual 2, wrong (pred 0): loss -log .25
        {0.3f, 0.3f, 0.4f}, // 5: actual 2, right but unsure
    };
    private static final int[] TARGETS = {0, 0, 1, 1, 2, 2};

    private static Interpretation interp() {
        return new Interpretation(null, List.of("a", "b", "c"), PROBS, TARGETS);
    }

    @Test
    void confusionMatrixCountsActualByPredicted() {
        int[][] cm = interp().confusionMatrix();
        assertArrayEquals(new int[] {1, 1, 0}, cm[0]);
        assertArrayEquals(new int[] {0, 1, 1}, cm[1]);
        assertArrayEquals(new int[] {1, 0, 1}, cm[2]);
        assertEquals(0.5, interp().accuracy(), 1e-12);
        assertEquals(3, interp().mostConfused(1).size());
    }

    @Test
    void topLossesAreSortedByLoss() {
        List<Interpretation.Sample> top = interp().topLosses(4);
        assertEquals(List.of(3, 1, 4, 5), top.stream().map(Interpretation.Sample::index).toList());
        assertEquals(-Math.log(0.15f), top.get(0).loss(), 1e-6);
        for (int i = 1; i < top.size(); i++) {
            assertEquals(true, top.get(i - 1).loss() >= top.get(i).loss());
        }
    }

    @Test
    void uncertainAndConfidentPerClass() {
        // predicted class 2: samples 3 (p .8) and 5 (p .4): the least certain is 5
        assertEquals(5, interp().mostUncertain(1).get(2).get(0).index());
        // correct predictions of class 0: only sample 0
        assertEquals(List.of(0), interp().mostConfidentCorrect(3).get(0).stream().map(Interpretation.Sample::index).toList());
    }
}
