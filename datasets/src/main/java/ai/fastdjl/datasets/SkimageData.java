package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.detect.Box;
import java.nio.file.Path;
import java.util.List;

/**
 * scikit-image's sample data, offline from Debian's {@code python3-skimage} (the package is unpacked, not
 * installed): the LFW subset (Huang et al. 2012; 100 faces and 100 non-faces from the backgrounds of the same
 * photos, 25×25 greyscale, values in [0, 1]) and three colour photos used to check imported models.
 */
public final class SkimageData {
    private static final String DIR = "usr/lib/python3/dist-packages/skimage/data/";

    public static final DataSource SOURCE = new DataSource(
            "skimage",
            "scikit-image sample data",
            List.of(
                    file("lfw_subset.npy", "9560ec2f5edfac01973f63a8a99d00053fecd11e21877e18038fbe500f8e872c"),
                    file("astronaut.png", "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"),
                    file("chelsea.png", "596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb"),
                    file("coffee.png", "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.DEBIAN, "python3-skimage", "0.19.3-8"),
            Path.of("/" + DIR),
            null,
            "BSD-3-Clause (scikit-image); astronaut: public domain (NASA), chelsea and coffee: CC0; LFW: research data");

    /** The LFW subset's classes, index = label: its first 100 images are faces, the next 100 are not. */
    public static final List<String> LFW_CLASSES = List.of("face", "non-face");
    public static final int LFW_SIZE = 25;

    private SkimageData() {}

    private static DataSource.DataFile file(String name, String sha256) {
        return new DataSource.DataFile(name, DIR + name, sha256);
    }

    /** The folder holding the files (fetched into the cache on first use unless {@code fetch} is false). */
    public static Path dir(DataLocation where) {
        return DataResolver.resolve(SOURCE, where);
    }

    /** The 200 LFW images, {@code [200, 25, 25]} greyscale in [0, 1], and their labels (0 face, 1 non-face). */
    public record Lfw(float[] pixels, long[] labels) {
        public int n() {
            return labels.length;
        }

        /**
         * The images {@code which} as {@code [n, 3, size, size]} in [0, 1]: resized bilinearly (half-pixel centres,
         * as PyTorch's {@code interpolate(align_corners=False)}) and the grey copied to three channels, the input
         * of a colour ImageNet model.
         */
        public float[] rgb(int[] which, int size) {
            int in = LFW_SIZE;
            int plane = size * size;
            float[] out = new float[which.length * 3 * plane];
            for (int k = 0; k < which.length; k++) {
                int base = which[k] * in * in;
                for (int y = 0; y < size; y++) {
                    double sy = Math.min(Math.max((y + 0.5) * in / size - 0.5, 0), in - 1);
                    int y0 = (int) sy;
                    int y1 = Math.min(y0 + 1, in - 1);
                    double fy = sy - y0;
                    for (int x = 0; x < size; x++) {
                        double sx = Math.min(Math.max((x + 0.5) * in / size - 0.5, 0), in - 1);
                        int x0 = (int) sx;
                        int x1 = Math.min(x0 + 1, in - 1);
                        double fx = sx - x0;
                        double v = (1 - fy) * ((1 - fx) * pixels[base + y0 * in + x0] + fx * pixels[base + y0 * in + x1])
                                + fy * ((1 - fx) * pixels[base + y1 * in + x0] + fx * pixels[base + y1 * in + x1]);
                        for (int c = 0; c < 3; c++) {
                            out[(k * 3 + c) * plane + y * size + x] = (float) v;
                        }
                    }
                }
            }
            return out;
        }

        /** Mosaics of photos, {@code which[k]} a mosaic's photos tile by tile (row-major), one face each. */
        public record Mosaics(int[][] which, int[] faceTile, int tiles) {
            /** The box of mosaic {@code k}'s face tile, in [0, 1] of the side. */
            public Box faceBox(int k) {
                int t = faceTile[k];
                return new Box((double) (t % tiles) / tiles, (double) (t / tiles) / tiles,
                        (double) (t % tiles + 1) / tiles, (double) (t / tiles + 1) / tiles);
            }
        }

        /**
         * {@code n} seeded mosaics of the images {@code among} (held-out ones, say): face {@code k mod faces} in a
         * random tile, the other tiles random non-faces, no image twice in a mosaic.
         */
        public Mosaics faceMosaics(int[] among, int tiles, int n, long seed) {
            java.util.List<Integer> faces = new java.util.ArrayList<>();
            java.util.List<Integer> others = new java.util.ArrayList<>();
            for (int i : among) {
                (labels[i] == 0 ? faces : others).add(i);
            }
            if (faces.isEmpty() || others.size() < tiles * tiles - 1) {
                throw new DataNotFoundException("mosaics of " + tiles + " × " + tiles + " need a face and "
                        + (tiles * tiles - 1) + " non-faces; there are " + faces.size() + " and " + others.size()
                        + "; use fewer tiles or train on fewer images");
            }
            java.util.Random r = new java.util.Random(seed);
            int[][] which = new int[n][];
            int[] faceTile = new int[n];
            for (int k = 0; k < n; k++) {
                java.util.Collections.shuffle(others, r);
                java.util.List<Integer> mosaic = new java.util.ArrayList<>(others.subList(0, tiles * tiles - 1));
                faceTile[k] = r.nextInt(tiles * tiles);
                mosaic.add(faceTile[k], faces.get(k % faces.size()));
                which[k] = mosaic.stream().mapToInt(i -> i).toArray();
            }
            return new Mosaics(which, faceTile, tiles);
        }

        /**
         * Mosaics of images as {@code [n, 3, tiles·size, tiles·size]} in [0, 1]: mosaic k puts image
         * {@code which[k][t]} ({@link #rgb resized} to {@code size}) in tile t, row-major; a photo made of several
         * photos whose content's place is known by construction.
         */
        public float[] rgbMosaics(int[][] which, int tiles, int size) {
            int side = tiles * size;
            float[] out = new float[which.length * 3 * side * side];
            for (int k = 0; k < which.length; k++) {
                if (which[k].length != tiles * tiles) {
                    throw new IllegalArgumentException("mosaic " + k + " has " + which[k].length + " images, not "
                            + tiles * tiles);
                }
                float[] parts = rgb(which[k], size);
                for (int t = 0; t < which[k].length; t++) {
                    for (int c = 0; c < 3; c++) {
                        for (int y = 0; y < size; y++) {
                            System.arraycopy(parts, ((t * 3 + c) * size + y) * size,
                                    out, ((k * 3 + c) * side + t / tiles * size + y) * side + t % tiles * size, size);
                        }
                    }
                }
            }
            return out;
        }

        /**
         * A seeded split: {@code shots} images of each class to train on, every other image to validate on.
         *
         * @return {@code {train, valid}} image indices
         */
        public int[][] split(int shots, long seed) {
            if (shots < 1 || shots >= n() / 2) {
                throw new DataNotFoundException("--shots " + shots + ": the LFW subset has " + n() / 2
                        + " images per class; use 1 to " + (n() / 2 - 1) + " so some are left to validate on");
            }
            java.util.List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n()).boxed()
                    .toList());
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            boolean[] train = new boolean[n()];
            int[] taken = new int[2];
            for (int i : order) {
                train[i] = taken[(int) labels[i]]++ < shots;
            }
            return new int[][] {order.stream().filter(i -> train[i]).mapToInt(i -> i).toArray(),
                order.stream().filter(i -> !train[i]).mapToInt(i -> i).toArray()};
        }

        /** The labels of the images {@code which}. */
        public long[] labels(int[] which) {
            return java.util.Arrays.stream(which).mapToLong(i -> labels[i]).toArray();
        }
    }

