package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson04.Dcgan;
import ai.fastdjl.lesson04.GanExperiment;
import ai.fastdjl.lesson04.StyleTransfer;
import ai.fastdjl.lesson04.Wgan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lesson 4's targets with the default budgets (lesson04-gans/README.md); run with {@code mvn -B verify -Pexperiments -pl tests -am}.
 * Each default run should take at most 5 minutes on 2 cores.
 */
@Tag("experiment")
class Lesson04Experiments {
    private static final String OUT = RunFolders.EXPERIMENTS;
    private static final double FIVE_MINUTES = 300;

    @Test
    void dcganHalvesTheFrechetDistance() {
        GanExperiment.Result r = Dcgan.run("--out", OUT, "--quiet");
        assertTrue(r.fdDrop() >= 0.5, "FD drop " + r.fdDrop());
        assertTrue(r.seconds() <= FIVE_MINUTES, r.seconds() + " s");
    }

    @Test
    void wganHalvesTheFrechetDistanceAndItsEstimateFollowsIt() {
        GanExperiment.Result r = Wgan.run("--out", OUT, "--quiet");
        assertTrue(r.fdDrop() >= 0.5, "FD drop " + r.fdDrop());
        // the course: WGAN's loss means something. The estimate should fall with the distance.
        assertTrue(r.corrEstimate() > 0.5, "corr(FD, Wasserstein estimate) " + r.corrEstimate());
        assertTrue(r.seconds() <= FIVE_MINUTES, r.seconds() + " s");
    }

    @Test
    void styleTransferCutsTheStyleLossTenfoldAndKeepsTheContentCloserThanThePainting() {
        StyleTransfer.Result r = StyleTransfer.run("--out", OUT, "--quiet");
        assertTrue(r.start().style() / r.end().style() >= 10, "style loss " + r.start().style() + " → " + r.end().style());
        assertTrue(r.end().content() < r.contentOfStyleImage(), "content " + r.end().content() + " vs the painting's "
                + r.contentOfStyleImage());
        assertTrue(r.seconds() <= FIVE_MINUTES, r.seconds() + " s");
    }
}
