package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RocAucTest {

    /** scikit-learn's roc_auc_score docstring example: y [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] → 0.75. */
    @Test
    void scikitLearnsExample() {
        assertEquals(0.75, RocAuc.binary(new boolean[] {false, false, true, true}, new double[] {0.1, 0.4, 0.35, 0.8}),
                1e-12);
    }

    @Test
    void perfectReversedTiedAndOneSided() {
        boolean[] y = {false, true, false, true};
        assertEquals(1, RocAuc.binary(y, new double[] {0, 1, 0.2, 0.9}), 1e-12);
        assertEquals(0, RocAuc.binary(y, new double[] {1, 0, 0.9, 0.2}), 1e-12);
        assertEquals(0.5, RocAuc.binary(y, new double[] {0.3, 0.3, 0.3, 0.3}), 1e-12); // ties count half
        assertTrue(Double.isNaN(RocAuc.binary(new boolean[] {true, true}, new double[] {0.1, 0.2})));
    }

    /** Three classes: class 0 ranked perfectly (1), class 1 backwards (0), class 2 half right (0.5) → mean 0.5. */
    @Test
    void oneVsRestAveragesTheClasses() {
        int[] y = {0, 1, 2, 2};
        double[][] p = {{0.9, 0.1, 0.0}, {0.1, 0.0, 0.9}, {0.1, 0.8, 0.1}, {0.2, 0.1, 0.7}};
        // class 0: row 0 (0.9) above all others → 1; class 1: row 1 (0.0) below all → 0;
        // class 2: rows 2, 3 (0.1, 0.7) vs rows 0, 1 (0.0, 0.9): pairs won 2 of 4 → 0.5
        assertEquals(0.5, RocAuc.oneVsRest(y, p), 1e-12);
        // two classes: the AUC of the class-1 column
        assertEquals(0.75, RocAuc.oneVsRest(new int[] {0, 0, 1, 1},
                new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}}), 1e-12);
    }
}