    public static Lfw lfwSubset(DataLocation where) {
        Path file = dir(where).resolve("lfw_subset.npy");
        Npy.Array a = Npy.read(file);
        int[] s = a.shape();
        if (s.length != 3 || s[1] != LFW_SIZE || s[2] != LFW_SIZE || s[0] % 2 != 0) {
            throw new DataNotFoundException(file + " has shape " + java.util.Arrays.toString(s) + ", not (200, 25, 25);"
                    + " fetch it again with " + DataResolver.fetchCommand(SOURCE));
        }
        long[] labels = new long[s[0]];
        for (int i = s[0] / 2; i < s[0]; i++) {
            labels[i] = 1; // skimage.data.lfw_subset: "100 first images are faces and subsequent 100 are non-faces"
        }
        return new Lfw(a.values(), labels);
    }

    /** The colour photos among the files, by the name scikit-image's {@code skimage.data} gives them. */
    public static final List<String> PHOTOS = List.of("astronaut", "chelsea", "coffee");

    /**
     * The photo {@code name} (one of {@link #PHOTOS}) resized to {@code size × size} (squished, bilinear) in grey
     * (ITU-R BT.601 luma, as PIL's {@code convert("L")}), values in [0, 1], row-major: the input of a model trained
     * on the grey LFW images.
     */
    public static float[] greyPhoto(DataLocation where, String name, int size) {
        if (!PHOTOS.contains(name)) {
            throw new DataNotFoundException("no scikit-image photo named " + name + "; use one of " + PHOTOS);
        }
        Path file = dir(where).resolve(name + ".png");
        float[] out = new float[size * size];
        ImageFolder.greyPlane(ImageFolder.squish(ImageFolder.decode(file, "fetch it again with "
                + DataResolver.fetchCommand(SOURCE)), size), out, 0);
        return out;
    }
}
