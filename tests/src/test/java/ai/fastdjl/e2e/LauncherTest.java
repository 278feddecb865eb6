package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's way of starting a main, {@code ./fastdjl MAIN FLAGS}: the main's own exit status and nothing but its
 * one line on bad input (Maven's {@code -Prun} reports any failure as its own, status 1 and a stack trace), and a
 * real run whose report says the same command to reproduce it.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    @Test
    void badInputEndsWithTheMainsOneLineAndStatusTwo() throws Exception {
        MainProcess.Result r = MainProcess.launch("FashionResNet", "--lr", "-1");
        MainProcess.assertOneLine(r, "error: --lr -1.0 must be positive, e.g. 1e-3");
        assertEquals("", r.stdout().strip(), "nothing from Maven");

        MainProcess.assertOneLine(MainProcess.launch("NoSuchMain"), "error: no lesson main named 'NoSuchMain'");
    }

    @Test
    void aRunWritesItsReportWithTheLaunchersCommand() throws Exception {
        String out = tmp.resolve("my runs").toString(); // a space: the flags reach the main as given
        MainProcess.Result r = MainProcess.launch("FashionResNet", "--epochs", "1", "--limit", "512", "--valid-limit",
                "256", "--max-batches", "2", "--lr", "1e-3", "--quiet", "--out", out);
        assertEquals(0, r.exit(), r.stderr());
        String readme = Files.readString(Path.of(out, "FashionResNet", "latest", "README.md"));
        assertTrue(readme.contains("Reproduce: `./fastdjl FashionResNet --epochs 1 --limit 512 --valid-limit 256"
                + " --max-batches 2 --lr 1e-3 --quiet --out '" + out + "'`"), readme);
    }
}
