package ai.fastdjl.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ActivationStatsTest {
    @Test
    void histogramCountsValuesPerBinAndIgnoresOutsiders() {
        // 4 bins over [0, 4]: [0,1) [1,2) [2,3) [3,4]; -1 and 5 fall outside; 4.0 goes to the last bin (histc)
        float[] v = {0f, 0.5f, 1f, 2.5f, 3.99f, 4f, -1f, 5f};
        assertArrayEquals(new long[] {2, 1, 1, 2}, ActivationStats.histogram(v, 4, 0, 4));
    }
}
