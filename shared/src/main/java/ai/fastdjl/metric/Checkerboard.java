package ai.fastdjl.metric;

/**
 * How much of an image is a pattern repeating every {@code period} pixels: the checkerboard artifact of strided
 * upsampling (Odena, Dumoulin &amp; Olah 2016). An upsampler of total factor {@code p} built from stride-2 layers
 * imprints, where its kernels overlap unevenly, a pattern of period {@code p} (2 per layer, 4 for two layers).
 *
 * <p>The measure: average each image over all pixels with the same {@code (y mod p, x mod p)}, giving a
 * {@code p × p} tile; the tile's variance, tiled over the image, is the image's energy at the spatial frequencies
 * that are multiples of {@code side / p} (the highest ones included: the Nyquist row and column of its Fourier
 * transform); divided by the image's whole variance it is a share in [0, 1]. A pure checkerboard scores 1, a
 * constant image 0, and smooth natural images little (the lesson measures the share of the real images as the
 * baseline). Sides must be multiples of {@code p}.
 */
public final class Checkerboard {
    private Checkerboard() {}

    /**
     * The mean share over {@code count} images of {@code height × width} pixels stored one after another
     * (channels as separate images); images with no variance count as 0.
     */
    public static double periodicShare(float[] pixels, int count, int height, int width, int period) {
        if (height % period != 0 || width % period != 0) {
            throw new IllegalArgumentException("images of " + height + "×" + width + " are not tiled by a period of "
                    + period + " pixels");
        }
        int size = height * width;
        if ((long) count * size != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + count + " images of " + height
                    + "×" + width);
        }
        double total = 0;
        double[] tile = new double[period * period];
        for (int n = 0; n < count; n++) {
            int off = n * size;
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += pixels[off + i];
            }
            mean /= size;
            java.util.Arrays.fill(tile, 0);
            double variance = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double d = pixels[off + y * width + x] - mean;
                    tile[(y % period) * period + x % period] += d;
                    variance += d * d;
                }
            }
            if (variance == 0) {
                continue;
            }
            double perCell = (double) size / tile.length; // pixels averaged into each tile cell
            double periodic = 0;
            for (double t : tile) {
                double avg = t / perCell;
                periodic += avg * avg * perCell; // the tile repeated over the image
            }
            total += periodic / variance;
        }
        return total / count;
    }
}
