package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson04.Dcgan;
import ai.fastdjl.lesson04.GanExperiment;
import ai.fastdjl.lesson04.StyleTransfer;
import ai.fastdjl.lesson04.Wgan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesson 4's mains with tiny budgets: each writes its whole run folder; bad input exits 2 with one line. The first GAN
 * run trains and caches the Fréchet-distance classifier (about a minute on 2 cores); later runs load it.
 */
class Lesson04Test {
    /** Tiny networks and a few batches: this checks the plumbing, not the learning (GanTrainerTest does that). */
    private static final String[] TINY_GAN = {"--limit", "512", "--valid-limit", "1000", "--epochs", "2",
        "--max-batches", "6", "--fd-samples", "500", "--generator-widths", "8,4,2", "--critic-widths", "4,8,16",
        "--quiet"};

    @TempDir
    Path tmp;

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }


    private void checkGan(GanExperiment.Result r) throws IOException {
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "losses.png", "fd.png", "samples_01.png",
                "samples_02.png", "samples_final.png"));
        assertEquals(2, r.epochs().size());
        for (var row : r.epochs()) {
            assertTrue(row.fd() > 0 && Double.isFinite(row.fd()), "FD " + row.fd());
        }
        // the classifier's recipe reaches 88-91 % on the test set; far lower means the cached network is broken
        assertTrue(r.classifierAccuracy() > 0.85, "feature classifier accuracy " + r.classifierAccuracy());
    }

    @Test
    void dcganTinyRun() throws IOException {
        checkGan(Dcgan.run(with(TINY_GAN, "--out", tmp.toString())));
    }

    @Test
    void wganTinyRun() throws IOException {
        // without the warm-up, so that 12 batches hold both kinds of step
        checkGan(Wgan.run(with(TINY_GAN, "--warmup", "0", "--out", tmp.toString())));
    }

    @Test
    void styleTransferTinyRunsWithAdamAndLbfgs() throws IOException {
        StyleTransfer.Result adam = StyleTransfer.run("--size", "64", "--steps", "8", "--out", tmp.toString(), "--quiet");
        StyleTransfer.Result lbfgs = StyleTransfer.run("--size", "64", "--steps", "8", "--optimizer", "lbfgs",
                "--style", "scream", "--content", "chelsea", "--out", tmp.toString(), "--quiet");
        for (StyleTransfer.Result r : List.of(adam, lbfgs)) {
            assertFiles(r.runDir(), List.of("metrics.json", "README.md", "stylised.png", "side_by_side.png",
                    "losses.png"));
            assertTrue(r.end().style() < r.start().style(), "style loss " + r.start().style() + " → " + r.end().style());
            assertEquals(0, r.start().content(), 1e-9, "starts from the content image");
        }
    }

    @Test
    void badStyleTransferInputIsOneLineAndStatus2() throws Exception {
        for (String[] args : List.of(new String[] {"--optimizer", "sgd"},
                new String[] {"--features", "torchscript:" + tmp.resolve("missing.pt")},
                new String[] {"--style", tmp.resolve("missing.jpg").toString()})) {
            MainProcess.Result r = MainProcess.run(StyleTransfer.class, Map.of(), args);
            assertEquals(2, r.exit(), r.stderr());
            List<String> lines = MainProcess.messageLines(r.stderr());
            assertEquals(1, lines.size(), r.stderr());
            assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        }
    }

    @Test
    void aGanDataFolderThatDoesNotExistIsOneLineAndStatus2() throws Exception {
        MainProcess.Result r = MainProcess.run(Dcgan.class, Map.of(), "--data", tmp.resolve("nope").toString());
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).contains("is not a folder"), lines.get(0));
    }
}
