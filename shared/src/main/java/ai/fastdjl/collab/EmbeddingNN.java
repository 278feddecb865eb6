package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.models.Init;

/**
 * Collaborative filtering as a small neural net (fastai's {@code EmbeddingNN}, i.e. {@code collab_learner(...,
 * use_nn=True)}): the user's and the item's embeddings, which may differ in size, are concatenated and fed through
 * {@code [Linear → ReLU → BatchNorm → Dropout]} per hidden layer (fastai's {@code LinBnDrop(lin_first=True)}, the
 * Linear without bias since BatchNorm follows), then {@code Linear → sigmoid_range}. Unlike the dot product it can
 * learn any interaction of the two, and it takes other columns easily; the course finds it no better on MovieLens.
 *
 * <p>Input: {@code int64 [B, 2]} of (user index, item index); output {@code [B, 1]}.
 */
public final class EmbeddingNN extends AbstractBlock {
    private final Parameter userEmb;
    private final Parameter itemEmb;
    private final SequentialBlock head;
    private final Dropout embDrop;
    private final int inFeatures;

    /**
     * @param layers hidden sizes (fastbook's collab example: 100, 50)
     * @param embedDropout dropout on the concatenated embeddings before the first layer (fastai's {@code embed_p},
     *     default 0)
     * @param dropout dropout after each hidden layer (fastai's {@code ps}, default 0)
     * @param yRange {@code {low, high}} of the sigmoid range, or null
     */
    public EmbeddingNN(int nUsers, int nItems, int userSize, int itemSize, int[] layers, float embedDropout,
            float dropout, float[] yRange) {
        super((byte) 1);
        userEmb = addParameter(Parameter.builder().setName("user_emb").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(nUsers, userSize))
                .optInitializer(new TruncatedNormalInitializer(EmbeddingDotBias.INIT_STD)).build());
        itemEmb = addParameter(Parameter.builder().setName("item_emb").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(nItems, itemSize))
                .optInitializer(new TruncatedNormalInitializer(EmbeddingDotBias.INIT_STD)).build());
        inFeatures = userSize + itemSize;
        embDrop = embedDropout > 0 ? addChildBlock("emb_drop", Dropout.builder().optRate(embedDropout).build()) : null;
        SequentialBlock seq = new SequentialBlock();
        for (int h : layers) {
            seq.add(Linear.builder().setUnits(h).optBias(false).build())
                    .add(Activation.reluBlock())
                    .add(BatchNorm.builder().build());
            if (dropout > 0) {
                seq.add(Dropout.builder().optRate(dropout).build());
            }
        }
        seq.add(Linear.builder().setUnits(1).build());
        if (yRange != null) {
            seq.add(SigmoidRange.block(yRange[0], yRange[1]));
        }
        // PyTorch's nn.Linear initialisation, which fastai's tabular/collab heads keep
        seq.setInitializer(Init.pytorchDefault(), Parameter.Type.WEIGHT);
        head = addChildBlock("head", seq);
    }

    /** fastai's {@code emb_sz_rule}: {@code min(600, round(1.6 · n^0.56))} for {@code n} categories. */
    public static int embSizeRule(int n) {
        return (int) Math.min(600, Math.round(1.6 * Math.pow(n, 0.56)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        NDArray x = inputs.singletonOrThrow();
        NDArray u = EmbeddingDotBias.lookup(x.get(":, 0"), ps.getValue(userEmb, x.getDevice(), training));
        NDArray i = EmbeddingDotBias.lookup(x.get(":, 1"), ps.getValue(itemEmb, x.getDevice(), training));
        NDList emb = new NDList(NDArrays.concat(new NDList(u, i), 1));
        if (embDrop != null) {
            emb = embDrop.forward(ps, emb, training, p);
        }
        return head.forward(ps, emb, training, p);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape emb = new Shape(inputShapes[0].get(0), inFeatures);
        if (embDrop != null) {
            embDrop.initialize(manager, dataType, emb);
        }
        head.initialize(manager, dataType, emb);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), 1)};
    }

    public Parameter itemEmbedding() {
        return itemEmb;
    }
}
