package ai.fastdjl.plot;

import java.awt.image.BufferedImage;
import ai.fastdjl.data.SegmentationData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Segmentation masks as pictures, in a grid with captions (fastai's {@code show_results} for a segmentation model:
 * image, true mask, predicted mask side by side). Background (class 0) is black; class c ≥ 1 takes the colour
 * {@link BoxGrid} gives class c − 1, so a mask and the boxes of the same scene agree.
 */
public final class MaskGrid {
    private MaskGrid() {}

    /** A {@code size × size} mask of classes (row-major) as a picture. */
    public static BufferedImage colour(int[] mask, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < size * size; p++) {
            int c = mask[p];
            img.setRGB(p % size, p / size, c == 0 ? 0 : BoxGrid.COLOURS[(c - 1) % BoxGrid.COLOURS.length].getRGB());
        }
        return img;
    }

    /**
     * {@code map} ({@code size × size}, row-major, any scale) over {@code image} as a heatmap: stretched to its
     * min–max, coloured from dark blue (low) through green to red (high, matplotlib's "jet" in five stops), blended
     * half with the image, as fastai's {@code show_heatmap} draws a CAM.
     */
    public static BufferedImage heat(BufferedImage image, float[] map, int size) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[][] stops = {{0, 0, 0.5f}, {0, 0.5f, 1}, {0.5f, 1, 0.5f}, {1, 0.5f, 0}, {0.5f, 0, 0}};
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < size * size; p++) {
            double t = hi > lo ? (map[p] - lo) / (hi - lo) * (stops.length - 1) : 0;
            int k = Math.min(stops.length - 2, (int) t);
            double f = t - k;
            int under = image.getRGB(p % size * image.getWidth() / size, p / size * image.getHeight() / size);
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                double heat = stops[k][c] * (1 - f) + stops[k + 1][c] * f;
                int base = (under >> (16 - 8 * c)) & 0xff;
                rgb = (rgb << 8) | (int) Math.round(0.5 * base + 0.5 * 255 * heat);
            }
            out.setRGB(p % size, p / size, rgb);
        }
        return out;
    }

    /** The first {@code n} images of {@code data} a row each: image, true mask, then each model's predicted mask. */
    public static void compare(Path file, SegmentationData data, List<String> models, List<int[]> predicted, int n) {
        List<BufferedImage> cells = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int plane = data.size() * data.size();
        for (int i = 0; i < n; i++) {
            cells.add(data.picture(i));
            cells.add(colour(data.mask(i), data.size()));
            captions.addAll(List.of("image", "truth"));
            for (int k = 0; k < predicted.size(); k++) {
                cells.add(colour(Arrays.copyOfRange(predicted.get(k), i * plane, (i + 1) * plane), data.size()));
                captions.add(models.get(k));
            }
        }
        save(cells, captions, 2 + predicted.size(), 96, file);
    }

    /** Writes the pictures, each scaled to {@code cell} pixels with its caption, {@code cols} a row. */
    public static void save(List<BufferedImage> images, List<String> captions, int cols, int cell, Path file) {
        ImageGrid.layout(images, captions, cols, cell, 10, null, file);
    }
}
