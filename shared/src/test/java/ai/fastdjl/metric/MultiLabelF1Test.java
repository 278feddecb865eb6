package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultiLabelF1Test {
    private static final float[][] SCORES = {{0.9f, 0.8f, 0.1f}, {0.6f, 0.2f, 0.3f}, {0.1f, 0.2f, 0.05f}};
    private static final boolean[][] TRUTH = {{true, true, false}, {true, false, true}, {false, false, false}};

    @Test
    void f1OverSamplesByHand() {
        // t = 0.5: {0,1} vs {0,1} → 1; {0} vs {0,2} → 2·1/3; {} vs {} → 1 (scikit-learn's zero_division=1)
        assertEquals((1 + 2.0 / 3 + 1) / 3, MultiLabelF1.threshold(SCORES, TRUTH, 0.5), 1e-12);
        // t = 0.25: {0,1} → 1; {0,2} → 1; {} → 1
        assertEquals(1.0, MultiLabelF1.threshold(SCORES, TRUTH, 0.25), 1e-12);
        // top-1: {0} vs {0,1} → 2/3; {0} vs {0,2} → 2/3; {1} vs {} → 0
        assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, MultiLabelF1.topK(SCORES, TRUTH, 1), 1e-12);
    }

    @Test
    void perClassPrecisionRecallAndF1ByHand() {
        double[][] pc = MultiLabelF1.perClass(SCORES, TRUTH, 0.5);
        assertEquals(1.0, pc[0][0], 1e-12, "class 0 said twice, true twice");
        assertEquals(1.0, pc[1][1], 1e-12);
        assertEquals(Double.NaN, pc[2][0], "class 2 never said at 0.5");
        assertEquals(0.0, pc[2][1], 1e-12, "class 2 true once, missed");
        assertEquals(0.0, pc[2][2], 1e-12);
    }

    @Test
    void theBestRuleIsChosenOnTheGivenSamples() {
        var t = MultiLabelF1.bestThreshold(SCORES, TRUTH, MultiLabelF1.grid(19));
        assertEquals(1.0, t.f1(), 1e-12);
        assertEquals(0.25, t.threshold(), 1e-12, "the lowest threshold of the ties 0.25 … 0.30");
        var k = MultiLabelF1.bestK(SCORES, TRUTH, 3);
        assertEquals(2, k.k());
        assertEquals((1 + 1 + 0) / 3.0, k.f1(), 1e-12);
        assertEquals(0.05, MultiLabelF1.grid(19)[0], 1e-12);
        assertEquals(0.95, MultiLabelF1.grid(19)[18], 1e-12);
    }
}
