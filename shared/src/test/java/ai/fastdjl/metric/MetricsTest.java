package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.evaluator.Evaluator;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void expRmspeByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // targets 100 and 200, predictions 110 and 180 (all in log space): errors 10 % and 10 % → RMSPE 0.1
            var y = m.create(new float[] {(float) Math.log(100), (float) Math.log(200)});
            var p = m.create(new float[] {(float) Math.log(110), (float) Math.log(180)});
            Evaluator e = Metrics.expRmspe();
            e.addAccumulator("v");
            e.updateAccumulator("v", new NDList(y.get("0:1")), new NDList(p.get("0:1")));
            e.updateAccumulator("v", new NDList(y.get("1:2")), new NDList(p.get("1:2")));
            assertEquals(0.1, e.getAccumulator("v"), 1e-5);
        }
    }

    @Test
    void rmseIsTheRootOfTheMeanOverAllBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            Evaluator e = Metrics.rmse();
            e.addAccumulator("v");
            e.updateAccumulator("v", new NDList(m.create(new float[] {0, 0})), new NDList(m.create(new float[] {1, 1})));
            e.updateAccumulator("v", new NDList(m.create(new float[] {0})), new NDList(m.create(new float[] {4})));
            assertEquals(Math.sqrt((1 + 1 + 16) / 3.0), e.getAccumulator("v"), 1e-6);
        }
    }

    @Test
    void errorRateIsOneMinusAccuracy() {
        try (NDManager m = NDManager.newBaseManager()) {
            Evaluator e = Metrics.errorRate();
            e.addAccumulator("v");
            var logits = m.create(new float[] {2, 1, 0, 3, 5, 1, 0, 1}, new ai.djl.ndarray.types.Shape(4, 2));
            e.updateAccumulator("v", new NDList(m.create(new long[] {0, 1, 1, 1})), new NDList(logits));
            assertEquals(0.25, e.getAccumulator("v"), 1e-6);
        }
    }
}
