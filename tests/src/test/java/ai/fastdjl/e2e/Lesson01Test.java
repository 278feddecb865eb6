package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.AugmentationAblation;
import ai.fastdjl.lesson01.BatchNormAndInit;
import ai.fastdjl.lesson01.FineTuneImages;
import ai.fastdjl.lesson01.Interpret;
import ai.fastdjl.lesson01.MobileNetTransfer;
import ai.fastdjl.lesson01.TransferLearning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of lesson 1's experiment mains with tiny budgets: each writes its run folder and its numbers. */
class Lesson01Test {
    @TempDir
    Path tmp;


    @Test
    void transferLearningComparesFourWays() throws Exception {
        TransferLearning.Result r = TransferLearning.run("--limit", "3000", "--valid-limit", "600", "--shots", "10",
                "--seeds", "2", "--pretrain-epochs", "3", "--epochs", "3", "--out", tmp.toString());
        assertEquals(List.of("from scratch", "frozen body + new head", "fine_tune, one LR", "fine_tune, discriminative LR"),
                List.copyOf(r.ways().keySet()));
        r.ways().values().forEach(s -> assertEquals(2, s.values().length));
        // three short epochs (69 steps) on 3,000 images of 5 classes: far above chance (20 %); fewer steps end the
        // cycle before BatchNorm's running statistics catch up with the weights (measured: 34 % after one epoch)
        assertTrue(r.sourceAccuracy() > 0.5, "source accuracy " + r.sourceAccuracy());
        assertFiles(r.runDir(), "README.md", "metrics.json", "source-body.params", "comparison.png");
    }

    @Test
    void ablationHasEveryRowAndTta() throws Exception {
        AugmentationAblation.Result r = AugmentationAblation.run("--limit", "1024", "--valid-limit", "300",
                "--epochs", "1", "--quiet", "--out", tmp.toString());
        assertEquals(List.of("baseline", "augment", "augment + TTA", "mixup", "smoothing", "progressive", "all",
                "all + TTA"), List.copyOf(r.accuracy().keySet()));
        r.accuracy().values().forEach(a -> assertTrue(a >= 0 && a <= 1));
        assertFiles(r.runDir(), "README.md", "metrics.json", "comparison.png");
    }

    @Test
    void batchNormAndInitRecordsActivations() throws Exception {
        BatchNormAndInit.Result r = BatchNormAndInit.run("--limit", "1024", "--valid-limit", "300", "--epochs", "1",
                "--quiet", "--out", tmp.toString());
        assertEquals(6, r.rows().size());
        assertFiles(r.runDir(), "README.md", "colorful_0.png", "colorful_5.png", "stats_0.png");
        // a BatchNorm layer's output starts near unit scale; the recorded std must be a real number
        assertTrue(r.rows().get("BatchNorm, lr").firstStdLastLayer() > 0.1);
    }

    @Test
    void interpretWritesItsPictures() throws Exception {
        // 3 epochs (96 steps): 0.814-0.820 under four CPU settings (Zen 5, 2026-12-04); 2 epochs ended anywhere
        // from 0.26 to 0.61 (BatchNorm's running statistics still settling), too chaotic for a bound
        Interpret.Result r = Interpret.run("--limit", "4096", "--valid-limit", "500", "--epochs", "3", "--quiet",
                "--out", tmp.toString());
        assertTrue(r.accuracy() > 0.6, "accuracy " + r.accuracy()); // chance is 10 %
        assertFiles(r.runDir(), "confusion.png", "top_losses.png", "most_uncertain.png", "most_confident.png",
                "README.md");
    }

    @Test
    void aMainWhoseLearnersHaveNoRunFolderStillMarksItsRunStopped() throws Exception {
        // Interpret's learner writes nothing itself: the guard marks the main's run folder
        ai.fastdjl.learner.NonFiniteLossException e = org.junit.jupiter.api.Assertions.assertThrows(
                ai.fastdjl.learner.NonFiniteLossException.class, () -> Interpret.run("--lr", "1e30", "--limit", "1024",
                        "--valid-limit", "200", "--epochs", "1", "--quiet", "--out", tmp.toString()));
        Path run = tmp.resolve("Interpret").resolve("latest");
        assertTrue(e.getMessage().endsWith("last good weights and README in " + run.toRealPath()), e.getMessage());
        assertTrue(Files.readString(run.resolve("README.md")).startsWith("# Stopped: no result"));
        assertFiles(run, "last-good-weights.params", "metrics.json");
    }

