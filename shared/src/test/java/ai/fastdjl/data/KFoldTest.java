package ai.fastdjl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KFoldTest {

    @Test
    void everyRowIsValidatedOnceAndTrainedOnElsewhere() {
        List<KFold.Fold> folds = KFold.split(23, 5, 7);
        int[] validated = new int[23];
        for (KFold.Fold f : folds) {
            assertEquals(23, f.train().length + f.valid().length);
            for (int i : f.valid()) {
                validated[i]++;
            }
            // sizes differ by at most one: 23 = 5 + 5 + 5 + 4 + 4
            assertTrue(f.valid().length == 4 || f.valid().length == 5, "fold of " + f.valid().length);
            for (int i : f.train()) {
                assertTrue(java.util.Arrays.stream(f.valid()).noneMatch(v -> v == i), "row " + i + " in both");
            }
        }
        for (int count : validated) {
            assertEquals(1, count);
        }
        assertEquals(folds.get(0).valid()[0], KFold.split(23, 5, 7).get(0).valid()[0]); // the seed repeats it
    }

    @Test
    void tooFewFoldsOrRowsIsOneLine() {
        var e = assertThrows(UserInputException.class, () -> KFold.split(10, 1, 0));
        assertEquals("--folds 1 is less than 2; cross-validation needs at least 2 folds (5 is usual)", e.getMessage());
        e = assertThrows(UserInputException.class, () -> KFold.split(3, 5, 0));
        assertEquals("--folds 5 is more than the 3 training rows; pass at most 3", e.getMessage());
    }
}
