package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchorGridTest {
    private static void assertBox(Box expected, Box actual, double tol, String what) {
        assertEquals(expected.x0(), actual.x0(), tol, what + ": x0 of " + actual);
        assertEquals(expected.y0(), actual.y0(), tol, what + ": y0 of " + actual);
        assertEquals(expected.x1(), actual.x1(), tol, what + ": x1 of " + actual);
        assertEquals(expected.y1(), actual.y1(), tol, what + ": y1 of " + actual);
    }

    @Test
    void countsAndOrderOfSsdDefaults() {
        AnchorGrid g = AnchorGrid.ssd(4, 2, 1);
        // ratios {1, 2, 1/2} plus the extra ratio-1 box: 4 per cell, 16·4 + 4·4 + 1·4
        assertEquals(84, g.size(), "anchors over 4×4, 2×2 and 1×1 maps");
        for (int k = 0; k < 3; k++) {
            assertEquals(4, g.perCell(k), "boxes per cell of map " + k);
        }
        // scales by SSD eq. 4 with m = 3: 0.2, 0.55, 0.9, then torchvision's 1.0 for the last extra box
        List<Box> a = g.anchors();
        assertBox(Box.centre(0.125, 0.125, 0.2, 0.2), a.get(0), 1e-12,
                "first anchor: cell (0,0) of the 4×4 map, s = 0.2");
        assertBox(new Box(0.025, 0.025, 0.225, 0.225), a.get(0), 1e-12, "first anchor's corners");
        double extra = Math.sqrt(0.2 * 0.55);
        assertBox(Box.centre(0.125, 0.125, extra, extra), a.get(1), 1e-12, "the extra box follows the ratio-1 box");
        assertBox(Box.centre(0.125, 0.125, 0.2 * Math.sqrt(2), 0.2 / Math.sqrt(2)), a.get(2), 1e-12, "ratio 2 is wide");
        assertBox(Box.centre(0.125, 0.125, 0.2 / Math.sqrt(2), 0.2 * Math.sqrt(2)), a.get(3), 1e-12,
                "ratio 1/2 is tall");
        assertEquals(0.375, a.get(4).cx(), 1e-12, "row-major: the second cell is one column to the right");
        assertEquals(0.125, a.get(4).cy(), 1e-12, "row-major: the second cell is on the first row");
        assertEquals(0.125, a.get(16).cx(), 1e-12, "the fifth cell starts the second row");
        assertEquals(0.375, a.get(16).cy(), 1e-12, "the fifth cell starts the second row");
        assertBox(Box.centre(0.25, 0.25, 0.55, 0.55), a.get(64), 1e-12, "first anchor of the 2×2 map, s = 0.55");
        assertBox(Box.centre(0.5, 0.5, 0.9, 0.9), a.get(80), 1e-12, "the 1×1 map's anchor, s = 0.9");
        double last = Math.sqrt(0.9 * 1.0);
        assertBox(Box.centre(0.5, 0.5, last, last), a.get(81), 1e-12, "the last extra box uses s_{m+1} = 1");
    }

    @Test
    void explicitScalesRatiosAndNoExtraBox() {
        assertEquals(3 * 21, AnchorGrid.builder(4, 2, 1).extraBox(false).build().size(),
                "3 boxes per cell without the extra");
        AnchorGrid g = AnchorGrid.builder(2, 1).scales(0.3, 0.6, 0.8).ratios(1).mapRatios(1, 1, 3, 1.0 / 3).build();
        assertEquals(2, g.perCell(0), "ratio 1 and the extra box");
        assertEquals(4, g.perCell(1), "ratios 1, 3, 1/3 and the extra box");
        assertEquals(4 * 2 + 4, g.size(), "2×2 cells of 2 and 1 cell of 4");
        assertBox(Box.centre(0.25, 0.25, Math.sqrt(0.3 * 0.6), Math.sqrt(0.3 * 0.6)), g.anchors().get(1), 1e-12,
                "extra box of the first map from explicit scales");
        assertBox(Box.centre(0.5, 0.5, Math.sqrt(0.6 * 0.8), Math.sqrt(0.6 * 0.8)), g.anchors().get(9), 1e-12,
                "the last map's extra box uses the given s_{m+1}");
        AnchorGrid one = AnchorGrid.ssd(3);
        assertEquals(0.2, one.anchors().get(0).width(), 1e-12, "one map gets s_min");
        assertEquals(Math.sqrt(0.2 * 0.9), one.anchors().get(1).width(), 1e-12, "and s_max as its s_{k+1}");
        AnchorGrid noOne = AnchorGrid.builder(1).ratios(2).build();
        assertEquals(2, noOne.perCell(0), "without ratio 1 the extra box comes last");
        assertEquals(Math.sqrt(0.2 * 0.9), noOne.anchors().get(1).width(), 1e-12, "the extra box is square");
    }

    @Test
    void rejectsBadConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.ssd(), "no maps");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.ssd(4, 0), "a map of side 0");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.builder(4, 2).scales(0.2), "too few scales");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.builder(4).ratios(1, -2), "a negative ratio");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.builder(4).mapRatios(1, 1.0),
                "map index out of range");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.ssd(4).perCell(1), "perCell of a missing map");
    }

    @Test
    void encodeIsZeroForTheAnchorAndHandWorkedOtherwise() {
        Box anchor = Box.centre(0.5, 0.5, 0.2, 0.4);
        assertArrayEquals(new float[] {0, 0, 0, 0}, AnchorGrid.encode(anchor, anchor),
                "an anchor encodes itself as zeros");
        // centre moved by 0.1 of the width and -0.2 of the height; size times e^0.2 and e^-0.4
        Box gt = Box.centre(0.5 + 0.1 * 0.2, 0.5 - 0.2 * 0.4, 0.2 * Math.exp(0.2), 0.4 * Math.exp(-0.4));
        assertArrayEquals(new float[] {1, -2, 1, -2}, AnchorGrid.encode(gt, anchor), 1e-6f,
                "offsets over the variances 0.1 and 0.2");
        assertThrows(IllegalArgumentException.class, () -> AnchorGrid.encode(new Box(0, 0, 0, 1), anchor),
                "a zero-width gt");
    }

    @Test
    void decodeInvertsEncode() {
        Random r = new Random(42);
        List<Box> anchors = AnchorGrid.ssd(4, 2, 1).anchors();
        for (int t = 0; t < 1000; t++) {
            double w = 0.01 + 0.99 * r.nextDouble();
            double h = 0.01 + 0.99 * r.nextDouble();
            Box gt = Box.centre(r.nextDouble(), r.nextDouble(), w, h);
            Box anchor = anchors.get(r.nextInt(anchors.size()));
            assertBox(gt, AnchorGrid.decode(AnchorGrid.encode(gt, anchor), anchor), 1e-6, "round trip " + t);
        }
        Box huge = AnchorGrid.decode(new float[] {0, 0, 1e6f, 1e6f}, anchors.get(0));
        assertEquals(0.2 * 62.5, huge.width(), 1e-9, "a wild size offset is capped at e^ln(1000/16) times the anchor");
    }

    @Test
    void encodeAllFillsMatchedAnchorsAndZerosTheRest() {
        AnchorGrid g = AnchorGrid.ssd(2, 1);
        List<Box> gts = List.of(new Box(0.1, 0.1, 0.4, 0.5), new Box(0.3, 0.2, 0.9, 0.9));
        int[] match = new int[g.size()];
        Arrays.fill(match, -1);
        match[0] = 0;
        match[g.size() - 1] = 1;
        float[] t = g.encodeAll(gts, match);
        assertEquals(4 * g.size(), t.length, "4 targets per anchor");
        assertArrayEquals(AnchorGrid.encode(gts.get(0), g.anchors().get(0)), Arrays.copyOfRange(t, 0, 4),
                "anchor 0's targets");
        assertArrayEquals(AnchorGrid.encode(gts.get(1), g.anchors().get(g.size() - 1)),
                Arrays.copyOfRange(t, t.length - 4, t.length), "the last anchor's targets");
        for (int i = 4; i < t.length - 4; i++) {
            assertEquals(0f, t[i], "unmatched anchors get zeros, at " + i);
        }
        List<Box> back = g.decodeAll(t);
        assertBox(gts.get(0), back.get(0), 1e-6, "decodeAll recovers the first gt");
        assertBox(g.anchors().get(1), back.get(1), 1e-12, "zero offsets decode to the anchor");
        assertThrows(IllegalArgumentException.class, () -> g.encodeAll(gts, new int[3]), "match of the wrong length");
        match[1] = 2;
        assertThrows(IllegalArgumentException.class, () -> g.encodeAll(gts, match), "a match past the gts");
    }

    @Test
    void anchorsAreUnmodifiable() {
        List<Box> a = AnchorGrid.ssd(1).anchors();
        assertThrows(UnsupportedOperationException.class, () -> a.add(new Box(0, 0, 1, 1)), "anchors() is read-only");
        assertEquals(4, new ArrayList<>(a).size(), "a copy holds the same 4 anchors");
    }
}
