package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.LargestObject;
import ai.fastdjl.lesson01.MultiLabel;
import ai.fastdjl.lesson01.ObjectDetection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of lesson 1's multi-label, largest-object and detection mains on a few generated scenes. */
class Lesson01Part3Test {
    @TempDir
    Path tmp;

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    @Test
    void multiLabelScoresBothModelsOnTheHalfItDidNotChooseOn() throws Exception {
        MultiLabel.Result r = MultiLabel.run("--limit", "300", "--valid-limit", "100", "--epochs", "1", "--widths",
                "8,16", "--out", tmp.toString());
        assertTrue(unit(r.sigmoidF1()) && unit(r.softmaxThresholdF1()) && unit(r.softmaxTopKF1()), r.toString());
        assertTrue(r.sigmoid().threshold() > 0 && r.sigmoid().threshold() < 1, r.sigmoid().toString());
        assertTrue(r.softmaxTopK().k() >= 1 && r.softmaxTopK().k() <= 4, r.softmaxTopK().toString());
        assertFiles(r.runDir(), "README.md", "metrics.json", "predictions.png", "loss.png");
    }

    @Test
    void largestObjectComparesOneHeadWithTwoModels() throws Exception {
        LargestObject.Result r = LargestObject.run("--limit", "200", "--valid-limit", "50", "--epochs", "1", "--out",
                tmp.toString());
        assertEquals(3, r.scores().size());
        r.scores().values().forEach(s -> assertTrue(unit(s.accuracy()) && unit(s.meanIou()), s.toString()));
        assertFiles(r.runDir(), "README.md", "largest.png");
    }

    @Test
    void detectionScoresMapBySizeAndByObjectCount() throws Exception {
        ObjectDetection.Result r = ObjectDetection.run("--limit", "200", "--valid-limit", "50", "--epochs", "1",
                "--out", tmp.toString());
        assertEquals(340, r.anchors(), "8²·4 + 4²·4 + 2²·4 + 1·4");
        assertTrue(unit(r.map()), "mAP " + r.map());
        assertEquals(3, r.bySize().size());
        assertEquals(4, r.byCount().size());
        assertFiles(r.runDir(), "README.md", "metrics.json", "detections.png", "loss.png");
    }

    @Test
    void detectionTrainsOnAPascalVocFolder() throws Exception {
        Path voc = tmp.resolve("voc");
        writeVoc(voc, 100);
        ObjectDetection.Result r = ObjectDetection.run("--voc", voc.toString(), "--classes", "red,blue", "--epochs",
                "2", "--out", tmp.toString());
        assertEquals(340, r.anchors(), "64 px: the same grid as the scenes'");
        assertTrue(unit(r.map()), "mAP " + r.map());
        assertEquals(3, r.bySize().size());
        assertFiles(r.runDir(), "README.md", "metrics.json", "detections.png");
    }

    @Test
    void aVocAnnotationNamingAMissingImageIsOneLine() throws Exception {
        Path voc = tmp.resolve("voc");
        writeVoc(voc, 10);
        java.nio.file.Files.delete(voc.resolve("JPEGImages/img003.png"));
        MainProcess.Result r = MainProcess.run(ObjectDetection.class, java.util.Map.of(), "--voc", voc.toString(),
                "--classes", "red,blue", "--out", tmp.toString());
        MainProcess.assertOneLine(r, "error: img003.xml names image img003.png, which is not in ");
        r = MainProcess.run(ObjectDetection.class, java.util.Map.of(), "--voc", tmp.resolve("voc").toString(),
                "--classes", "green", "--out", tmp.toString());
        MainProcess.assertOneLine(r, "error: img000.xml: object 1 is a '");
    }

    /**
     * A Pascal VOC folder as an annotation tool writes it: {@code n} 96×80 PNG photos of a grey background with one
     * or two filled squares, red or blue, and their XML files (1-based inclusive boxes).
     */
    static void writeVoc(Path dir, int n) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("Annotations"));
        java.nio.file.Files.createDirectories(dir.resolve("JPEGImages"));
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            var img = new java.awt.image.BufferedImage(96, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(java.awt.Color.GRAY);
            g.fillRect(0, 0, 96, 80);
            StringBuilder xml = new StringBuilder(String.format("<annotation><folder>VOC2007</folder><filename>img%03d"
                    + ".png</filename><size><width>96</width><height>80</height><depth>3</depth></size>", i));
            for (int k = 0; k < 1 + i % 2; k++) {
                int side = 16 + r.nextInt(24);
                int x = k * 48 + r.nextInt(48 - Math.min(side, 47));
                int y = r.nextInt(80 - side);
                boolean red = r.nextBoolean();
                g.setColor(red ? java.awt.Color.RED : java.awt.Color.BLUE);
                g.fillRect(x, y, side, side);
                xml.append(String.format("<object><name>%s</name><difficult>0</difficult><bndbox><xmin>%d</xmin>"
                        + "<ymin>%d</ymin><xmax>%d</xmax><ymax>%d</ymax></bndbox></object>", red ? "red" : "blue",
                        x + 1, y + 1, Math.min(96, x + side), y + side));
            }
            g.dispose();
            javax.imageio.ImageIO.write(img, "png", dir.resolve(String.format("JPEGImages/img%03d.png", i)).toFile());
            java.nio.file.Files.writeString(dir.resolve(String.format("Annotations/img%03d.xml", i)),
                    xml.append("</annotation>"));
        }
    }
}
