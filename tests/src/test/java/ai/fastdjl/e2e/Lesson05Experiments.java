package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson05.TabularEmbeddings;
import ai.fastdjl.report.Stats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lesson 5's target (lesson05-tabular-embeddings/README.md: txhousing, validation on the last 12 months, mean of seeds 42-44, default
 * settings); run with {@code mvn -B verify -Pexperiments -pl tests -am}. About 2 minutes on 2 cores.
 */
@Tag("experiment")
class Lesson05Experiments {
    private static final String OUT = RunFolders.EXPERIMENTS;

    @Test
    void theEmbeddingNetworkBeatsTheForest() {
        TabularEmbeddings.Result r = TabularEmbeddings.run("--out", OUT, "--quiet");
        Stats net = r.scores().get("entity-embedding network");
        assertTrue(net.mean() <= 0.143, "network RMSPE " + net + "; all: " + r.scores());
    }
}
