package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabularMetricsTest {

    @Test
    void rmspeByHand() {
        // errors 10 % of 100 and 20 % of 50: sqrt((0.01 + 0.04) / 2) = sqrt(0.025)
        assertEquals(Math.sqrt(0.025), TabularMetrics.rmspe(new double[] {100, 50}, new double[] {110, 40}), 1e-12);
    }

    @Test
    void expRmspeUndoesTheLog() {
        double[] logY = {Math.log(100), Math.log(50)};
        double[] logP = {Math.log(110), Math.log(40)};
        assertEquals(Math.sqrt(0.025), TabularMetrics.expRmspe(logY, logP), 1e-12);
    }

    @Test
    void rmseByHand() {
        assertEquals(Math.sqrt((1 + 9) / 2.0), TabularMetrics.rmse(new double[] {0, 0}, new double[] {1, -3}), 1e-12);
    }

    @Test
    void r2IsZeroForTheMeanOneWhenPerfectAndNegativeWhenWorse() {
        double[] y = {1, 2, 3, 6};
        assertEquals(0, TabularMetrics.r2(y, new double[] {3, 3, 3, 3}), 1e-12);
        assertEquals(1, TabularMetrics.r2(y, y.clone()), 1e-12);
        // a shifted mean (the training period's, say): 1 - (Σ(y-5)² = 30) / (Σ(y-3)² = 14)
        assertEquals(1 - 30.0 / 14, TabularMetrics.r2(y, new double[] {5, 5, 5, 5}), 1e-12);
    }
}
