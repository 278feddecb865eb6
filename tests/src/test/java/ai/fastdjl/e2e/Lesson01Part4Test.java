package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.ActivationMaps;
import ai.fastdjl.lesson01.PhotoActivationMaps;
import ai.fastdjl.lesson01.RareClass;
import ai.fastdjl.lesson01.Segmentation;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of lesson 1 part 4: segmentation on generated scenes and on a mask folder (bad masks exit 2), class
 * activation maps, the rare class.
 */
class Lesson01Part4Test {
    @TempDir
    Path tmp;

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    @Test
    void segmentationComparesTheUNetWithNoSkips() throws Exception {
        Segmentation.Result r = Segmentation.run("--limit", "64", "--valid-limit", "16", "--epochs", "1", "--widths",
                "8,16,32", "--out", tmp.toString());
        for (Segmentation.Scores s : new Segmentation.Scores[] {r.unet(), r.noSkips()}) {
            assertTrue(unit(s.pixelAccuracy()) && unit(s.foregroundIou()), s.toString());
            assertEquals(11, s.perClass().length, "background + 10 classes");
        }
        assertTrue(r.unet().parameters() > r.noSkips().parameters(), "the skips widen the decoder's blocks");
        assertFiles(r.runDir(), "README.md", "metrics.json", "masks.png", "loss.png");
    }

    @Test
    void segmentationTrainsOnAMaskFolderAndRejectsBadMasks() throws Exception {
        Path dir = tmp.resolve("masks");
        writeMasks(dir, 20);
        Segmentation.Result r = Segmentation.run("--masks", dir.toString(), "--size", "32", "--epochs", "1",
                "--widths", "8,16", "--out", tmp.toString());
        assertEquals(3, r.unet().perClass().length, "codes.txt: background, red, blue");
        assertTrue(unit(r.unet().pixelAccuracy()), r.unet().toString());
        // a mask of another size than its image
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png",
                dir.resolve("labels/img004.png").toFile());
        MainProcess.Result bad = MainProcess.run(Segmentation.class, Map.of(), "--masks", dir.toString(), "--size",
                "32", "--out", tmp.toString());
        MainProcess.assertOneLine(bad, "error: labels/img004.png is 10×10 but images/img004.png is 40×48; a mask"
                + " needs its image's size");
        // a pixel whose value is no class
        BufferedImage m = new BufferedImage(40, 48, BufferedImage.TYPE_BYTE_GRAY);
        m.getRaster().setSample(5, 6, 0, 7);
        ImageIO.write(m, "png", dir.resolve("labels/img004.png").toFile());
        bad = MainProcess.run(Segmentation.class, Map.of(), "--masks", dir.toString(), "--size", "32", "--out",
                tmp.toString());
        MainProcess.assertOneLine(bad, "error: labels/img004.png: pixel (");
        assertTrue(bad.stderr().contains("has class 7, but codes.txt names 3 classes (0 … 2)"), bad.stderr());
    }

    @Test
    void activationMapsPlayThePointingGame() throws Exception {
        ActivationMaps.Result r = ActivationMaps.run("--limit", "128", "--valid-limit", "32", "--epochs", "1",
                "--widths", "8,16", "--out", tmp.toString());
        assertTrue(unit(r.accuracy()) && unit(r.pointingTrue()) && unit(r.pointingPredicted()), r.toString());
        assertTrue(r.chance() > 0.05 && r.chance() < 0.4, "items of 16-40 px on 64 px: chance " + r.chance());
        assertFiles(r.runDir(), "README.md", "metrics.json", "heatmaps.png", "loss.png");
    }

    @Test
    void photoActivationMapsPlayThePointingGameOnMosaicsOfHeldOutPhotos() throws Exception {
        PhotoActivationMaps.Result r = PhotoActivationMaps.run("--shots", "10", "--size", "32", "--epochs", "2",
                "--tiles", "2", "--mosaics", "6", "--out", tmp.toString());
        assertEquals(2, r.pointing().size());
        r.pointing().values().forEach(p -> assertTrue(unit(p) && p * 6 == Math.rint(p * 6), "hits of 6: " + p));
        r.accuracy().values().forEach(a -> assertTrue(unit(a), "accuracy " + a));
        assertEquals(0.25, r.chance(), 1e-9);
        assertFiles(r.runDir(), "README.md", "metrics.json", "heatmaps.png");
        MainProcess.Result bad = MainProcess.run(PhotoActivationMaps.class, Map.of(), "--tiles", "1");
        MainProcess.assertOneLine(bad, "error: --tiles 1 --mosaics 100: a mosaic needs 2 × 2 tiles or more");
    }

    @Test
    void rareClassComparesThreeWaysOverSeeds() throws Exception {
        RareClass.Result r = RareClass.run("--limit", "1000", "--valid-limit", "200", "--epochs", "1", "--seeds", "2",
                "--share", "0.1", "--out", tmp.toString());
        assertTrue(r.rareTrainImages() >= 7 && r.rareTrainImages() <= 13, "10 % of the rare class's about 100 images: "
                + r.rareTrainImages());
        assertEquals(3, r.rareRecall().size());
        r.rareRecall().values().forEach(s -> assertEquals(2, s.values().length));
        r.accuracy().values().forEach(s -> assertTrue(unit(s.mean()), s.toString()));
        assertFiles(r.runDir(), "README.md", "metrics.json");
        MainProcess.Result bad = MainProcess.run(RareClass.class, Map.of(), "--rare", "10");
        MainProcess.assertOneLine(bad, "error: --rare must be a class 0-9");
    }

    /** {@code n} 40×48 images of a red and a blue rectangle on grey, their masks (0, 1 red, 2 blue), codes.txt. */
    static void writeMasks(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("codes.txt"), "background\nred\nblue\n");
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(40, 48, BufferedImage.TYPE_INT_RGB);
            BufferedImage mask = new BufferedImage(40, 48, BufferedImage.TYPE_BYTE_GRAY);
            var g = img.createGraphics();
            g.setColor(Color.GRAY);
            g.fillRect(0, 0, 40, 48);
            for (int cls = 1; cls <= 2; cls++) {
                int x = r.nextInt(24);
                int y = r.nextInt(30);
                g.setColor(cls == 1 ? Color.RED : Color.BLUE);
                g.fillRect(x, y, 14, 16);
                for (int yy = y; yy < y + 16; yy++) {
                    for (int xx = x; xx < x + 14; xx++) {
                        mask.getRaster().setSample(xx, yy, 0, cls);
                    }
                }
            }
            g.dispose();
            ImageIO.write(img, "png", dir.resolve(String.format("images/img%03d.png", i)).toFile());
            ImageIO.write(mask, "png", dir.resolve(String.format("labels/img%03d.png", i)).toFile());
        }
    }
}
