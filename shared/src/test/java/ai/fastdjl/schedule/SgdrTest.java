package ai.fastdjl.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SgdrTest {
    @Test
    void cyclesDoubleAndRestartAtTheirBoundaries() {
        Sgdr sgdr = new Sgdr(3, 1, 2); // cycles of 1, 2 and 4 epochs
        assertEquals(7, sgdr.epochs());
        assertArrayEquals(new int[] {1, 3, 7}, sgdr.cycleEnds());
        Schedule s = sgdr.schedule(1.0);
        assertEquals(1.0, s.at(0), 1e-12);
        assertEquals(0.5, s.at(1 / 14.0), 1e-12); // half-way through cycle 1, the cosine is at half
        assertEquals(1.0, s.at(1 / 7.0), 1e-12); // restart
        assertEquals(0.5, s.at(2 / 7.0), 1e-12); // half-way through cycle 2 ([1/7, 3/7])
        assertEquals(1.0, s.at(3 / 7.0), 1e-12); // restart
        assertEquals(0.5, s.at(5 / 7.0), 1e-12); // half-way through cycle 3 ([3/7, 1])
        assertEquals(0.0, s.at(1), 1e-12);
    }
}
