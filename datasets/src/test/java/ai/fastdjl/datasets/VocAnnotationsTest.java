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
}
