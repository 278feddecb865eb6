package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Generated images as one PNG of tiles. Pixels map from the generator's [-1, 1] to 0–255 as they are, not stretched
 * per image, so a washed-out or saturated sample looks it.
 */
public final class SampleGrid {
    private static final int GAP = 2;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SampleGrid() {}

    /** Writes {@code images} ({@code [N, C, H, W]}, C = 1 or 3, values in [-1, 1]) in {@code cols} columns. */
    public static void save(NDArray images, int cols, int zoom, Path file) {
        long[] s = images.getShape().getShape();
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] v = images.toType(DataType.FLOAT32, false).toFloatArray();
        int rows = (n + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * (w * zoom + GAP) + GAP, rows * (h * zoom + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int i = 0; i < n; i++) {
            BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = 0;
                    for (int k = 0; k < 3; k++) {
                        int ch = c == 1 ? 0 : k;
                        float f = v[((i * c + ch) * h + y) * w + x];
                        rgb = (rgb << 8) | Math.round(Math.min(Math.max((f + 1) / 2, 0), 1) * 255);
                    }
                    tile.setRGB(x, y, rgb);
                }
            }
            g.drawImage(tile, GAP + (i % cols) * (w * zoom + GAP), GAP + (i / cols) * (h * zoom + GAP), w * zoom,
                    h * zoom, null);
        }
        g.dispose();
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
