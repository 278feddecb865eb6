package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.fastdjl.nd.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * Gatys et al.'s objective for an image {@code x}: {@code α·content + β·style + γ·tv} where
 * <ul>
 *   <li>content = mean squared difference between {@code x}'s and the content image's activations at one layer;</li>
 *   <li>style = mean squared difference between {@code x}'s and the style image's {@link GramMatrix Gram matrices},
 *   averaged over the style layers;</li>
 *   <li>tv = total variation, the mean squared difference of neighbouring pixels (optional smoothness, Mahendran &amp;
 *   Vedaldi 2015; Johnson et al. 2016).</li>
 * </ul>
 * Each term is divided by the mean square of its target (relative errors: 1 means "as far as zero activations"), so
 * layers of different scales weigh alike and the weights carry over between feature extractors; Gatys et al. weighed
 * raw sums instead, with weights tuned to VGG-19. The targets are computed once, without gradients, and kept in the
 * given manager.
 */
public final class StyleLoss {
    private final FeatureExtractor fx;
    private final int contentLayer;
    private final List<Integer> styleLayers;
    private final NDArray contentTarget;
    private final List<NDArray> styleTargets = new ArrayList<>();
    private final float contentScale;
    private final List<Float> styleScales = new ArrayList<>();
    private final double contentWeight;
    private final double styleWeight;
    private final double tvWeight;

    /** The three terms, unweighted, and the weighted total (an array, to differentiate). */
    public record Terms(NDArray total, double content, double style, double tv) {}

    /**
     * @param content the content image {@code [1, 3, H, W]} in [0, 1]
     * @param style the style image, same layout (any size)
     * @param contentLayer index into the extractor's layers
     * @param styleLayers indices into the extractor's layers
     */
    public StyleLoss(FeatureExtractor fx, NDArray content, NDArray style, int contentLayer, List<Integer> styleLayers,
            double contentWeight, double styleWeight, double tvWeight, NDManager manager) {
        int n = fx.layers().size();
        if (contentLayer < 0 || contentLayer >= n) {
            throw new IllegalArgumentException("content layer " + contentLayer + " is not one of the " + n
                    + " layers " + fx.layers());
        }
        for (int l : styleLayers) {
            if (l < 0 || l >= n) {
                throw new IllegalArgumentException("style layer " + l + " is not one of the " + n + " layers "
                        + fx.layers());
            }
        }
        this.fx = fx;
        this.contentLayer = contentLayer;
        this.styleLayers = List.copyOf(styleLayers);
        this.contentWeight = contentWeight;
        this.styleWeight = styleWeight;
        this.tvWeight = tvWeight;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray c = content.duplicate();
            c.attach(scratch);
            NDArray target = fx.features(c).get(contentLayer).stopGradient();
            target.attach(manager);
            this.contentTarget = target;
            this.contentScale = Math.max(target.square().mean().getFloat(), 1e-12f);
            NDArray s = style.duplicate();
            s.attach(scratch);
            NDList maps = fx.features(s);
            for (int l : styleLayers) {
                NDArray g = GramMatrix.of(maps.get(l)).stopGradient();
                g.attach(manager);
                styleTargets.add(g);
                styleScales.add(Math.max(g.square().mean().getFloat(), 1e-12f));
            }
        }
    }

    /** The objective at {@code image}; intermediate arrays live in the image's manager. */
    public Terms evaluate(NDArray image) {
        NDList maps = fx.features(image);
        NDArray content = Scalars.div(maps.get(contentLayer).sub(contentTarget).square().mean(), contentScale);
        return withStyle(maps, content, image);
    }

    /** The style and total-variation terms of {@code images} (whose features are {@code maps}), and the total. */
    private Terms withStyle(NDList maps, NDArray content, NDArray images) {
        NDArray style = null;
        for (int i = 0; i < styleLayers.size(); i++) {
            NDArray term = Scalars.div(GramMatrix.of(maps.get(styleLayers.get(i))).sub(styleTargets.get(i)).square()
                    .mean(), styleScales.get(i));
            style = style == null ? term : style.add(term);
        }
        style = Scalars.div(style, styleLayers.size());
        NDArray tv = totalVariation(images);
        NDArray total = Scalars.mul(content, contentWeight).add(Scalars.mul(style, styleWeight))
                .add(Scalars.mul(tv, tvWeight));
        return new Terms(total, content.getFloat(), style.getFloat(), tv.getFloat());
    }

    /**
     * The objective for a batch of outputs {@code images} of a feed-forward network against their own inputs
     * {@code contents} (fast style transfer, Johnson et al. 2016): the content target is each input's features,
     * without gradient, and its scale the batch's mean square; the style targets and weights are this loss's.
     */
    public Terms evaluate(NDArray images, NDArray contents) {
        NDList maps = fx.features(images);
        NDArray target = fx.features(contents).get(contentLayer).stopGradient();
        float scale = Math.max(target.square().mean().getFloat(), 1e-12f);
        NDArray content = Scalars.div(maps.get(contentLayer).sub(target).square().mean(), scale);
        return withStyle(maps, content, images);
    }

    /**
     * This objective as a training loss for a feed-forward network whose labels are its own inputs (the total of
     * {@link #evaluate(NDArray, NDArray)}).
     */
    public Loss asTrainingLoss() {
        return new Loss("perceptual") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                return StyleLoss.this.evaluate(predictions.head(), labels.head()).total();
            }
        };
    }

    /** Mean squared difference between vertically and between horizontally neighbouring pixels, summed. */
    public static NDArray totalVariation(NDArray x) {
        NDArray dy = x.get(":, :, 1:, :").sub(x.get(":, :, :-1, :"));
        NDArray dx = x.get(":, :, :, 1:").sub(x.get(":, :, :, :-1"));
        return dy.square().mean().add(dx.square().mean());
    }

    public List<Integer> styleLayers() {
        return styleLayers;
    }

    public int contentLayer() {
        return contentLayer;
    }
}
