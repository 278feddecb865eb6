package ai.fastdjl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OversamplerTest {
    @Test
    void everyClassReachesTheLargestCountWithCopiesSpreadEvenly() {
        // class 0: 10 samples; class 1: 3 samples (indices 10, 11, 12); class 2: none
        int[] labels = new int[13];
        labels[10] = 1;
        labels[11] = 1;
        labels[12] = 1;
        int[] idx = Oversampler.balanced(labels, 3);
        int[] counts = new int[3];
        int[] copies = new int[13];
        for (int i : idx) {
            counts[labels[i]]++;
            copies[i]++;
        }
        assertArrayEquals(new int[] {10, 10, 0}, counts, "class counts after oversampling");
        assertEquals(1, copies[0], "the largest class is kept as it is");
        // 10 = 3 whole rounds + 1 more: each rare sample 3 or 4 times
        assertEquals(10, copies[10] + copies[11] + copies[12]);
        Arrays.stream(new int[] {copies[10], copies[11], copies[12]}).forEach(c -> assertEquals(3.5, c, 0.5));
    }

    @Test
    void inverseFrequencyWeightsAverageOneOverTheSamples() {
        int[] labels = {0, 0, 0, 1};
        float[] w = Oversampler.inverseFrequency(labels, 3);
        assertArrayEquals(new float[] {4 / 6f, 2f, 0}, w, 1e-6f, "n / (classes present · count)");
        assertEquals(1.0, (3 * w[0] + w[1]) / 4, 1e-6);
    }
}
