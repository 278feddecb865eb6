package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.gan.ClassifierFeatures;
import ai.fastdjl.gan.FrechetDistance;
import ai.fastdjl.gan.GanMonitor;
import ai.fastdjl.metric.ImageQuality;

/**
 * How good upscaled Fashion-MNIST test images are, four ways: PSNR and SSIM against the originals (pixel fidelity),
 * the Fréchet distance of their classifier features to the originals' (do they look like real clothes as a whole),
 * and the classifier's accuracy on them (the task-based measure: can one still tell what they are). The classifier is
 * the lesson's Fréchet-distance network ({@link GanData#classifier}), never the one a feature loss trains against.
 */
public final class UpscaleScores {
    /** One set of images' scores. */
    public record Scores(String model, double psnr, double ssim, double fd, double accuracy) {}

    private static final int CHUNK = 500;
    private final ClassifierFeatures classifier;
    private final NDArray originals;
    private final NDArray labels;
    private final FrechetDistance.Gaussian real;

    /** @param originals the test images {@code [N, 1, 28, 28]} on [0, 1], with their class {@code labels} */
    public UpscaleScores(ClassifierFeatures classifier, NDArray originals, NDArray labels) {
        this.classifier = classifier;
        this.originals = originals;
        this.labels = labels;
        this.real = GanMonitor.stats(classifier, LowResFashion.signed(originals));
    }

    /** Scores against {@code test}'s originals with the lesson's Fréchet-distance classifier (trained on first use). */
    public static UpscaleScores fashion(CommonOptions c, LowResFashion test, NDManager m) {
        return new UpscaleScores(GanData.classifier(c, m, System.out), test.high(), test.labels());
    }

    /** The scores of {@code images}, upscaled versions of the originals in the same order, on [0, 1] (clipped). */
    public Scores of(String model, NDArray images) {
        NDArray x = images.clip(0, 1);
        double[] q = ImageQuality.meanPsnrSsim(x, originals, 1);
        double fd = FrechetDistance.distance(real, GanMonitor.stats(classifier, LowResFashion.signed(x)));
        return new Scores(model, q[0], q[1], fd, accuracy(x));
    }

    /** The classifier's accuracy on the originals: what no upscaling can beat. */
    public double originalAccuracy() {
        return accuracy(originals);
    }

    double classifierAccuracy() {
        return classifier.accuracy();
    }

    String classifierRecipe() {
        return classifier.recipe();
    }

    private double accuracy(NDArray images) {
        long n = images.getShape().get(0);
        long right = 0;
        for (long i = 0; i < n; i += CHUNK) {
            try (NDManager scratch = images.getManager().newSubManager()) {
                NDArray chunk = images.get("{}:{}", i, Math.min(n, i + CHUNK));
                chunk.attach(scratch);
                NDArray y = labels.get("{}:{}", i, Math.min(n, i + CHUNK));
                y.attach(scratch);
                right += classifier.predict(LowResFashion.signed(chunk)).eq(y).sum().getLong();
            }
        }
        return (double) right / n;
    }
}
