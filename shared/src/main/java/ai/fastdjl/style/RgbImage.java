package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.UserInputException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Reading, resizing and writing the RGB images of style transfer: arrays {@code [1, 3, H, W]} in [0, 1]. */
public final class RgbImage {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RgbImage() {}

    /** A JPEG or PNG, centre-cropped to a square and resized (area averaging) to {@code side × side}. */
    public static NDArray read(Path file, int side, NDManager m) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UserInputException("cannot read the image " + file + " (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new UserInputException(file + " is not an image Java can read; pass a JPEG or PNG");
        }
        int s = Math.min(img.getWidth(), img.getHeight());
        BufferedImage square = img.getSubimage((img.getWidth() - s) / 2, (img.getHeight() - s) / 2, s, s);
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(square.getScaledInstance(side, side, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        float[] v = new float[3 * side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = out.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    v[(c * side + y) * side + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                }
            }
        }
        return m.create(v, new Shape(1, 3, side, side));
    }

    /** {@code [1, 3, H, W]} or {@code [3, H, W]} in [0, 1] as an image (values outside are clamped). */
    public static BufferedImage toImage(NDArray image) {
        long[] s = image.getShape().getShape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        float[] v = image.toType(DataType.FLOAT32, false).toFloatArray();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = (rgb << 8) | Math.round(Math.min(Math.max(v[(c * h + y) * w + x], 0), 1) * 255);
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    public static void write(NDArray image, Path file) {
        write(toImage(image), file);
    }

    /** Images of the same height next to each other, each captioned underneath. */
    public static void sideBySide(List<NDArray> images, List<String> captions, Path file) {
        List<BufferedImage> imgs = images.stream().map(RgbImage::toImage).toList();
        int gap = 8;
        int w = imgs.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (imgs.size() + 1);
        int h = imgs.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        BufferedImage out = new BufferedImage(w, h + 2 * gap + 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = gap;
        for (int i = 0; i < imgs.size(); i++) {
            g.drawImage(imgs.get(i), x, gap, null);
            g.drawString(captions.get(i), x, h + gap + 16);
            x += imgs.get(i).getWidth() + gap;
        }
        g.dispose();
        write(out, file);
    }

    private static void write(BufferedImage img, Path file) {
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
