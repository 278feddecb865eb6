package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckerboardTest {
    @Test
    void aPureCheckerboardIsAllPeriodicAndAConstantImageNone() {
        float[] board = new float[8 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                board[y * 8 + x] = (x + y) % 2;
            }
        }
        assertEquals(1, Checkerboard.periodicShare(board, 1, 8, 8, 2), 1e-12);
        assertEquals(1, Checkerboard.periodicShare(board, 1, 8, 8, 4), 1e-12); // period 2 repeats every 4 too
        assertEquals(0, Checkerboard.periodicShare(new float[64], 1, 8, 8, 2), 0);
    }

    @Test
    void aRampOrAMixIsWorkedByHand() {
        // 2 equal rows of 4 pixels, period 2: x = 0 1 2 3, mean 1.5, deviations -1.5 -0.5 0.5 1.5, variance sum
        // 2 · 5 = 10; the tile's cells average (-1.5 + 0.5) / 2 = -0.5 (even columns) and 0.5 (odd), tiled over the
        // 8 pixels: energy 8 · 0.25 = 2, share 2/10
        float[] ramp = {0, 1, 2, 3, 0, 1, 2, 3};
        assertEquals(0.2, Checkerboard.periodicShare(ramp, 1, 2, 4, 2), 1e-12);
        // two images: the ramp (0.2) and an alternation of columns (1): mean 0.6
        float[] two = {0, 1, 2, 3, 0, 1, 2, 3, 5, 1, 5, 1, 5, 1, 5, 1};
        assertEquals(0.6, Checkerboard.periodicShare(two, 2, 2, 4, 2), 1e-12);
    }

    @Test
    void aSideNotTiledByThePeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Checkerboard.periodicShare(new float[9], 1, 3, 3, 2));
    }
}
