package ai.fastdjl.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.metric.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressCallbackTest {
    @Test
    void clockReadsAsFastaisBar() {
        assertEquals("00:59", ProgressCallback.clock(59));
        assertEquals("59:59", ProgressCallback.clock(3599));
        assertEquals("1:02:05", ProgressCallback.clock(3725));
    }

    @Test
    void inALogEachQuarterOfAnEpochSaysTheTimeLeftInTheEpochAndTheFit() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = Learner.builder(TinyProblem.blobs(m, 256, 64, 32), TinyProblem.mlp())
                        .metrics(Metrics.accuracy()).seed(1).progress(Progress.NONE)
                        .callbacks(new ProgressCallback(new PrintStream(printed, true, StandardCharsets.UTF_8), false,
                                true)).build()) {
            learn.fitOneCycle(2, 1e-2);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        // 8 batches an epoch: lines after batches 2, 4 and 6; the first epoch's also count the second epoch
        assertTrue(lines.get(0).matches("  epoch 0: 2/8 loss \\d+\\.\\d{4} \\d+ samples/s, \\d\\d:\\d\\d<\\d\\d:\\d\\d"
                + " \\(fit: \\d\\d:\\d\\d left\\)"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  epoch 1: 6/8 .*<\\d\\d:\\d\\d")), String.join("\n", lines));
    }
}
