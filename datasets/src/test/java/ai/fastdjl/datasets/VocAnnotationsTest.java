package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocAnnotationsTest {
    private static final List<String> CLASSES = List.of("cat", "dog", "person");

    @TempDir
    Path dir;

    private void write(String file, String image, String objects) throws Exception {
        Files.createDirectories(dir.resolve("Annotations"));
        Files.createDirectories(dir.resolve("JPEGImages"));
        Files.writeString(dir.resolve("Annotations").resolve(file), "<annotation><folder>VOC2007</folder><filename>"
                + image + "</filename><size><width>500</width><height>375</height><depth>3</depth></size>" + objects
                + "</annotation>");
    }

    private static String object(String name, int xmin, int ymin, int xmax, int ymax, int difficult) {
        return "<object><name>" + name + "</name><pose>Left</pose><truncated>0</truncated><difficult>" + difficult
                + "</difficult><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax
                + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>";
    }

    @Test
    void objectsAreReadWithZeroBasedExclusiveBoxes() throws Exception {
        write("000001.xml", "000001.jpg", object("dog", 48, 240, 195, 371, 0) + object("person", 8, 12, 352, 498 - 123, 1));
        write("000002.xml", "000002.jpg", object("cat", 1, 1, 500, 375, 0));
        Files.write(dir.resolve("JPEGImages/000001.jpg"), new byte[] {1});
        Files.write(dir.resolve("JPEGImages/000002.jpg"), new byte[] {1});
        var all = VocAnnotations.read(dir, CLASSES);
        assertEquals(2, all.size());
        var a = all.get(0);
        assertEquals(dir.resolve("JPEGImages/000001.jpg"), a.image());
        assertEquals(500, a.width());
        assertEquals(375, a.height());
        assertEquals(new VocAnnotations.VocObject(1, 47, 239, 195, 371, false), a.objects().get(0));
        assertTrue(a.objects().get(1).difficult());
        assertEquals(new VocAnnotations.VocObject(0, 0, 0, 500, 375, false), all.get(1).objects().get(0),
                "a box over the whole image is 0 … width");
    }

    @Test
    void badAnnotationsAreOneLineNamingTheFile() throws Exception {
        write("a.xml", "missing.jpg", object("dog", 1, 1, 10, 10, 0));
        var e = assertThrows(UserInputException.class, () -> VocAnnotations.read(dir, CLASSES));
        assertTrue(e.getMessage().startsWith("a.xml names image missing.jpg, which is not in "), e.getMessage());
        Files.delete(dir.resolve("Annotations/a.xml"));
        Files.write(dir.resolve("JPEGImages/b.jpg"), new byte[] {1});
        write("b.xml", "b.jpg", object("dog", 10, 10, 501, 20, 0));
        e = assertThrows(UserInputException.class, () -> VocAnnotations.read(dir, CLASSES));
        assertTrue(e.getMessage().startsWith("b.xml: object 1 (dog) has box 10,10,501,20 outside its 500×375 image"),
                e.getMessage());
        write("b.xml", "b.jpg", object("dgo", 10, 10, 50, 20, 0));
        e = assertThrows(UserInputException.class, () -> VocAnnotations.read(dir, CLASSES));
        assertEquals("b.xml: object 1 is a 'dgo', not one of the classes [cat, dog, person]; fix the name or add the"
                + " class", e.getMessage());
        e = assertThrows(UserInputException.class, () -> VocAnnotations.read(dir.resolve("nowhere"), CLASSES));
        assertTrue(e.getMessage().contains("has no Annotations folder"), e.getMessage());
    }

    private void image(String name, int w, int h, java.awt.Color c) throws Exception {
        var img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        javax.imageio.ImageIO.write(img, "png", dir.resolve("JPEGImages").resolve(name).toFile());
    }

    @Test
    void loadSquishesImagesAndMakesBoxesFractionsOfTheSide() throws Exception {
        write("a.xml", "a.png", object("dog", 1, 1, 250, 375, 0));
        write("b.xml", "b.png", object("cat", 101, 76, 500, 375, 0) + object("person", 1, 1, 50, 75, 1));
        write("c.xml", "c.png", object("cat", 1, 1, 10, 10, 0));
        image("a.png", 500, 375, java.awt.Color.RED);
        image("b.png", 500, 375, java.awt.Color.BLUE);
        image("c.png", 500, 375, java.awt.Color.GREEN);
        Files.createDirectories(dir.resolve("ImageSets/Main"));
        Files.writeString(dir.resolve("ImageSets/Main/train.txt"), "a\nc\n");
        Files.writeString(dir.resolve("ImageSets/Main/val.txt"), "b\n");
        var split = VocAnnotations.load(dir, CLASSES, 16, 0.2, 1);
        assertEquals(2, split.train().n(), "VOC's own split: train.txt");
        assertEquals(1, split.valid().n());
        var b = split.valid();
        assertEquals(3, b.channels());
        assertEquals(16, b.size());
        var box = b.truth().get(0).get(0).box();
        assertEquals(0.2, box.x0(), 1e-9, "xmin 101 (1-based) is 100 px of 500");
        assertEquals(0.2, box.y0(), 1e-9, "ymin 76 is 75 of 375: the height scales on its own");
        assertEquals(1.0, box.x1(), 1e-9);
        assertEquals(2, b.truth().get(0).size(), "a difficult object is kept");
        assertEquals(0f, b.pixels()[0], 1e-6, "blue image: no red");
        assertEquals(1f, b.pixels()[2 * 16 * 16], 1e-6, "blue channel full");
        assertEquals(0.5, split.train().truth().get(0).get(0).box().x1(), 1e-9, "a.png: 250 of 500");
        Files.delete(dir.resolve("ImageSets/Main/val.txt"));
        var random = VocAnnotations.load(dir, CLASSES, 16, 0.34, 1);
        assertEquals(2, random.train().n(), "without ImageSets: a seeded 34 % of 3 held out");
        assertEquals(1, random.valid().n());
        Files.writeString(dir.resolve("ImageSets/Main/val.txt"), "x\n");
        var e = assertThrows(UserInputException.class, () -> VocAnnotations.load(dir, CLASSES, 16, 0.2, 1));
        assertTrue(e.getMessage().contains("2 training and 0 validation images"), e.getMessage());
    }
}
