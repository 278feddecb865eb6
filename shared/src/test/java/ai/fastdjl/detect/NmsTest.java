package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {
    // boxes 0 and 1 overlap at IoU 0.9 / 1.1 = 0.82; box 2 is apart
    private static final List<Box> BOXES = List.of(new Box(0, 0, 1, 1), new Box(0.1, 0, 1.1, 1), new Box(2, 2, 3, 3));

    @Test
    void suppressesTheLowerOfTwoOverlappingBoxes() {
        float[] s = {0.9f, 0.8f, 0.7f};
        assertArrayEquals(new int[] {0, 2}, Nms.keep(BOXES, s, 0.5, 10), "box 1 overlaps box 0 above 0.5");
        assertArrayEquals(new int[] {0, 1, 2}, Nms.keep(BOXES, s, 0.9, 10), "0.82 is not above 0.9: all kept");
        assertArrayEquals(new int[] {0}, Nms.keep(BOXES, s, 0.9, 1), "maxKeep 1");
        assertArrayEquals(new int[] {2, 1}, Nms.keep(BOXES, new float[] {0.5f, 0.8f, 0.9f}, 0.5, 10),
                "highest score first; box 0 falls to box 1");
        assertArrayEquals(new int[] {0, 2}, Nms.keep(BOXES, new float[] {0.5f, 0.5f, 0.5f}, 0.5, 10),
                "tied scores go to the lower index");
        assertArrayEquals(new int[0], Nms.keep(List.of(), new float[0], 0.5, 10), "nothing in, nothing out");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Nms.keep(BOXES, new float[2], 0.5, 10), "score count");
        assertThrows(IllegalArgumentException.class, () -> Nms.keep(BOXES, new float[3], 1.5, 10), "threshold");
        assertThrows(IllegalArgumentException.class, () -> Nms.keep(BOXES, new float[3], 0.5, 0), "maxKeep 0");
        assertThrows(IllegalArgumentException.class, () -> Nms.keep(BOXES, new float[] {0, Float.NaN, 0}, 0.5, 1),
                "NaN");
    }

    @Test
    void perClassSuppressesWithinAClassOnly() {
        float[][] scores = {
            {0.9f, 0.05f}, // box 0
            {0.8f, 0.6f}, // box 1
            {0.005f, 0.7f}, // box 2: below 0.01 for class 0
        };
        List<Detection> d = Nms.perClass(7, BOXES, scores, Nms.SSD_MIN_SCORE, Nms.SSD_IOU, Nms.SSD_MAX_DETECTIONS);
        // class 0: box 0 keeps, box 1 suppressed, box 2 filtered; class 1: box 2, box 1 keep, box 0 falls to box 1
        assertEquals(List.of(new Detection(7, 0, 0.9f, BOXES.get(0)), new Detection(7, 1, 0.7f, BOXES.get(2)),
                new Detection(7, 1, 0.6f, BOXES.get(1))), d, "detections of both classes, by score");
        assertEquals(d.subList(0, 2), Nms.perClass(7, BOXES, scores, 0.01, 0.45, 2), "maxKeep over all classes");
    }
}