    @Test
    void fineTuneImagesTrainsOnAFolderOfPngs() throws Exception {
        Path folder = ImageFolders.fashion(tmp.resolve("images"), 40);
        FineTuneImages.Result r = FineTuneImages.run("--data", folder.toString(), "--epochs", "2", "--lr", "1e-2",
                "--quiet", "--out", tmp.resolve("runs").toString());
        assertEquals(3, r.classes());
        assertEquals(96, r.trainImages()); // 3 classes × 40, 20 % held out
        assertEquals(28, r.imageSize(), "from scratch: the images' own side");
        assertFalse(r.flip(), "no mirroring unless asked: right for clothes, wrong for digits");
        String readme = Files.readString(r.runDir().resolve("README.md"));
        assertTrue(readme.contains("28 (the images' median side)") && readme.contains("off (--flip to mirror)"), readme);
        assertFiles(r.runDir(), "confusion.png", "top_losses.png", "README.md");
    }

    @Test
    void fineTuneImagesFineTunesTheImportedMobileNetV2OnColourJpegs() throws Exception {
        Path folder = ImageFolders.colourJpegs(tmp.resolve("images"), 12);
        FineTuneImages.Result r = FineTuneImages.run("--data", folder.toString(), "--pretrained", "mobilenetv2",
                "--size", "64", "--epochs", "2", "--quiet", "--out", tmp.resolve("runs").toString());
        assertEquals(3, r.classes());
        assertEquals(36, r.trainImages()); // the train/ folder's 3 × 12; valid/ holds the other 18
        assertFiles(r.runDir(), "confusion.png", "top_losses.png", "README.md");
    }

    @Test
    void mobileNetTransferComparesPretrainedWithScratch() throws Exception {
        MobileNetTransfer.Result r = MobileNetTransfer.run("--shots", "8", "--seeds", "1", "--epochs", "2", "--size",
                "32", "--valid-limit", "40", "--quiet", "--out", tmp.toString());
        assertEquals(List.of(MobileNetTransfer.PRETRAINED, MobileNetTransfer.SCRATCH), List.copyOf(r.ways().keySet()));
        r.ways().values().forEach(s -> assertTrue(s.mean() >= 0 && s.mean() <= 1, s.toString()));
        assertFiles(r.runDir(), "README.md", "metrics.json", "comparison.png");
        // TransferLearning's target task: five Fashion-MNIST classes, the test images of those classes to score
        // on the body cut after block_10, the last layer with ImageNet weights
        MobileNetTransfer.Result f = MobileNetTransfer.run("--fashion", "--body", "imagenet", "--shots", "4", "--seeds",
                "1", "--epochs", "2", "--size", "32", "--valid-limit", "50", "--quiet", "--out", tmp.toString());
        f.ways().values().forEach(s -> assertTrue(s.mean() >= 0 && s.mean() <= 1, s.toString()));
        assertTrue(Files.readString(f.runDir().resolve("README.md")).contains("20 labelled Fashion-MNIST images"));
        assertTrue(Files.readString(f.runDir().resolve("metrics.json")).contains("block_10_project_BN"));
        MainProcess.assertOneLine(MainProcess.run(MobileNetTransfer.class, Map.of(), "--body", "top"),
                "error: --body top: use whole or imagenet");
    }

    @Test
    void theZooModelOfflineIsOneLineAndStatus2() throws Exception {
        Path folder = ImageFolders.fashion(tmp.resolve("images"), 5);
        MainProcess.Result r = MainProcess.run(FineTuneImages.class, Map.of(), "--data", folder.toString(),
                "--pretrained", "zoo");
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = MainProcess.messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).contains("--pretrained zoo") && lines.get(0).contains("needs the internet"), lines.get(0));
    }
}
