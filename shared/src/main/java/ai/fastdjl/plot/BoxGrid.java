package ai.fastdjl.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Images with boxes drawn over them, in a grid with a caption under each: the course's {@code show_results} for
 * detection. Ground truth is drawn dashed, predictions solid, each class in its own colour, with its label (and
 * score) at the box's top-left corner.
 */
public final class BoxGrid {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Ten colours that stay apart on a dark image (Tableau's 10, matplotlib's default cycle). */
    static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private BoxGrid() {}

    /** A box in the image's pixels, its class (for the colour), its label, and whether it is the ground truth. */
    public record Drawn(double x0, double y0, double x1, double y1, int cls, String label, boolean truth) {}

    /** A grey image from {@code size × size} values on [0, 1], row-major. */
    public static BufferedImage gray(float[] pixels, int size) {
        return picture(pixels, 0, 1, size);
    }

    /**
     * Image {@code i} of {@code [N, channels, size, size]} values on [0, 1] (row-major) as a picture: grey for one
     * channel, RGB for three.
     */
    public static BufferedImage picture(float[] pixels, int i, int channels, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        int base = i * channels * plane;
        for (int p = 0; p < plane; p++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                float v = pixels[base + Math.min(c, channels - 1) * plane + p];
                rgb = (rgb << 8) | Math.round(255 * Math.max(0, Math.min(1, v)));
            }
            img.setRGB(p % size, p / size, rgb);
        }
        return img;
    }

    /** Writes the images, each scaled to {@code cell} pixels with its boxes and caption, {@code cols} a row. */
    public static void save(List<BufferedImage> images, List<List<Drawn>> boxes, List<String> captions, int cols,
            int cell, Path file) {
        ImageGrid.layout(images, captions, cols, cell, 10, (g, i, x0, y0, scale) -> {
            for (Drawn b : boxes.get(i)) {
                g.setColor(COLOURS[Math.floorMod(b.cls(), COLOURS.length)]);
                g.setStroke(b.truth() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {4, 3}, 0) : new BasicStroke(2f));
                int bx = x0 + (int) Math.round(b.x0() * scale);
                int by = y0 + (int) Math.round(b.y0() * scale);
                int bw = (int) Math.round((b.x1() - b.x0()) * scale);
                int bh = (int) Math.round((b.y1() - b.y0()) * scale);
                g.drawRect(bx, by, bw, bh);
                if (!b.label().isEmpty()) {
                    g.drawString(b.label(), bx + 2, b.truth() ? by + bh - 3 : by + 11);
                }
            }
            g.setStroke(new BasicStroke(1f));
        }, file);
    }
}
