package ai.fastdjl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Images for a detector with their objects (fastai's {@code DataBlock(blocks=(ImageBlock, BBoxBlock, BBoxLblBlock))}
 * after its item transforms): square {@code size × size} images of {@code channels} channels on [0, 1], row-major
 * per channel, and each image's objects with boxes in [0, 1] of the image's side (so a box survives resizing the
 * image). The same shape whether the images were generated ({@code FashionScenes}) or read from a user's Pascal VOC
 * folder, so one lesson main trains on either.
 */
public record DetectionData(List<String> classes, int channels, int size, float[] pixels,
        List<List<GroundTruth>> truth) {
    public DetectionData {
        long expected = (long) truth.size() * channels * size * size;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(String.format("%d pixel values for %d images of %d×%d×%d (expected %d)",
                    pixels.length, truth.size(), channels, size, size, expected));
        }
        for (List<GroundTruth> objects : truth) {
            for (GroundTruth g : objects) {
                if (g.cls() >= classes.size()) {
                    throw new IllegalArgumentException("object of class " + g.cls() + " but only " + classes.size()
                            + " classes " + classes);
                }
            }
        }
    }

    /** Number of images. */
    public int n() {
        return truth.size();
    }

    /** The images as one {@code [N, channels, size, size]} array, each channel normalised by its mean and std. */
    public NDArray images(NDManager m, float[] mean, float[] std) {
        float[] f = new float[pixels.length];
        int plane = size * size;
        for (int k = 0; k < f.length; k++) {
            int c = (k / plane) % channels;
            f[k] = (pixels[k] - mean[c]) / std[c];
        }
        return m.create(f, new Shape(n(), channels, size, size));
    }

    /** Each channel's mean and standard deviation over these images ({@code [2][channels]}): to normalise with. */
    public float[][] stats() {
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        int plane = size * size;
        for (int k = 0; k < pixels.length; k++) {
            int c = (k / plane) % channels;
            sum[c] += pixels[k];
            sq[c] += (double) pixels[k] * pixels[k];
        }
        float[][] ms = new float[2][channels];
        double count = (double) n() * plane;
        for (int c = 0; c < channels; c++) {
            ms[0][c] = (float) (sum[c] / count);
            ms[1][c] = (float) Math.sqrt(Math.max(1e-12, sq[c] / count - ms[0][c] * ms[0][c]));
        }
        return ms;
    }

    /** Image {@code i} as a picture to draw boxes on (grey for one channel, RGB for three). */
    public BufferedImage picture(int i) {
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

    /** The largest number of objects in one image. */
    public int maxObjects() {
        return truth.stream().mapToInt(List::size).max().orElse(0);
    }
}
