package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.datasets.DataNotFoundException;
import ai.fastdjl.datasets.DataResolver;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.ImageFolder;
import ai.fastdjl.gan.ClassifierFeatures;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a GAN of this lesson learns from: Fashion-MNIST's training images (or any folder of class sub-folders of images
 * via {@code --data}), scaled to the generator's [-1, 1]; and, for Fashion-MNIST, the real images and the classifier
 * the Fréchet distance compares samples with.
 *
 * @param train training images {@code [N, C, side, side]} in [-1, 1]
 * @param real test images in [-1, 1] for the distance's real statistics (null for an image folder)
 * @param features the distance's feature classifier (null for an image folder, or with {@code --fd-samples 0})
 */
record GanData(String name, NDArray train, NDArray real, ClassifierFeatures features, int channels, int side) {

    /** Recipe of the feature classifier: lesson 1's ResNet, 2 epochs of one-cycle (see the lesson's README). */
    static final int[] CLASSIFIER_WIDTHS = {8, 16, 32, 64};
    static final int CLASSIFIER_EPOCHS = 2;
    static final double CLASSIFIER_LR = 1e-2;

    static GanData load(CommonOptions c, GanOptions o, NDManager m, PrintStream log) {
        if (c.data != null && !Files.isRegularFile(c.data.resolve("train-images-idx3-ubyte.gz"))) {
            return folder(c, o, m);
        }
        FashionMnist.Split train = FashionMnist.load(c.data(), true);
        FashionMnist.Split test = FashionMnist.load(c.data(), false);
        ClassifierFeatures features = o.fdSamples > 0 ? classifier(c, m, log) : null;
        return new GanData("Fashion-MNIST", signed(train.subset(c.limit, c.seed), m),
                signed(test.subset(c.validLimit, c.seed), m), features, 1, FashionMnist.SIZE);
    }

    /**
     * The Fréchet distance's classifier, cached in the data cache: trained on all 60,000 training images whatever
     * {@code --limit} says, so every run (and every main of the lesson) measures with the same one.
     */
    static ClassifierFeatures classifier(CommonOptions c, NDManager m, PrintStream log) {
        return fashionClassifier("fashion-mnist-fd-classifier.bin", CLASSIFIER_WIDTHS, CLASSIFIER_EPOCHS, CLASSIFIER_LR,
                42, c, m, log);
    }

    /**
     * A Fashion-MNIST ResNet classifier of the given recipe, cached under {@code file} in the data cache; the 70,000
     * images are read only when it has to be trained.
     */
    static ClassifierFeatures fashionClassifier(String file, int[] widths, int epochs, double lr, int seed,
            CommonOptions c, NDManager m, PrintStream log) {
        Path cache = DataResolver.cacheRoot().resolve("models").resolve(file);
        return ClassifierFeatures.trainOrLoad(cache, () -> FashionMnist.loaders(m, FashionMnist.load(c.data(), true),
                        FashionMnist.load(c.data(), false), 128, FashionMnist.CLASSES),
                new Shape(1, 1, FashionMnist.SIZE, FashionMnist.SIZE), FashionMnist.CLASSES.size(), widths, epochs, lr,
                seed, FashionMnist.MEAN, FashionMnist.STD, m, log);
    }

    /** Pixels 0–255 → [-1, 1], the range of the generator's tanh. */
    private static NDArray signed(FashionMnist.Split s, NDManager m) {
        byte[] p = s.pixels();
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (p[i] & 0xff) / 127.5f - 1;
        }
        return m.create(f, new Shape(s.n(), 1, FashionMnist.SIZE, FashionMnist.SIZE));
    }

    /** Every image of a folder of class sub-folders (labels unused), resized to {@code --size}. */
    private static GanData folder(CommonOptions c, GanOptions o, NDManager m) {
        Path dir = c.data;
        if (!Files.isDirectory(dir)) {
            throw new DataNotFoundException("--data " + dir + " is not a folder; pass Fashion-MNIST's folder or a folder"
                    + " of class sub-folders of images");
        }
        if (o.size % 4 != 0) {
            throw new DataNotFoundException("--size " + o.size + " is not a multiple of 4 (the generator doubles side/4"
                    + " twice)");
        }
        ImageFolder.Split split = ImageFolder.read(dir, o.size, null, 0.1, c.seed);
        ImageFolder.Images a = split.train();
        ImageFolder.Images b = split.valid();
        float[] f = new float[a.pixels().length + b.pixels().length];
        System.arraycopy(a.pixels(), 0, f, 0, a.pixels().length);
        System.arraycopy(b.pixels(), 0, f, a.pixels().length, b.pixels().length);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i] * 2 - 1;
        }
        int n = a.n() + b.n();
        NDArray all = m.create(f, new Shape(n, a.channels(), o.size, o.size));
        if (c.limit != null && c.limit < n) {
            all = all.get("0:" + c.limit);
        }
        return new GanData(dir.getFileName().toString(), all, null, null, a.channels(), o.size);
    }
}
