package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.SegmentationData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A segmentation data set on disk, laid out as the course's CamVid ({@code URLs.CAMVID_TINY}): {@code images/}
 * (PNG or JPEG), {@code labels/} with one PNG mask per image of the same name (the value of each pixel is its
 * class, a grey or palette index: what CamVid's and Pascal VOC's {@code SegmentationClass} PNGs hold), and
 * {@code codes.txt}, the class names one a line, class 0 first. Images are squished to {@code size × size}
 * (bilinear), masks too (nearest neighbour: a class is never blended). A seeded {@code validPct} of the images is
 * held out. Every problem with a user's files (a mask missing, of another size than its image, or with a value that
 * is no class) is one line naming the file and the fix.
 */
public final class MaskFolder {
    /** Pascal VOC marks object borders and unlabelled pixels 255 in its masks ("void"); read as background. */
    public static final int VOID = 255;

    private MaskFolder() {}

    /** Training and validation images with their masks. */
    public record Split(SegmentationData train, SegmentationData valid) {}

    public static Split read(Path dir, int size, double validPct, long seed) {
        Path codesFile = dir.resolve("codes.txt");
        if (!Files.isRegularFile(codesFile) || !Files.isDirectory(dir.resolve("images"))
                || !Files.isDirectory(dir.resolve("labels"))) {
            throw new UserInputException(dir + " is not a segmentation folder: it needs images/, labels/ (one PNG"
                    + " mask per image, pixel value = class) and codes.txt (class names, one a line)");
        }
        List<String> codes;
        List<Path> images;
        try (Stream<Path> s = Files.list(dir.resolve("images"))) {
            codes = Files.readAllLines(codesFile).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            images = new ArrayList<>(s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        if (codes.size() < 2 || images.size() < 2) {
            throw new UserInputException(dir + ": " + codes.size() + " classes in codes.txt and " + images.size()
                    + " images; segmentation needs at least 2 of each");
        }
        Collections.shuffle(images, new Random(seed));
        int nValid = Math.max(1, (int) Math.round(images.size() * validPct));
        return new Split(load(images.subList(nValid, images.size()), dir, codes, size),
                load(images.subList(0, nValid), dir, codes, size));
    }

    private static SegmentationData load(List<Path> images, Path dir, List<String> codes, int size) {
        int plane = size * size;
        float[] px = new float[images.size() * 3 * plane];
        int[] masks = new int[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            Path file = images.get(i);
            String name = file.getFileName().toString();
            Path maskFile = dir.resolve("labels").resolve(name.substring(0, name.lastIndexOf('.')) + ".png");
            if (!Files.isRegularFile(maskFile)) {
                throw new UserInputException("images/" + name + " has no mask labels/" + maskFile.getFileName()
                        + "; add it or remove the image");
            }
            BufferedImage img = ImageFolder.decode(file);
            BufferedImage mask = ImageFolder.decode(maskFile);
            if (mask.getWidth() != img.getWidth() || mask.getHeight() != img.getHeight()) {
                throw new UserInputException(String.format("labels/%s is %d×%d but images/%s is %d×%d; a mask needs"
                        + " its image's size", maskFile.getFileName(), mask.getWidth(), mask.getHeight(), name,
                        img.getWidth(), img.getHeight()));
            }
            ImageFolder.rgbPlanes(ImageFolder.squish(img, size), px, i);
            Raster r = mask.getRaster(); // palette PNGs: the sample is the palette index, i.e. the class
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int sx = (int) ((x + 0.5) * mask.getWidth() / size); // nearest neighbour
                    int sy = (int) ((y + 0.5) * mask.getHeight() / size);
                    int cls = r.getSample(sx, sy, 0);
                    if (cls == VOID) {
                        cls = 0;
                    } else if (cls >= codes.size()) {
                        throw new UserInputException(String.format("labels/%s: pixel (%d, %d) has class %d, but"
                                + " codes.txt names %d classes (0 … %d); fix the mask or add the class to codes.txt",
                                maskFile.getFileName(), sx, sy, cls, codes.size(), codes.size() - 1));
                    }
                    masks[i * plane + y * size + x] = cls;
                }
            }
        }
        return new SegmentationData(codes, 3, size, px, masks);
    }
}
