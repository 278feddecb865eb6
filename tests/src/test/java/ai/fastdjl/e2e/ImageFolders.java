package ai.fastdjl.e2e;

import ai.fastdjl.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small image folders for tests: Fashion-MNIST images as PNG files in class sub-folders. */
final class ImageFolders {
    private ImageFolders() {}

    /** {@code perClass} PNGs of trousers, bags and sneakers, one sub-folder each. */
    static Path fashion(Path dir, int perClass) throws Exception {
        FashionMnist.Split split = FashionMnist.load(null, true, false);
        int[] classes = {1, 8, 7};
        FashionMnist.Split s = split.only(classes).perClass(perClass, 0);
        for (int i = 0; i < s.n(); i++) {
            Path sub = Files.createDirectories(dir.resolve(FashionMnist.CLASSES.get(classes[s.labels()[i]]).replace('/', '-')));
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 28 * 28; p++) {
                int v = s.pixels()[i * 784 + p] & 0xff;
                img.setRGB(p % 28, p / 28, (v << 16) | (v << 8) | v);
            }
            ImageIO.write(img, "png", sub.resolve(i + ".png").toFile());
        }
        return dir;
    }
}
