package ai.fastdjl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSampleTest {

    @Test
    void limitTakesASeededSampleThatKeepsEachClassShare() {
        // 65 % class 0 in the first rows, then 35 % class 1: the first N rows would be one class only
        int[] labels = new int[1000];
        Arrays.fill(labels, 650, 1000, 1);
        int[] s = StratifiedSample.indices(labels, 100, 42);
        assertEquals(100, s.length);
        assertEquals(65, Arrays.stream(s).filter(i -> labels[i] == 0).count());
        assertEquals(35, Arrays.stream(s).filter(i -> labels[i] == 1).count());
        assertEquals(100, Arrays.stream(s).distinct().count());
        assertTrue(s[99] > 650, "drawn from all rows, not the first 100");
        assertArrayEquals(s, StratifiedSample.indices(labels, 100, 42), "the same seed, the same sample");
        assertFalse(Arrays.equals(s, StratifiedSample.indices(labels, 100, 43)));
    }

    @Test
    void roundingGoesToTheLargestRemaindersAndNeverExceedsN() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2}; // a third each: 7 = 2 + 2 + 2 + one more
        int[] s = StratifiedSample.indices(labels, 7, 1);
        assertEquals(7, s.length);
        long[] perClass = new long[3];
        for (int i : s) {
            perClass[labels[i]]++;
        }
        assertTrue(Arrays.stream(perClass).allMatch(c -> c == 2 || c == 3), Arrays.toString(perClass));
        assertEquals(9, StratifiedSample.indices(labels, 50, 1).length, "a limit above the size keeps all");
    }
}
