package ai.fastdjl.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LR finder's two ways of having nothing to suggest, each one line a person can act on. */
class LrFinderTest {
    private static List<Double> lrs(int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(1e-7 * Math.pow(1e8, i / 99.0));
        }
        return out;
    }

    @Test
    void aLossThatIsNotFiniteAtTinyRatesIsWrongArithmeticNotATooHighRate() {
        List<Double> losses = new ArrayList<>(List.of(2.3, 2.3, Double.NaN));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> LrFinder.suggest(lrs(3), losses, 100));
        assertTrue(e.getMessage().startsWith("the LR finder's loss was NaN after 3 batches, at lr 1.5e-07"),
                e.getMessage());
        assertTrue(e.getMessage().contains("run the doctor"), e.getMessage());
    }

    @Test
    void tooFewBatchesIsAnInputProblem() {
        List<Double> losses = List.of(2.3, 2.2, 2.1, 2.0, 1.9);
        UserInputException e = assertThrows(UserInputException.class, () -> LrFinder.suggest(lrs(5), losses, 100));
        assertTrue(e.getMessage().startsWith("the LR finder recorded only 5 batches; it needs more than 16"),
                e.getMessage());
    }

    @Test
    void aSweepThatDivergesLateStillSuggests() {
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            losses.add(i < 40 ? 2.3 - i * 0.05 : 0.3 + (i - 40) * 0.5);
        }
        losses.add(Double.NaN);
        LrFinder.Result r = LrFinder.suggest(lrs(61), losses, 100);
        assertEquals(61, r.losses().size());
        assertTrue(r.valley() < lrs(61).get(40), "valley " + r.valley());
    }

    @Test
    void lrFinderSuggestionsOnAKnownCurve() {
        // loss falls from lr 1e-4 to 1e-1 (steepest at 1e-2), then rises
        java.util.List<Double> lrs = new java.util.ArrayList<>();
        java.util.List<Double> losses = new java.util.ArrayList<>();
        for (int i = 0; i <= 60; i++) {
            double lr = Math.pow(10, -6 + i / 10.0); // 1e-6 .. 1
            lrs.add(lr);
            double x = Math.log10(lr);
            losses.add(x < -1 ? 2 - 1 / (1 + Math.exp(-3 * (x + 2))) : 1 + (x + 1) * (x + 1));
        }
        assertEquals(1e-2, LrFinder.steep(lrs, losses), 1e-2 * 0.3);
        double valley = LrFinder.valley(lrs, losses);
        // the longest falling stretch runs from 1e-6 to 1e-1; fastai picks ~half-way down it
        org.junit.jupiter.api.Assertions.assertTrue(valley > 1e-4 && valley < 1e-2, "valley " + valley);
    }
}
