package ai.fastdjl.datasets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 70,000 28×28 greyscale images of clothes in 10 classes, 60,000
 * for training and 10,000 for testing. Offline from Debian's {@code dataset-fashion-mnist} package (MIT license).
 */
public final class FashionMnist {
    public static final DataSource SOURCE = new DataSource(
            "fashion-mnist",
            "Fashion-MNIST",
            List.of(
                    file("train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                    file("train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                    file("t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                    file("t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")),
            new DataSource.RegistryPackage(
                    DataSource.RegistryPackage.Kind.DEBIAN, "dataset-fashion-mnist", "0.0~git20200523.55506a9-1"),
            Path.of("/usr/share/datasets/fashion-mnist"),
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "MIT (Zalando SE)");

    /** The labels' names, index = label (from the data set's README). */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Pixel mean and standard deviation of the 60,000 training images on a [0, 1] scale (computed by {@link #stats}). */
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;
    public static final int SIZE = 28;

    private FashionMnist() {}

    private static DataSource.DataFile file(String name, String sha256) {
        return new DataSource.DataFile(name, "usr/share/datasets/fashion-mnist/" + name, sha256);
    }

    /** One split in memory: {@code n} images of {@code 28×28} bytes and their labels. */
    public record Split(byte[] pixels, byte[] labels, int n) {

        /** A seeded random subset of {@code limit} samples (all when {@code limit} is null or ≥ n). */
        public Split subset(Integer limit, long seed) {
            if (limit == null || limit >= n) {
                return this;
            }
            return select(java.util.Arrays.copyOf(shuffled(n, seed), limit), i -> labels[i]);
        }

        /**
         * The samples of the given classes only, relabelled by their position in {@code classes} (a transfer
         * task's label space): {@code only(5, 6)} keeps sandals as 0 and shirts as 1.
         */
        public Split only(int... classes) {
            int[] map = new int[CLASSES.size()];
            java.util.Arrays.fill(map, -1);
            for (int i = 0; i < classes.length; i++) {
                map[classes[i]] = i;
            }
            return select(java.util.stream.IntStream.range(0, n).filter(i -> map[labels[i]] >= 0).toArray(),
                    i -> (byte) map[labels[i]]);
        }

        /** A seeded sample of {@code k} images per class (few-shot training sets). */
        public Split perClass(int k, long seed) {
            int[] order = shuffled(n, seed);
            int[] taken = new int[256];
            int[] keep = java.util.Arrays.stream(order).filter(i -> taken[labels[i]]++ < k).toArray();
            return select(keep, i -> labels[i]);
        }

        /** {@link #perClass} and everything else: a labelled set and the "unlabelled" rest, disjoint. */
        public Split[] perClassAndRest(int k, long seed) {
            int[] order = shuffled(n, seed);
            int[] taken = new int[256];
            boolean[] chosen = new boolean[n];
            for (int i : order) {
                chosen[i] = taken[labels[i]]++ < k;
            }
            int[] keep = java.util.stream.IntStream.range(0, n).filter(i -> chosen[i]).toArray();
            int[] rest = java.util.stream.IntStream.range(0, n).filter(i -> !chosen[i]).toArray();
            return new Split[] {select(keep, i -> labels[i]), select(rest, i -> labels[i])};
        }

        /**
         * Class {@code cls} thinned to a seeded {@code share} of its samples (at least one), the others all kept:
         * an unbalanced training set.
         */
        public Split thin(int cls, double share, long seed) {
            int[] order = shuffled(n, seed);
            int keep = Math.max(1, (int) Math.round(share * java.util.stream.IntStream.range(0, n)
                    .filter(i -> labels[i] == cls).count()));
            int[] taken = {0};
            int[] idx = java.util.Arrays.stream(order).filter(i -> labels[i] != cls || taken[0]++ < keep).sorted()
                    .toArray();
            return select(idx, i -> labels[i]);
        }

        /**
         * Every sample but those of class {@code cls}, labels unchanged: a transfer set with one class left out
         * entirely (Hinton et al. 2015, section 3, leave out the 3s).
         */
        public Split without(int cls) {
            return select(java.util.stream.IntStream.range(0, n).filter(i -> labels[i] != cls).toArray(),
                    i -> labels[i]);
        }

        /** The samples at {@code idx}, in that order, repeats allowed (an oversampled set). */
        public Split pick(int[] idx) {
            return select(idx, i -> labels[i]);
        }

        /** The labels as ints. */
        public int[] labelArray() {
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            return y;
        }

        private Split select(int[] idx, java.util.function.IntFunction<Byte> label) {
            int px = SIZE * SIZE;
            byte[] p = new byte[idx.length * px];
            byte[] l = new byte[idx.length];
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(pixels, idx[j] * px, p, j * px, px);
                l[j] = label.apply(idx[j]);
            }
            return new Split(p, l, idx.length);
        }

        /** Images as {@code float32 [n, 1, 28, 28]}, scaled to [0, 1] and normalised with {@link #MEAN}/{@link #STD}. */
        public NDArray images(NDManager m) {
            float[] f = new float[pixels.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = ((pixels[i] & 0xff) / 255f - MEAN) / STD;
            }
            return m.create(f, new Shape(n, 1, SIZE, SIZE));
        }

        /** Labels as {@code int64 [n]}. */
        public NDArray labels(NDManager m) {
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            return m.create(y);
        }
    }

    /** The training (60,000) or test (10,000) split from {@code dir}. */
    public static Split read(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        String hint = DataResolver.fetchCommand(SOURCE);
        IdxReader.Idx images = IdxReader.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 3, hint);
        IdxReader.Idx labels = IdxReader.read(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 1, hint);
        if (images.dims()[1] != SIZE || images.dims()[2] != SIZE) {
            throw new DataNotFoundException(dir.resolve(prefix + "-images-idx3-ubyte.gz") + ": images are "
                    + images.dims()[1] + "×" + images.dims()[2] + ", expected 28×28; delete it and run " + hint);
        }
        if (images.count() != labels.count()) {
            throw new DataNotFoundException(dir + ": " + images.count() + " " + prefix + " images but "
                    + labels.count() + " labels; delete the folder and run " + hint);
        }
        for (byte b : labels.data()) {
            if (b < 0 || b >= CLASSES.size()) {
                throw new DataNotFoundException(dir.resolve(prefix + "-labels-idx1-ubyte.gz") + ": label " + b
                        + " is not a class 0-9; delete it and run " + hint);
            }
        }
        return new Split(images.data(), labels.data(), images.count());
    }

    /** Finds the data (see {@link DataResolver}) and reads a split. */
    public static Split load(DataLocation where, boolean train) {
        return read(DataResolver.resolve(SOURCE, where), train);
    }

    /**
     * The lessons' usual loaders: the training split (a seeded subset with {@code --limit}) and the 10,000 test
     * images as validation set (as the course does for Fashion-MNIST; {@code --valid-limit} takes a subset).
     */
    public static DataLoaders loaders(NDManager m, CommonOptions c, int defaultBatchSize) {
        return loaders(m, train(c), test(c), c.batchSize(defaultBatchSize), CLASSES);
    }

    /** The training split of {@link #loaders}: all 60,000 images, or a seeded subset of {@code --limit}. */
    public static Split train(CommonOptions c) {
        return load(c.data(), true).subset(c.limit, c.seed);
    }

    /** The validation split of {@link #loaders}: the 10,000 test images, or a seeded subset of {@code --valid-limit}. */
    public static Split test(CommonOptions c) {
        return load(c.data(), false).subset(c.validLimit, c.seed);
    }

    /** Loaders over two splits already chosen (a few-shot set, a class subset), normalised as {@link Split#images}. */
    public static DataLoaders loaders(NDManager m, Split train, Split valid, int batchSize, List<String> classes) {
        return DataLoaders.fromArrays(train.images(m), train.labels(m), valid.images(m), valid.labels(m), batchSize,
                classes);
    }

    /** The names of the given classes, in that order: the label space of {@link Split#only}. */
    public static List<String> classes(int... only) {
        return java.util.Arrays.stream(only).mapToObj(CLASSES::get).toList();
    }

    /** Mean and standard deviation of a split's pixels on [0, 1] (how {@link #MEAN} and {@link #STD} were computed). */
    public static double[] stats(Split s) {
        double sum = 0;
        double sq = 0;
        for (byte b : s.pixels()) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            sq += v * v;
        }
        double mean = sum / s.pixels().length;
        return new double[] {mean, Math.sqrt(sq / s.pixels().length - mean * mean)};
    }

    static int[] shuffled(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}
