package ai.fastdjl.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fastdjl.learner.ParamScheduler;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.LrSlice;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void annealersHitTheirEndsAndMiddles() {
        assertEquals(2.0, Schedule.lin(2, 4).at(0), 1e-12);
        assertEquals(3.0, Schedule.lin(2, 4).at(0.5), 1e-12);
        assertEquals(4.0, Schedule.cos(2, 4).at(1), 1e-12);
        assertEquals(3.0, Schedule.cos(2, 4).at(0.5), 1e-12); // half a cosine crosses the midpoint at pct 0.5
        assertEquals(2 + 2 * (1 - Math.cos(Math.PI / 4)) / 2, Schedule.cos(2, 4).at(0.25), 1e-12);
        assertEquals(1e-4, Schedule.exp(1e-7, 10).at(3.0 / 8), 1e-12); // 1e-7 · (1e8)^(3/8) = 1e-4
    }

    @Test
    void combinedSchedulesSwitchAtTheirBoundaries() {
        Schedule s = Schedule.combine(new double[] {0.3, 0.7}, Schedule.lin(0, 1), Schedule.lin(1, 0));
        assertEquals(0.0, s.at(0), 1e-12);
        assertEquals(0.5, s.at(0.15), 1e-12);
        assertEquals(1.0, s.at(0.3), 1e-12);
        assertEquals(0.5, s.at(0.65), 1e-12);
        assertEquals(0.0, s.at(1), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.combine(new double[] {0.3, 0.3}, Schedule.lin(0, 1), Schedule.lin(1, 0)));
    }

    @Test
    void oneCycleLrAndMomentumAtStartPeakAndEnd() {
        // fastai defaults: lr from lr_max/25 up to lr_max at pct_start 0.25, down to lr_max/1e5; mom 0.95→0.85→0.95
        ParamScheduler s = new ParamScheduler(OneCycle.builder(LrSlice.flat(0.01)).build().forGroups(1));
        Map<Hyper, double[]> at0 = s.valuesAt(0);
        Map<Hyper, double[]> atPeak = s.valuesAt(0.25);
        Map<Hyper, double[]> atEnd = s.valuesAt(1);
        assertEquals(0.01 / 25, at0.get(Hyper.LR)[0], 1e-15);
        assertEquals(0.95, at0.get(Hyper.MOM)[0], 1e-12);
        assertEquals(0.01, atPeak.get(Hyper.LR)[0], 1e-15);
        assertEquals(0.85, atPeak.get(Hyper.MOM)[0], 1e-12);
        assertEquals(0.01 / 1e5, atEnd.get(Hyper.LR)[0], 1e-15);
        assertEquals(0.95, atEnd.get(Hyper.MOM)[0], 1e-12);
        // halfway through the annealing phase (pct 0.625) the cosine is halfway: (lr_max + lr_max/1e5) / 2
        assertEquals((0.01 + 1e-7) / 2, s.valuesAt(0.625).get(Hyper.LR)[0], 1e-12);
    }

    @Test
    void discriminativeLearningRatesFollowFastaiSlice() {
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2}, LrSlice.of(1e-4, 1e-2).forGroups(3), 1e-15);
        assertArrayEquals(new double[] {1e-3, 1e-3, 1e-2}, LrSlice.of(1e-2).forGroups(3), 1e-15);
        assertArrayEquals(new double[] {0.5}, LrSlice.of(0.1, 0.5).forGroups(1), 1e-15);
        ParamScheduler s = new ParamScheduler(OneCycle.builder(LrSlice.of(1e-4, 1e-2)).build().forGroups(3));
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2}, s.valuesAt(0.25).get(Hyper.LR), 1e-15);
    }
}
