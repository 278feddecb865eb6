package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson04.Checkerboard;
import ai.fastdjl.lesson04.FastStyleTransfer;
import ai.fastdjl.lesson04.GanStability;
import ai.fastdjl.lesson04.PhotoSuperResolution;
import ai.fastdjl.lesson04.SuperResolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void superResolutionTinyRun() throws IOException {
        // the first run trains and caches the loss network (about 25 s on 2 cores) and the judging classifier
        SuperResolution.Result r = SuperResolution.run("--limit", "256", "--valid-limit", "64", "--epochs", "1",
                "--max-batches", "3", "--widths", "8,16", "--out", tmp.toString(), "--quiet");
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "samples.png"));
        assertEquals(2, r.scales().size());
        for (SuperResolution.ScaleResult s : r.scales()) {
            for (var q : List.of(s.nearest(), s.mse(), s.feature())) {
                assertTrue(Double.isFinite(q.psnr()) && Double.isFinite(q.ssim()) && Double.isFinite(q.fd()),
                        q.toString());
                assertTrue(q.accuracy() >= 0 && q.accuracy() <= 1, q.toString());
            }
        }
        // nearest-neighbour copies of 2×2 blocks keep the clothes recognisable; 4×4 blocks lose more
        var x2 = r.scales().get(0).nearest();
        var x4 = r.scales().get(1).nearest();
        assertTrue(x2.psnr() > x4.psnr() && x2.accuracy() > x4.accuracy() && x2.fd() < x4.fd(), x2 + " vs " + x4);
        assertTrue(r.originalAccuracy() > 0.8, "the judging classifier on the originals: " + r.originalAccuracy());
    }

    @Test
    void badSuperResolutionInputIsOneLineAndStatus2() throws Exception {
        // each case: its arguments, then a phrase its one line must hold
        for (String[] c : List.of(new String[] {"--scales", "32", "too small"},
                new String[] {"--scales", "3", "does not divide"},
                new String[] {"--layers", "stage9", "unknown layer \"stage9\""},
                new String[] {"--widths", "8,16,32,64", "give at most 3 widths"})) {
            MainProcess.Result r = MainProcess.run(SuperResolution.class, Map.of(), c[0], c[1], "--limit", "64",
                    "--valid-limit", "64");
            assertEquals(2, r.exit(), c[0] + " " + c[1] + ": " + r.stderr());
            List<String> lines = MainProcess.messageLines(r.stderr());
            assertEquals(1, lines.size(), r.stderr());
            assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(c[2]), lines.get(0));
        }
    }

    @Test
    void ganStabilityTinyRun() throws Exception {
        GanStability.Result r = GanStability.run("--beta1", "0.5,0.9", "--limit", "512", "--valid-limit", "1000",
                "--epochs", "1", "--max-batches", "4", "--fd-samples", "500", "--generator-widths", "8,4,2",
                "--critic-widths", "4,8,16", "--out", tmp.toString(), "--quiet");
        assertEquals(4, r.cells().size());
        for (GanStability.Cell c : r.cells()) {
            assertTrue(c.fd().length == 1 && Double.isFinite(c.mean()) && c.mean() > 0, c.toString());
        }
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "samples_beta1_0.5_bn.png",
                "samples_beta1_0.9_sn.png"));
        MainProcess.Result bad = MainProcess.run(GanStability.class, Map.of(), "--beta1", "1");
        assertEquals(2, bad.exit(), bad.stderr());
        assertTrue(MainProcess.messageLines(bad.stderr()).get(0).contains("must be in [0, 1)"), bad.stderr());
    }

    @Test
    void fastStyleTransferTinyRun() throws IOException {
        FastStyleTransfer.Result r = FastStyleTransfer.run("--size", "32", "--crops", "8", "--epochs", "1",
                "--steps", "3", "--width", "4", "--blocks", "1", "--test", "chelsea,coffee", "--out", tmp.toString(),
                "--quiet");
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "chelsea.png", "coffee.png"));
        assertEquals(2, r.rows().size());
        for (FastStyleTransfer.Row row : r.rows()) {
            assertTrue(row.fastSeconds() > 0 && row.slowSeconds() > 0, row.toString());
            assertTrue(Double.isFinite(row.fastStyle()) && Double.isFinite(row.slowStyle())
                    && Double.isFinite(row.fastContent()) && row.slowContent() >= 0, row.toString());
        }
    }

    @Test
    void photoSuperResolutionTinyRunAndBadInput() throws Exception {
        PhotoSuperResolution.Result r = PhotoSuperResolution.run("--size", "16", "--crops", "32", "--epochs", "1",
                "--max-batches", "2", "--out", tmp.toString(), "--quiet");
        assertFiles(r.runDir(), List.of("metrics.json", "README.md", "samples.png"));
        for (PhotoSuperResolution.ScaleResult s : r.scales()) {
            for (var q : List.of(s.nearest(), s.mse(), s.feature())) {
                assertTrue(Double.isFinite(q.psnr()) && q.ssim() <= 1 && q.sharpness() > 0, q.toString());
            }
        }
        // nearest-neighbour enlargement of 4×4 blocks is blockier, not smoother, but farther from the photo than 2×2
        assertTrue(r.scales().get(0).nearest().psnr() > r.scales().get(1).nearest().psnr(), r.scales().toString());
        MainProcess.Result bad = MainProcess.run(PhotoSuperResolution.class, Map.of(), "--size", "4", "--scales", "8");
        assertEquals(2, bad.exit(), bad.stderr());
        List<String> lines = MainProcess.messageLines(bad.stderr());
        assertEquals(1, lines.size(), bad.stderr());
        assertTrue(lines.get(0).contains("larger than the scale factor"), lines.get(0));
    }
}
