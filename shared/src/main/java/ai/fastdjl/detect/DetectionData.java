package ai.fastdjl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.ChannelStats;
import ai.fastdjl.plot.BoxGrid;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        float[] f = ChannelStats.normalise(pixels, channels, size * size, mean, std);
        return m.create(f, new Shape(n(), channels, size, size));
    }

    /** Each channel's mean and standard deviation over these images ({@link ChannelStats#of}). */
    public float[][] stats() {
        return ChannelStats.of(pixels, channels, size * size);
    }

    /** Image {@code i} as a picture to draw boxes on (grey for one channel, RGB for three). */
    public BufferedImage picture(int i) {
        return BoxGrid.picture(pixels, i, channels, size);
    }

    /** The largest number of objects in one image. */
    public int maxObjects() {
        return truth.stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * Writes the first {@code n} images with their true boxes (dashed) and the detections scoring ≥ 0.5 (solid,
     * labelled with {@code names} and the score), six a row: what fastai's {@code show_results} draws for a detector.
     */
    public void saveDetections(Path file, List<String> names, List<Detection> dets, int n) {
        List<BufferedImage> images = new ArrayList<>();
        List<List<BoxGrid.Drawn>> boxes = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int img = i;
            List<BoxGrid.Drawn> d = new ArrayList<>();
            for (GroundTruth g : truth.get(i)) {
                d.add(drawn(g.box(), g.cls(), "", true));
            }
            List<Detection> found = dets.stream().filter(x -> x.image() == img && x.score() >= 0.5).toList();
            for (Detection x : found) {
                d.add(drawn(x.box(), x.cls(), names.get(x.cls()) + String.format(Locale.ROOT, " %.2f", x.score()),
                        false));
            }
            images.add(picture(i));
            boxes.add(d);
            captions.add(truth.get(i).size() + " objects, " + found.size() + " found");
        }
        BoxGrid.save(images, boxes, captions, 6, 128, file);
    }

    private BoxGrid.Drawn drawn(Box b, int cls, String label, boolean isTruth) {
        return new BoxGrid.Drawn(b.x0() * size, b.y0() * size, b.x1() * size, b.y1() * size, cls, label, isTruth);
    }
}
