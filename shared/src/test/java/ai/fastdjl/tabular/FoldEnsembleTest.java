package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fastdjl.data.KFold;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-validation of a model that predicts its training rows' mean: every score worked out by hand. */
class FoldEnsembleTest {

    private static TabularData rows(float... y) {
        float[][] conts = new float[y.length][];
        Arrays.setAll(conts, i -> new float[] {i});
        return new TabularData(new int[y.length][0], conts, y, List.of(), List.of("x"));
    }

    @Test
    void theMeanPredictorsScoresByHand() {
        TabularData tr = rows(1, 2, 3, 4);
        TabularData va = rows(4, 6);
        List<KFold.Fold> folds = KFold.split(4, 2, 3);
        FoldEnsemble.Fit mean = (a, b, c) -> {
            double m = Arrays.stream(a.yDouble()).average().orElseThrow();
            double[][] pb = new double[b.rows()][];
            double[][] pc = new double[c.rows()][];
            Arrays.setAll(pb, i -> new double[] {m});
            Arrays.setAll(pc, i -> new double[] {m});
            return new double[][][] {pb, pc};
        };
        FoldEnsemble.Row r = FoldEnsemble.of(tr, va, folds, mean, TabularMetrics::rmse);
        // two folds of two rows: each fold model predicts the other fold's mean, so their average is 2.5, the mean
        // of all four rows, which is also what the one model on all rows predicts
        assertEquals(Math.sqrt((1.5 * 1.5 + 3.5 * 3.5) / 2), r.ensemble(), 1e-12);
        assertEquals(r.ensemble(), r.single(), 1e-12);
        // R² on the held-out rows: 1 − (1.5² + 3.5²) / ((4 − 5)² + (6 − 5)²)
        assertEquals(1 - (1.5 * 1.5 + 3.5 * 3.5) / 2, r.ensembleR2(), 1e-12);
        for (int f = 0; f < 2; f++) { // each fold's CV score: its rows against the other fold's mean
            double[] own = Arrays.stream(folds.get(f).valid()).mapToDouble(i -> i + 1).toArray();
            double other = Arrays.stream(folds.get(1 - f).valid()).mapToDouble(i -> i + 1).average().orElseThrow();
            assertEquals(TabularMetrics.rmse(own, new double[] {other, other}), r.cv().values()[f], 1e-12);
        }
    }
}
