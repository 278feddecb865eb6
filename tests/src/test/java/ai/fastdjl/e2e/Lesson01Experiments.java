package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.AugmentationAblation;
import ai.fastdjl.lesson01.FashionResNet;
import ai.fastdjl.lesson01.TransferLearning;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 1's accuracy targets on the full data; run with {@code mvn -B verify -Pexperiments -pl tests -am}. */
@Tag("experiment")
class Lesson01Experiments {
    private static final String OUT = Path.of("target", "experiments").toString();

    @Test
    void theDefaultRunReaches92Percent() {
        FashionResNet.Result r = FashionResNet.run("--out", OUT, "--quiet");
        assertTrue(r.accuracy() >= 0.92, "test accuracy " + r.accuracy());
    }

    @Test
    void theFullBudgetReaches935Percent() {
        FashionResNet.Result r = FashionResNet.run("--full", "--out", OUT, "--quiet");
        assertTrue(r.accuracy() >= 0.935, "test accuracy " + r.accuracy());
    }

    @Test
    void allRegularisersTogetherReach94Percent() {
        AugmentationAblation.Result r = AugmentationAblation.run("--full", "--only", "all", "--out", OUT, "--quiet");
        assertTrue(r.accuracy().get("all + TTA") >= 0.94, "test accuracy " + r.accuracy());
    }

    @Test
    void fineTuningBeatsScratchByTenPoints() {
        TransferLearning.Result r = TransferLearning.run("--out", OUT);
        double gain = r.ways().get("fine_tune, discriminative LR").mean() - r.ways().get("from scratch").mean();
        assertTrue(gain >= 0.10, "fine_tune - scratch = " + gain);
    }
}
