package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIouTest {
    @Test
    void iouOfHandMadeMasks() {
        // 3×3 masks, classes 0 (background), 1, 2; class 3 never occurs
        int[] truth = {0, 0, 0, 1, 1, 0, 2, 2, 0};
        int[] pred = {0, 0, 0, 1, 0, 0, 2, 1, 1};
        MeanIou iou = new MeanIou(4).add(truth, pred);
        assertEquals(4 / 6.0, iou.iou(0), 1e-12, "background: 4 right, 1 missed, 1 predicted wrongly");
        assertEquals(1 / 4.0, iou.iou(1), 1e-12, "class 1: TP 1, FN 1, FP 2");
        assertEquals(1 / 2.0, iou.iou(2), 1e-12, "class 2: TP 1, FN 1");
        assertTrue(Double.isNaN(iou.iou(3)), "neither true nor predicted: no IoU");
        assertEquals((1 / 4.0 + 1 / 2.0) / 2, iou.mean(1), 1e-12, "mean over the classes that occur, background out");
        assertEquals(6 / 9.0, iou.pixelAccuracy(), 1e-12);
        assertEquals(1.0, new MeanIou(3).add(truth.clone(), truth.clone()).mean(0), 0, "identical masks");
    }
}
