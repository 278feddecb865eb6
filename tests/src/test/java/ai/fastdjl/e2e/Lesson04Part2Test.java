package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson04.Checkerboard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson 4, part 2 (upsampling, feature losses, super-resolution) with tiny budgets. */
class Lesson04Part2Test {
    @TempDir
    Path tmp;

    @Test
    void checkerboardTinyRun() throws IOException {
        Checkerboard.Result r = Checkerboard.run("--limit", "256", "--valid-limit", "64", "--epochs", "1",
                "--max-batches", "3", "--width", "8", "--out", tmp.toString(), "--quiet");
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "trained.png", "at_init.png"));
        assertEquals(5, r.rows().size());
        // the overlap argument holds by construction, whatever the data: all-ones kernels of size 3 at stride 2 cover
        // alternate pixels once and twice; kernel 4 covers them evenly away from the border
        assertTrue(r.row("transposed conv k3").coverageShare() > 20 * r.row("transposed conv k4").coverageShare(),
                r.rows().toString());
        // untrained: random strided kernels imprint the pattern, nearest-neighbour upsampling and ICNR do not
        assertTrue(r.row("transposed conv k3").shareAtInit() > 10 * r.row("nearest + conv").shareAtInit(),
                r.rows().toString());
        assertTrue(r.row("pixel shuffle").shareAtInit() > 10 * r.row("pixel shuffle ICNR").shareAtInit(),
                r.rows().toString());
        for (Checkerboard.Row row : r.rows()) {
            assertTrue(Double.isFinite(row.psnr()) && row.psnr() > 5, row.toString());
            assertTrue(Double.isFinite(row.finalTrainLoss()), row.toString());
        }
        assertTrue(r.realShare() > 0 && r.realShare() < 0.05, "real images' periodic share " + r.realShare());
    }
}
