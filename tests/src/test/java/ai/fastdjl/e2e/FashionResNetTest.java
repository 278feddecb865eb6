package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.FashionResNet;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson 1's first main, end to end: a tiny run writes its whole run folder; bad input exits 2 with one line. */
class FashionResNetTest {
    @TempDir
    Path tmp;

    @Test
    void aTinyRunWritesItsRunFolder() throws IOException {
        FashionResNet.Result r = FashionResNet.run(
                "--limit", "4096", "--valid-limit", "500", "--epochs", "3", "--out", tmp.toString(), "--quiet");
        for (String f : List.of("metrics.json", "README.md", "loss.png", "schedule.png", "lr_find.png", "history.csv")) {
            assertTrue(Files.size(r.runDir().resolve(f)) > 0, f + " missing in " + r.runDir());
        }
        // 4,096 images, 3 epochs (96 steps): far from the lesson's 92 %, but far above chance (10 %)
        assertTrue(r.accuracy() > 0.5, "accuracy " + r.accuracy());
        assertTrue(r.lr() > 1e-5 && r.lr() < 1, "lr " + r.lr());
    }

    @Test
    void aRunWhoseLossTurnsNaNIsOneLineStatus3AndAStoppedReport() throws Exception {
        // Adam at 1e30 overflows the weights in the first steps: a NaN run must never look like a result
        MainProcess.Result r = MainProcess.run(FashionResNet.class, Map.of(), "--lr", "1e30", "--limit", "1024",
                "--valid-limit", "200", "--epochs", "1", "--out", tmp.toString(), "--quiet");
        assertEquals(3, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).startsWith("error: training stopped: loss is NaN at epoch 0, batch "), lines.get(0));
        Path run = tmp.resolve("FashionResNet").resolve("latest");
        assertTrue(Files.readString(run.resolve("README.md")).startsWith("# Stopped: no result"));
        assertTrue(Files.readString(run.resolve("metrics.json")).contains("\"status\": \"stopped\""));
        assertTrue(Files.size(run.resolve("last-good-weights.params")) > 0);
    }

    @Test
    void aMissingDataFolderIsOneLineAndStatus2() throws Exception {
        MainProcess.Result r = MainProcess.run(FashionResNet.class, Map.of(), "--data", tmp.resolve("nope").toString());
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).contains("Fashion-MNIST not found in") && lines.get(0).contains("fetch.sh"), lines.get(0));
    }

    @Test
    void aTruncatedIdxFileNamesTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fm"));
        gz(dir.resolve("train-images-idx3-ubyte.gz"), header(0x803, 60000, 28, 28), 1000);
        gz(dir.resolve("train-labels-idx1-ubyte.gz"), header(0x801, 60000), 60000);
        gz(dir.resolve("t10k-images-idx3-ubyte.gz"), header(0x803, 10000, 28, 28), 10000 * 784);
        gz(dir.resolve("t10k-labels-idx1-ubyte.gz"), header(0x801, 10000), 10000);
        MainProcess.Result r = MainProcess.run(FashionResNet.class, Map.of(), "--data", dir.toString());
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).contains("train-images-idx3-ubyte.gz: truncated"), lines.get(0));
    }

    @Test
    void anUnknownFlagIsOneLineAndStatus2() throws Exception {
        MainProcess.Result r = MainProcess.run(FashionResNet.class, Map.of(), "--epoch", "3");
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).startsWith("error: Unknown option") && lines.get(0).contains("'--epoch'"), lines.get(0));
    }

    private static byte[] header(int magic, int... dims) {
        var b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private static void gz(Path file, byte[] header, int dataBytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header);
            out.write(new byte[dataBytes]);
        }
    }
}
