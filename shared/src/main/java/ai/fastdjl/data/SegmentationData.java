package ai.fastdjl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Images with a class per pixel (fastai's {@code DataBlock(blocks=(ImageBlock, MaskBlock(codes)))}): square
 * {@code size × size} images of {@code channels} channels on [0, 1], row-major per channel, and each image's mask of
 * class indices into {@code codes} (0 is usually the background). The same shape whether generated
 * ({@code FashionScenes}) or read from a user's folder ({@code MaskFolder}).
 */
public record SegmentationData(List<String> codes, int channels, int size, float[] pixels, int[] masks) {
    public SegmentationData {
        int plane = size * size;
        if (masks.length % plane != 0 || pixels.length != (long) masks.length * channels) {
            throw new IllegalArgumentException(String.format("%d pixel values and %d mask values do not make images of"
                    + " %d×%d×%d", pixels.length, masks.length, channels, size, size));
        }
    }

    /** Number of images. */
    public int n() {
        return masks.length / (size * size);
    }

    /** The images, {@code [N, channels, size, size]}, each channel normalised by {@code mean} and {@code std}. */
    public NDArray images(NDManager m, float[] mean, float[] std) {
        float[] f = ChannelStats.normalise(pixels, channels, size * size, mean, std);
        return m.create(f, new Shape(n(), channels, size, size));
    }

    /** Each channel's mean and standard deviation over these images ({@link ChannelStats#of}). */
    public float[][] stats() {
        return ChannelStats.of(pixels, channels, size * size);
    }

    /** The masks, {@code int32 [N, size, size]}: the targets of a per-pixel loss. */
    public NDArray masks(NDManager m) {
        return m.create(masks, new Shape(n(), size, size));
    }

    /** Image {@code i}'s mask, row-major. */
    public int[] mask(int i) {
        int plane = size * size;
        return java.util.Arrays.copyOfRange(masks, i * plane, (i + 1) * plane);
    }

    /** Image {@code i} as a picture (grey for one channel, RGB for three). */
    public java.awt.image.BufferedImage picture(int i) {
        return ai.fastdjl.plot.BoxGrid.picture(pixels, i, channels, size);
    }
}
