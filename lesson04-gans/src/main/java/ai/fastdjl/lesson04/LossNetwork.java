package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.gan.ClassifierFeatures;
import ai.fastdjl.style.FeatureExtractor;
import ai.fastdjl.style.FeatureExtractors;
import ai.fastdjl.style.FeatureLoss;
import java.io.PrintStream;
import java.util.List;

/**
 * The network a feature loss on Fashion-MNIST compares activations of: a small ResNet classifier (lesson 1's blocks)
 * trained on the 60,000 training images and cached, with a recipe of its own (widths, epochs, seed) so that it is not
 * the classifier that scores the results ({@link GanData#classifier}): a loss and its judge must differ, or the
 * judge rewards whatever the loss optimised.
 */
public final class LossNetwork {
    static final int[] WIDTHS = {8, 16, 32};
    static final int EPOCHS = 1;
    static final double LR = 1e-2;
    static final int SEED = 7;

    private LossNetwork() {}

    /** The trained body, tapped after each residual stage ({@code stage0}: full resolution, then 1/2, 1/4). */
    public static FeatureExtractor extractor(CommonOptions c, NDManager m, PrintStream log) {
        ClassifierFeatures net = GanData.fashionClassifier("fashion-mnist-loss-classifier.bin", WIDTHS, EPOCHS, LR,
                SEED, c, m, log);
        int[] stages = java.util.stream.IntStream.range(0, WIDTHS.length).toArray();
        return FeatureExtractors.stages("Fashion-MNIST " + net.recipe(), net.body(), stages,
                new float[] {FashionMnist.MEAN}, new float[] {FashionMnist.STD}, m);
    }

    /**
     * A feature loss on {@code layers} plus pixel MSE, every term weighted by the inverse of its value for
     * {@code inputs} against {@code targets} (the nearest-neighbour baseline), so that each starts at 1 and no layer's
     * scale decides alone.
     */
    public static FeatureLoss balanced(FeatureExtractor fx, List<String> layers, NDArray inputs, NDArray targets) {
        double[] weights = new double[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            // one layer at a time with weight 1 gives that layer's term alone
            double[] only = new double[layers.size()];
            only[i] = 1;
            weights[i] = 1 / value(new FeatureLoss(fx, layers, only, 0), inputs, targets);
        }
        double pixels = inputs.sub(targets).square().mean().getFloat();
        return new FeatureLoss(fx, layers, weights, 0).withPixels(1 / pixels);
    }

    private static double value(FeatureLoss loss, NDArray inputs, NDArray targets) {
        return loss.evaluate(new NDList(targets), new NDList(inputs)).getFloat();
    }
}
