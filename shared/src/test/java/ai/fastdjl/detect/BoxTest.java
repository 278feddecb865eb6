package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void iouOfHandWorkedBoxes() {
        // [0,0,2,2] and [1,1,3,3]: intersection the unit square [1,2]², union 4 + 4 - 1 = 7
        assertEquals(1.0 / 7, new Box(0, 0, 2, 2).iou(new Box(1, 1, 3, 3)), 1e-12, "overlap of 1 over a union of 7");
        assertEquals(1.0 / 7, new Box(1, 1, 3, 3).iou(new Box(0, 0, 2, 2)), 1e-12, "IoU is symmetric");
        assertEquals(0, new Box(0, 0, 1, 1).iou(new Box(2, 2, 3, 3)), 0, "disjoint boxes");
        assertEquals(0, new Box(0, 0, 1, 1).iou(new Box(1, 0, 2, 1)), 0, "boxes sharing only an edge");
        assertEquals(1, new Box(0.1, 0.2, 0.7, 0.9).iou(new Box(0.1, 0.2, 0.7, 0.9)), 0, "identical boxes");
        assertEquals(0.25, new Box(0, 0, 2, 2).iou(new Box(0, 0, 1, 1)), 1e-12, "a box inside another: 1/4 of it");
        assertEquals(0, new Box(1, 1, 1, 1).iou(new Box(1, 1, 1, 1)), 0, "two empty boxes have no union");
    }

    @Test
    void centreSizeAndAreaAgree() {
        Box b = Box.centre(0.5, 0.25, 0.4, 0.1);
        assertEquals(0.3, b.x0(), 1e-12, "x0 = cx - w/2");
        assertEquals(0.2, b.y0(), 1e-12, "y0 = cy - h/2");
        assertEquals(0.4, b.width(), 1e-12, "width");
        assertEquals(0.1, b.height(), 1e-12, "height");
        assertEquals(0.04, b.area(), 1e-12, "area");
        assertEquals(0.5, b.cx(), 1e-12, "cx");
        assertEquals(0.25, b.cy(), 1e-12, "cy");
    }

    @Test
    void clipAndScale() {
        assertEquals(new Box(0, 0.5, 1, 1), new Box(-0.2, 0.5, 1.3, 1.1).clip(0, 1), "corners clamped into [0, 1]");
        assertEquals(new Box(30, 10, 300, 50), new Box(0.1, 0.1, 1, 0.5).scale(300, 100), "relative to pixels");
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, 1, 1).clip(1, 0), "empty clip range");
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, 1, 1).scale(-1, 1), "a flipping scale");
    }

    @Test
    void rejectsBadCorners() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Box(1, 0, 0, 1), "x0 > x1");
        assertTrue(e.getMessage().contains("x0 > x1"), "the message names the problem: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Box(0, Double.NaN, 1, 1), "NaN corner");
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, Double.POSITIVE_INFINITY, 1),
                "infinite corner");
        assertThrows(IllegalArgumentException.class, () -> Box.centre(0, 0, -1, 1), "negative width");
    }
}
