package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path tmp;

    private void png(String file, int w, int h) throws Exception {
        Path p = tmp.resolve(file);
        Files.createDirectories(p.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
    }

    @Test
    void theTypicalSideIsTheMedianShorterSide() throws Exception {
        png("a/1.png", 20, 30); // shorter sides 20, 40, 10, 64, 28: median 28
        png("a/2.png", 40, 40);
        png("b/3.png", 50, 10);
        png("b/4.png", 64, 80);
        png("b/5.png", 30, 28);
        Files.writeString(tmp.resolve("b/notes.txt"), "not an image");
        assertEquals(28, ImageFolder.typicalSide(tmp));
    }

    @Test
    void aFolderWithoutImagesOrWithABrokenOneSaysWhich() throws Exception {
        Files.createDirectories(tmp.resolve("empty/a"));
        var e = assertThrows(DataNotFoundException.class, () -> ImageFolder.typicalSide(tmp.resolve("empty")));
        assertTrue(e.getMessage().contains("holds no JPEG or PNG images"), e.getMessage());
        Files.createDirectories(tmp.resolve("broken/a"));
        Files.writeString(tmp.resolve("broken/a/x.png"), "text");
        e = assertThrows(DataNotFoundException.class, () -> ImageFolder.typicalSide(tmp.resolve("broken")));
        assertTrue(e.getMessage().endsWith("x.png is not an image Java can read; remove it or convert it to PNG"),
                e.getMessage());
    }
}
