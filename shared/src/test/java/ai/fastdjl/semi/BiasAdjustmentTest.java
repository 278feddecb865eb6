package ai.fastdjl.semi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BiasAdjustmentTest {
    // four rows of three classes; class 2 is the one left out, so its logit is low everywhere.
    // margin of class 2 in a row: its best other logit minus the logit of class 2
    private static final float[][] LOGITS = {
        {3, 1, 0},     // margin 3
        {0, 1, 0.5f},  // margin 0.5
        {2, 0, -2},    // margin 4
        {0.2f, 0, 0},  // margin 0.2
    };

    @Test
    void theBiasGivesTheClassItsShareOfTheRows() {
        // sorted margins 0.2, 0.5, 3, 4: a quarter of the rows -> between 0.2 and 0.5; a half -> between 0.5 and 3
        assertEquals(0.35, BiasAdjustment.forShare(LOGITS, 2, 0.25), 1e-6);
        assertEquals(1.75, BiasAdjustment.forShare(LOGITS, 2, 0.5), 1e-6);
        assertArrayEquals(new int[] {0, 1, 0, 2}, BiasAdjustment.predict(LOGITS, 2, 0.35));
        assertArrayEquals(new int[] {0, 2, 0, 2}, BiasAdjustment.predict(LOGITS, 2, 1.75));
        // no bias: the plain argmax, which never picks class 2 here
        assertArrayEquals(new int[] {0, 1, 0, 0}, BiasAdjustment.predict(LOGITS, 2, 0));
        // class 0 in row 1 is beaten by class 1 (margin 1): the "other" classes include every class but the one
        assertArrayEquals(new int[] {0, 0, 0, 0}, BiasAdjustment.predict(LOGITS, 0, 1.5));
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BiasAdjustment.forShare(LOGITS, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> BiasAdjustment.forShare(LOGITS, 2, 1));
    }
}
