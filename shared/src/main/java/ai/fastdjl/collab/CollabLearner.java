package ai.fastdjl.collab;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.OptimizerFactory;

/**
 * fastai's {@code collab_learner}: a {@link Learner} for a collaborative-filtering model with mean squared error as
 * the loss, RMSE as the metric and Adam with weight decay.
 *
 * <p>Weight decay comes in two kinds, which differ under Adam:
 * <ul>
 *   <li>{@link WeightDecay#DECOUPLED} (fastai's default, AdamW): each step first shrinks every weight,
 *       {@code w ← w · (1 - lr·wd)}, outside the gradient, so Adam's per-weight scaling does not touch it;</li>
 *   <li>{@link WeightDecay#L2}: {@code wd·w} is added to the gradient (fastai's {@code l2_reg}), which is the
 *       gradient of {@code (wd/2)·Σw²} added to the loss. fastbook writes the penalty as {@code wd·Σw²}, whose
 *       gradient is {@code 2·wd·w}, and then drops the 2 ("we can just make wd twice as big"); so fastbook's
 *       {@code wd} is this one's half. Adam then divides the term by the gradient's running RMS, so
 *       rarely-rated items, whose gradients are small, are shrunk far harder than popular ones.</li>
 * </ul>
 * As in fastai ({@code wd_bn_bias=False}, applied by every {@link ai.fastdjl.optim.GroupedOptimizer}), BatchNorm's
 * scale and shift and the biases of linear layers are not decayed. Embedding tables are, the user and item bias
 * tables of {@link EmbeddingDotBias} included: fastai builds those as {@code Embedding}s, whose table is a weight.
 */
public final class CollabLearner {
    /** The lesson's settings (fastbook ch. 8: {@code fit_one_cycle(5, 5e-3, wd=0.1)}, 50 factors, y 0 … 5.5). */
    public static final double LR = 5e-3;
    public static final double WD = 0.1;
    public static final int FACTORS = 50;
    /** fastai's default batch size. */
    public static final int BS = 64;

    /** Where weight decay goes; see the class comment. */
    public enum WeightDecay { DECOUPLED, L2 }

    private CollabLearner() {}

    /** The learner's builder; add seed, run folder and progress settings, then build. */
    public static LearnerBuilder builder(DataLoaders dls, Block model, double wd, WeightDecay kind) {
        return Learner.builder(dls, model)
                .name(model.getClass().getSimpleName())
                .loss(new MseLoss()) // fastai's MSELossFlat
                .metrics(Metrics.rmse())
                .opt(optimizer(wd, kind))
                .inputShapes(new Shape(1, 2));
    }

    /**
     * AdamW as PyTorch's own step on every parameter in one call ({@link Adam.Kernel#TORCHSCRIPT_ALL}): a collab
     * model's step is mostly its 9,725-row film table, and this step made lesson 2's model 1.10-1.40x faster than
     * DJL's kernel, with the same losses (tests/bench/RESULTS.md); classic L2 decay keeps DJL's kernel.
     */
    static OptimizerFactory optimizer(double wd, WeightDecay kind) {
        return groups -> {
            Adam adam = kind == WeightDecay.DECOUPLED ? new Adam(groups, true, Adam.Kernel.TORCHSCRIPT_ALL)
                    : new Adam(groups, false);
            adam.setHyper(Hyper.WD, wd);
            return adam;
        };
    }

    public static EmbeddingDotBias dotBias(CollabData d, int nFactors, float[] yRange) {
        return new EmbeddingDotBias(d.users().size(), d.items().size(), nFactors, yRange);
    }

    /** {@link EmbeddingNN} as fastai builds it by default: its embedding sizes ({@link EmbeddingNN#embSizeRule}). */
    public static EmbeddingNN nn(CollabData d, int[] layers, float dropout, float[] yRange) {
        return nn(d, null, layers, 0f, dropout, yRange);
    }

    /**
     * {@link EmbeddingNN} with the given {@code {user, item}} embedding sizes (fastai's {@code collab_learner(...,
     * emb_szs=...)}), or fastai's rule where {@code embSizes} is null, and dropout on the embeddings (fastai's
     * {@code embed_p}) and after each hidden layer ({@code ps}).
     */
    public static EmbeddingNN nn(CollabData d, int[] embSizes, int[] layers, float embedDropout, float dropout,
            float[] yRange) {
        int nu = d.users().size();
        int ni = d.items().size();
        int[] sz = embSizes != null ? embSizes : new int[] {EmbeddingNN.embSizeRule(nu), EmbeddingNN.embSizeRule(ni)};
        return new EmbeddingNN(nu, ni, sz[0], sz[1], layers, embedDropout, dropout, yRange);
    }
}
