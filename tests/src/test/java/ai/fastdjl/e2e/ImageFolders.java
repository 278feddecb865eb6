package ai.fastdjl.e2e;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.FashionMnist;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small image folders for tests: Fashion-MNIST images as PNG files in class sub-folders. */
final class ImageFolders {
    private ImageFolders() {}

    /** {@code perClass} PNGs of trousers, bags and sneakers, one sub-folder each. */
    static Path fashion(Path dir, int perClass) throws Exception {
        FashionMnist.Split split = FashionMnist.load(DataLocation.cache(), false);
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

    /**
     * The same images as colour JPEGs of 40×32 pixels (not square, so they must be resized), tinted per class, in
     * fastai's {@code train/} and {@code valid/} layout: {@code perClass} per class to train, half as many to validate.
     */
    static Path colourJpegs(Path dir, int perClass) throws Exception {
        FashionMnist.Split split = FashionMnist.load(DataLocation.cache(), false);
        int[] classes = {1, 8, 7};
        int[][] tint = {{255, 80, 80}, {80, 255, 80}, {80, 80, 255}};
        FashionMnist.Split s = split.only(classes).perClass(perClass + perClass / 2, 0);
        int[] seen = new int[classes.length];
        for (int i = 0; i < s.n(); i++) {
            int c = s.labels()[i];
            String part = seen[c]++ < perClass ? "train" : "valid";
            Path sub = Files.createDirectories(dir.resolve(part).resolve(FashionMnist.CLASSES.get(classes[c]).replace('/', '-')));
            BufferedImage img = new BufferedImage(40, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 40; x++) {
                    int v = s.pixels()[i * 784 + Math.min(27, y * 28 / 32) * 28 + Math.min(27, x * 28 / 40)] & 0xff;
                    img.setRGB(x, y, (v * tint[c][0] / 255 << 16) | (v * tint[c][1] / 255 << 8) | v * tint[c][2] / 255);
                }
            }
            ImageIO.write(img, "jpg", sub.resolve(i + ".jpg").toFile());
        }
        return dir;
    }
}
