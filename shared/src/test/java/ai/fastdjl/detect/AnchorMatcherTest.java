package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorMatcherTest {
    /** Four 0.5 × 0.5 anchors tiling the unit square. */
    private static final List<Box> QUARTERS = List.of(new Box(0, 0, 0.5, 0.5), new Box(0.5, 0, 1, 0.5),
            new Box(0, 0.5, 0.5, 1), new Box(0.5, 0.5, 1, 1));

    @Test
    void aSmallObjectStillGetsItsBestAnchor() {
        // IoU with the top-left quarter: 0.01 / 0.25 = 0.04, far below 0.5, and 0 with the others
        int[] m = AnchorMatcher.match(QUARTERS, List.of(new Box(0.05, 0.05, 0.15, 0.15)), 0.5);
        assertArrayEquals(new int[] {0, -1, -1, -1}, m, "the small object takes the anchor it overlaps most");
    }

    @Test
    void anAnchorOverThresholdForTwoObjectsTakesTheHigher() {
        Box g0 = new Box(0, 0, 1, 1);
        Box g1 = new Box(0.2, 0, 1.2, 1);
        // anchor 2 against g0: 0.85 / 1.15 = 0.74; against g1: 0.95 / 1.05 = 0.90
        // anchor 3 against g0: 0.45 / 1 = 0.45 (below 0.5); against g1: 0.25 / 1.2 = 0.21
        List<Box> anchors = List.of(g0, g1, new Box(0.15, 0, 1.15, 1), new Box(0, 0, 0.45, 1));
        assertArrayEquals(new int[] {0, 1, 1, -1}, AnchorMatcher.match(anchors, List.of(g0, g1), 0.5),
                "each object its exact anchor; the shared one to the higher IoU; the 0.45 one background");
        assertArrayEquals(new int[] {0, 1, 1, 0}, AnchorMatcher.match(anchors, List.of(g0, g1), 0.4),
                "at threshold 0.4 the last anchor is a positive of g0");
    }

    @Test
    void twoObjectsWithTheSameBestAnchorDoNotCollide() {
        Box x = new Box(0, 0, 1, 1);
        Box y = new Box(0, 0, 0.5, 1);
        Box g0 = new Box(0, 0, 0.9, 1); // IoU with x 0.9, with y 0.5 / 0.9 = 0.56
        Box g1 = new Box(0, 0, 1, 0.95); // IoU with x 0.95, with y 0.475 / 0.975 = 0.49
        assertArrayEquals(new int[] {1, 0}, AnchorMatcher.match(List.of(x, y), List.of(g0, g1), 0.5),
                "the better pair (g1, x) wins x; g0 falls back to y");
        assertArrayEquals(new int[] {0, 1}, AnchorMatcher.match(List.of(x, y), List.of(g1, g0), 0.5),
                "the same pairs whatever the order of the objects");
    }

    @Test
    void noObjectsOrNoOverlapMeansBackground() {
        assertArrayEquals(new int[] {-1, -1, -1, -1}, AnchorMatcher.match(QUARTERS, List.of(), 0.5), "no objects");
        assertArrayEquals(new int[] {-1, -1, -1, -1}, AnchorMatcher.match(QUARTERS, List.of(new Box(5, 5, 6, 6)), 0.5),
                "an object touching no anchor is left unmatched, not given an arbitrary anchor");
        assertThrows(IllegalArgumentException.class, () -> AnchorMatcher.match(QUARTERS, List.of(), 0), "threshold 0");
    }
}
