package ai.fastdjl.semi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PseudoLabelsTest {
    @Test
    void keepsOnlyConfidentPredictionsWithTheirClass() {
        float[][] probs = {{0.95f, 0.05f}, {0.6f, 0.4f}, {0.1f, 0.9f}, {0.89f, 0.11f}};
        PseudoLabels.Selection s = PseudoLabels.confident(probs, 0.9);
        assertArrayEquals(new int[] {0, 2}, s.indices());
        assertArrayEquals(new int[] {0, 1}, s.labels());
    }

    @Test
    void mixesTheRequestedShareOfPseudoLabels() {
        int[] idx = PseudoLabels.mix(100, 40, 0.25, 1000, new Random(1));
        long pseudo = Arrays.stream(idx).filter(i -> i >= 100).count();
        assertEquals(250, pseudo);
        assertEquals(true, Arrays.stream(idx).allMatch(i -> i >= 0 && i < 140));
        // shuffled: the first quarter is not all pseudo-labels
        assertEquals(true, Arrays.stream(idx, 0, 250).anyMatch(i -> i < 100));
    }
}
