package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.nd.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature loss (Johnson, Alahi &amp; Fei-Fei 2016's "perceptual loss"; the course: "I would call them feature
 * losses"): instead of comparing pixels, compare what a frozen pretrained network sees. For chosen layers l of a
 * {@link FeatureExtractor}, {@code Σ_l w_l · mean((φ_l(ŷ) − φ_l(y))²)}, plus, with {@code gramWeight > 0}, the style
 * terms {@code gramWeight · Σ_l w_l² · mean((G(φ_l(ŷ)) − G(φ_l(y)))²)} with {@link GramMatrix} (fastai's lesson-7
 * {@code FeatureLoss} squares the layer weights for the Gram terms the same way). The target's features carry no
 * gradient; the prediction's do. Labels and predictions are images {@code [N, 3, H, W]} in [0, 1].
 */
public final class FeatureLoss extends Loss {
    private final FeatureExtractor fx;
    private final int[] layers;
    private final double[] weights;
    private final double gramWeight;
    private double pixelWeight;

    /**
     * @param layers names among {@code fx.layers()}; an unknown name is a one-line error listing the known ones
     * @param weights one per layer
     */
    public FeatureLoss(FeatureExtractor fx, List<String> layers, double[] weights, double gramWeight) {
        super("feature_loss");
        if (layers.size() != weights.length || layers.isEmpty()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + weights.length + " weights");
        }
        this.fx = fx;
        this.layers = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            this.layers[i] = fx.layers().indexOf(layers.get(i));
            if (this.layers[i] < 0) {
                throw new UserInputException("unknown layer \"" + layers.get(i) + "\" for " + fx.name()
                        + ": it has " + String.join(", ", fx.layers()));
            }
        }
        this.weights = weights.clone();
        this.gramWeight = gramWeight;
    }

    /**
     * Adds {@code weight ×} the pixels' mean squared error, as fastai's lesson-7 {@code FeatureLoss} adds its
     * {@code base_loss} on the pixels: the features say what the image shows, the pixels keep its colours and place.
     */
    public FeatureLoss withPixels(double weight) {
        this.pixelWeight = weight;
        return this;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return between(predictions.head(), labels.head());
    }

    /** The loss of {@code predicted} against {@code target}; 0 for identical images. */
    public NDArray between(NDArray predicted, NDArray target) {
        NDList fp = fx.features(predicted);
        NDList ft = fx.features(target);
        List<NDArray> terms = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            NDArray p = fp.get(layers[i]);
            NDArray t = ft.get(layers[i]).stopGradient();
            terms.add(Scalars.mul(p.sub(t).square().mean(), weights[i]));
            if (gramWeight > 0) {
                terms.add(Scalars.mul(GramMatrix.of(p).sub(GramMatrix.of(t)).square().mean(), gramWeight
                        * weights[i] * weights[i]));
            }
        }
        if (pixelWeight > 0) {
            terms.add(Scalars.mul(predicted.sub(target).square().mean(), pixelWeight));
        }
        NDArray total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = total.add(terms.get(i));
        }
        return total;
    }
}
