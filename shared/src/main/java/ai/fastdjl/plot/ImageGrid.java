package ai.fastdjl.plot;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Images with captions in a grid, as fastai's {@code show_batch} and {@code plot_top_losses} draw them. */
public final class ImageGrid {
    private static final int CAPTION_LINE = 14;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ImageGrid() {}

    /**
     * @param images {@code [C, H, W]} arrays (C = 1 or 3), any scale: each is stretched to its own min–max for display
     * @param captions one caption per image; lines separated by {@code \n}
     */
    public static void save(List<NDArray> images, List<String> captions, int cols, int cellSize, Path file) {
        layout(images.stream().map(ImageGrid::toImage).toList(), captions, cols, cellSize, 11, null, file);
    }

    /** Draws something over cell {@code i}, whose image is at {@code (x0, y0)} scaled to the cell's side. */
    interface Overlay {
        void draw(Graphics2D g, int i, int x0, int y0, double scale);
    }

    /**
     * The grid itself: each image scaled to {@code cellSize} (nearest neighbour: pixels stay pixels), {@code overlay}
     * (if any) drawn over it, its caption under it in a font of {@code fontSize}.
     */
    static void layout(List<BufferedImage> images, List<String> captions, int cols, int cellSize, int fontSize,
            Overlay overlay, Path file) {
        int n = images.size();
        int rows = (n + cols - 1) / cols;
        int lines = captions.stream().mapToInt(c -> c.split("\n").length).max().orElse(0);
        int cellH = cellSize + lines * CAPTION_LINE + 6;
        BufferedImage out = new BufferedImage(cols * (cellSize + 8), Math.max(1, rows * cellH), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        for (int i = 0; i < n; i++) {
            int x0 = (i % cols) * (cellSize + 8) + 4;
            int y0 = (i / cols) * cellH + 2;
            g.drawImage(images.get(i), x0, y0, cellSize, cellSize, null);
            if (overlay != null) {
                overlay.draw(g, i, x0, y0, (double) cellSize / images.get(i).getWidth());
            }
            g.setColor(Color.BLACK);
            String[] cap = captions.get(i).split("\n");
            for (int l = 0; l < cap.length; l++) {
                g.drawString(cap[l], x0, y0 + cellSize + CAPTION_LINE * (l + 1));
            }
        }
        g.dispose();
        write(out, file);
    }

    /** A {@code [C, H, W]} array as an image, stretched to its min–max range. */
    public static BufferedImage toImage(NDArray chw) {
        long[] s = chw.getShape().getShape();
        int c = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        float[] v = chw.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float scale = max > min ? 255f / (max - min) : 0;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    int ch = c == 1 ? 0 : k;
                    rgb[k] = Math.round((v[(ch * h + y) * w + x] - min) * scale);
                }
                img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return img;
    }

    static void write(BufferedImage img, Path file) {
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
