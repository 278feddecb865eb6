package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.learner.Weights;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.models.ResNet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The features a Fréchet distance compares: the penultimate layer (global average pool of the last residual stage)
 * of a small ResNet classifier trained on the real data, in place of the FID's ImageNet Inception-v3 (which is not
 * reachable offline and knows nothing of 28×28 clothes). Trained once with one-cycle and cached, so every later run
 * measures with the same network.
 */
public final class ClassifierFeatures implements GanMonitor.Features {
    private static final String MAGIC = "fastdjl-classifier-features-v1";
    private final SequentialBlock model;
    private final Block body;
    private final ParameterStore ps;
    private final float mean;
    private final float std;
    private final double accuracy;
    private final String recipe;

    private ClassifierFeatures(SequentialBlock model, NDManager manager, float mean, float std, double accuracy,
            String recipe) {
        this.model = model;
        this.body = model.getChildren().get(0).getValue();
        this.ps = new ParameterStore(manager, false);
        this.mean = mean;
        this.std = std;
        this.accuracy = accuracy;
        this.recipe = recipe;
    }

    /**
     * The classifier cached in {@code file} if it was trained with the same recipe, else one trained now (and cached).
     *
     * @param data loaders of normalised images and class labels; its validation set gives the reported accuracy
     * @param mean pixel mean of the normalisation the loaders use (on [0, 1])
     * @param std pixel standard deviation of that normalisation
     */
    public static ClassifierFeatures trainOrLoad(Path file, Supplier<DataLoaders> data, Shape image, int classes,
            int[] widths, int epochs, double lr, int seed, float mean, float std, NDManager manager, PrintStream log) {
        String recipe = String.format(Locale.ROOT, "ResNet%s on %s, %d classes, fit_one_cycle(%d, %.0e), seed %d",
                Arrays.toString(widths), image, classes, epochs, lr, seed);
        ClassifierFeatures cached = load(file, recipe, image, classes, widths, mean, std, manager, log);
        if (cached != null) {
            return cached;
        }
        log.println("training the feature classifier (" + recipe + "), cached in " + file);
        try (Learner learn = Learner.builder(data.get(), ResNet.build((int) image.get(1), classes, widths))
                .name("feature-classifier").metrics(Metrics.accuracy()).seed(seed).progress(Progress.EPOCHS).inputShapes(image)
                .build()) {
            learn.fitOneCycle(epochs, lr);
            save(file, recipe, learn.recorder().last().metrics().get("accuracy"), learn.block());
        }
        return load(file, recipe, image, classes, widths, mean, std, manager, log);
    }

    /** The cached classifier, or null when the file is missing, unreadable or from another recipe. */
    private static ClassifierFeatures load(Path file, String recipe, Shape image, int classes, int[] widths, float mean,
            float std, NDManager manager, PrintStream log) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(recipe)) {
                log.println(file + " holds a classifier of another recipe: training a new one");
                return null;
            }
            double acc = in.readDouble();
            SequentialBlock model = ResNet.build((int) image.get(1), classes, widths);
            model.initialize(manager, DataType.FLOAT32, image);
            Weights.load(model, in, manager);
            return new ClassifierFeatures(model, manager, mean, std, acc, recipe);
        } catch (IOException e) {
            log.println(file + " is unreadable (" + e.getMessage() + "): training a new classifier");
            return null;
        }
    }

    private static void save(Path file, String recipe, double accuracy, Block block) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeUTF(recipe);
                out.writeDouble(accuracy);
                Weights.save(block, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the feature classifier in " + file, e);
        }
    }

    /** Images in [-1, 1] → the classifier's normalisation → body → global average pool: {@code [N, widths[-1]]}. */
    @Override
    public NDArray apply(NDArray images) {
        NDArray x = images.add(1).div(2).sub(mean).div(std);
        NDArray maps = body.forward(ps, new NDList(x), false).head();
        long[] s = maps.getShape().getShape();
        return maps.reshape(s[0], s[1], s[2] * s[3]).mean(new int[] {2}); // PyTorch's DJL means over one axis at a time
    }

    /** The classes the whole classifier predicts for images in [-1, 1]: {@code int64 [N]}. */
    public NDArray predict(NDArray images) {
        NDArray x = images.add(1).div(2).sub(mean).div(std);
        return model.forward(ps, new NDList(x), false).head().argMax(1);
    }

    /** The convolutional body (its residual stages in order), e.g. to tap as a feature extractor. */
    public SequentialBlock body() {
        return (SequentialBlock) body;
    }

    /** Mean and standard deviation of the normalisation the classifier was trained with (on [0, 1]). */
    public float[] normalisation() {
        return new float[] {mean, std};
    }

    /** The classifier's accuracy on its data's validation set, measured when it was trained. */
    public double accuracy() {
        return accuracy;
    }

    /** How it was trained, e.g. {@code ResNet[8, 16, 32, 64] on (1, 1, 28, 28), 10 classes, fit_one_cycle(2, 1e-02)}. */
    public String recipe() {
        return recipe;
    }
}
