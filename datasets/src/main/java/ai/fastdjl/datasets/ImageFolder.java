package ai.fastdjl.datasets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.ChannelStats;
import ai.fastdjl.data.DataLoaders;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Any folder of images sorted into one sub-folder per class (fastai's {@code ImageDataLoaders.from_folder}): JPEG or
 * PNG of any size, resized (shorter side to {@code size}, then centre-cropped square), colour or greyscale. Uses
 * {@code train/} and {@code valid/} sub-folders when present, else a seeded random split. Images are held in memory
 * as one array, so batches come out in one gather and augmentations run on whole batches.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private ImageFolder() {}

    /** Images in {@code [N, C, size, size]} scaled to [0, 1], labels, class names. */
    public record Images(float[] pixels, long[] labels, int channels, int size, List<String> classes) {
        public int n() {
            return labels.length;
        }

        /** Per-channel mean and std (to normalise with). */
        public float[][] stats() {
            return ChannelStats.of(pixels, channels, size * size);
        }

        public NDArray images(NDManager m, float[] mean, float[] std) {
            return m.create(ChannelStats.normalise(pixels, channels, size * size, mean, std),
                    new Shape(n(), channels, size, size));
        }
    }

    /** A training and a validation set. */
    public record Split(Images train, Images valid) {
        /** Loaders normalised with the training set's statistics (or the given ones, e.g. ImageNet's). */
        public DataLoaders loaders(NDManager m, int bs, float[] mean, float[] std) {
            float[][] ms = mean != null ? new float[][] {mean, std} : train.stats();
            return DataLoaders.fromArrays(train.images(m, ms[0], ms[1]), m.create(train.labels()),
                    valid.images(m, ms[0], ms[1]), m.create(valid.labels()), Math.min(bs, train.n()), train.classes());
        }
    }

    /** Images whose sides {@link #typicalSide} reads: enough for a median, few enough to take no time. */
    public static final int SIDE_SAMPLE = 200;

    /**
     * The median shorter side of the images under {@code dir} (of up to {@value #SIDE_SAMPLE}, spread over the sorted
     * files), read from their headers: the size to train at from scratch that neither blurs the images nor spends
     * compute on pixels they do not have.
     */
    public static int typicalSide(Path dir) {
        requireFolder(dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DataNotFoundException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataNotFoundException(dir + " holds no JPEG or PNG images; pass --data a folder of class"
                    + " sub-folders of images");
        }
        int step = Math.max(1, files.size() / SIDE_SAMPLE);
        List<Integer> sides = new ArrayList<>();
        for (int i = 0; i < files.size(); i += step) {
            try (ImageInputStream in = ImageIO.createImageInputStream(files.get(i).toFile())) {
                Iterator<ImageReader> readers = in == null ? Collections.emptyIterator()
                        : ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new DataNotFoundException(files.get(i) + " is not an image Java can read; remove it or"
                            + " convert it to PNG");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    sides.add(Math.min(reader.getWidth(0), reader.getHeight(0)));
                } finally {
                    reader.dispose();
                }
            } catch (IOException e) {
                throw new DataNotFoundException("cannot read " + files.get(i) + ": " + e.getMessage(), e);
            }
        }
        Collections.sort(sides);
        return sides.get(sides.size() / 2);
    }

    /**
     * @param color true for 3 channels, false for 1, null to decide from the images (greyscale only if all are)
     * @param validPct share of images held out when there are no {@code train/}/{@code valid/} folders (fastai: 0.2)
     */
    public static Split read(Path dir, int size, Boolean color, double validPct, long seed) {
        requireFolder(dir);
        Path train = dir.resolve("train");
        Path valid = dir.resolve("valid");
        if (Files.isDirectory(train) && Files.isDirectory(valid)) {
            List<String> classes = classes(train);
            List<Item> tr = items(train, classes);
            List<Item> va = items(valid, classes);
            boolean rgb = color != null ? color : !allGrey(tr);
            return new Split(load(tr, classes, size, rgb), load(va, classes, size, rgb));
        }
        List<String> classes = classes(dir);
        List<Item> all = items(dir, classes);
        Collections.shuffle(all, new Random(seed));
        int nValid = (int) Math.round(all.size() * validPct);
        if (nValid == 0 || nValid == all.size()) {
            throw new DataNotFoundException(dir + ": " + all.size() + " images cannot be split " + validPct
                    + " for validation; add images or train/ and valid/ sub-folders");
        }
        boolean rgb = color != null ? color : !allGrey(all);
        return new Split(load(all.subList(nValid, all.size()), classes, size, rgb),
                load(all.subList(0, nValid), classes, size, rgb));
    }

    private static boolean isImage(Path p) {
        String name = p.toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataNotFoundException(dir + " is not a folder; pass --data with a folder of class sub-folders");
        }
    }

    private record Item(Path file, int label) {}

    private static List<String> classes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> classes = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
            if (classes.size() < 2) {
                throw new DataNotFoundException(dir + " has " + classes.size() + " class sub-folders; an image folder"
                        + " needs one sub-folder per class (at least two)");
            }
            return classes;
        } catch (IOException e) {
            throw new DataNotFoundException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Item> items(Path dir, List<String> classes) {
        List<Item> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path sub = dir.resolve(classes.get(c));
            if (!Files.isDirectory(sub)) {
                throw new DataNotFoundException(dir + " has no sub-folder " + classes.get(c) + " (the training set has one)");
            }
            try (Stream<Path> s = Files.walk(sub)) {
                final int label = c;
                s.filter(ImageFolder::isImage)
                        .sorted(Comparator.naturalOrder()).forEach(p -> out.add(new Item(p, label)));
            } catch (IOException e) {
                throw new DataNotFoundException("cannot list " + sub + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new DataNotFoundException(dir + " holds no .jpg, .jpeg or .png images in its class sub-folders");
        }
        return out;
    }

    private static boolean allGrey(List<Item> items) {
        for (Item it : items) {
            BufferedImage img = decode(it.file());
            if (img.getColorModel().getNumColorComponents() > 1 && !looksGrey(img)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksGrey(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y += Math.max(1, img.getHeight() / 16)) {
            for (int x = 0; x < img.getWidth(); x += Math.max(1, img.getWidth() / 16)) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r != g || g != b) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Images load(List<Item> items, List<String> classes, int size, boolean rgb) {
        int ch = rgb ? 3 : 1;
        int plane = size * size;
        float[] px = new float[items.size() * ch * plane];
        long[] labels = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            BufferedImage img = resize(decode(items.get(i).file()), size);
            if (rgb) {
                rgbPlanes(img, px, i);
            } else {
                greyPlane(img, px, i);
            }
            labels[i] = items.get(i).label();
        }
        return new Images(px, labels, ch, size, classes);
    }

    /** The image in {@code file}; a file Java cannot decode is one line naming it. */
    static BufferedImage decode(Path file) {
        return decode(file, "remove or convert it");
    }

    /** {@link #decode(Path)}, with {@code fix} as the error line's advice. */
    static BufferedImage decode(Path file, String fix) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new DataNotFoundException(file + ": not a readable JPEG or PNG image; " + fix);
            }
            return img;
        } catch (IOException e) {
            throw new DataNotFoundException(file + ": cannot decode (" + e.getMessage() + "); " + fix, e);
        }
    }

    /** A packed RGB pixel's grey value in [0, 1]: ITU-R BT.601 luma, as PIL's {@code convert("L")}. */
    static float luma(int rgb) {
        return (0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
    }

    /**
     * A square image's red, green and blue on [0, 1] into {@code px} as image {@code i} of {@code [N, 3, side, side]}
     * (row-major planes): what every loader here hands the model.
     */
    static void rgbPlanes(BufferedImage img, float[] px, int i) {
        int size = img.getWidth();
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            int v = img.getRGB(p % size, p / size);
            for (int c = 0; c < 3; c++) {
                px[(i * 3 + c) * plane + p] = ((v >> (16 - 8 * c)) & 0xff) / 255f;
            }
        }
    }

    /** A square image's grey values ({@link #luma}) into {@code px} as image {@code i} of {@code [N, 1, side, side]}. */
    static void greyPlane(BufferedImage img, float[] px, int i) {
        int size = img.getWidth();
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            px[i * plane + p] = luma(img.getRGB(p % size, p / size));
        }
    }

    /**
     * The whole image stretched to {@code size × size} (bilinear), not cropped: detection and segmentation keep every
     * box and mask pixel this way.
     */
    static BufferedImage squish(BufferedImage src, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    /** Shorter side to {@code size} (bilinear), then the centre {@code size × size} square (fastai's centre crop). */
    static BufferedImage resize(BufferedImage src, int size) {
        double scale = (double) size / Math.min(src.getWidth(), src.getHeight());
        int w = Math.max(size, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(size, (int) Math.round(src.getHeight() * scale));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, -(w - size) / 2, -(h - size) / 2, w, h, null);
        g.dispose();
        return out;
    }
}
