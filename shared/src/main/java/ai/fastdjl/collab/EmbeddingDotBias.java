package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * Matrix factorisation with biases (fastai's {@code EmbeddingDotBias}): a rating is predicted as
 * {@code sigmoid_range(u·i + b_u + b_i)}, where {@code u} and {@code i} are learned factor vectors of the user and
 * the item and {@code b_u}, {@code b_i} learned biases (how generous the user is, how good the item is).
 *
 * <p>Input: {@code int64 [B, 2]} of (user index, item index), as {@link CollabData} makes; output {@code [B, 1]}.
 * Each lookup is PyTorch's {@code embedding}, whose backward scatters the batch's gradients into a dense gradient of
 * the whole table, as PyTorch's default {@code nn.Embedding} does, so AdamW and weight decay see every row each step
 * exactly as in fastai.
 */
public final class EmbeddingDotBias extends AbstractBlock {
    /** fastai's {@code Embedding} initialisation: {@code trunc_normal_(std=0.01)}. */
    public static final float INIT_STD = 0.01f;

    private final Parameter userFactors;
    private final Parameter itemFactors;
    private final Parameter userBias;
    private final Parameter itemBias;
    private final float[] yRange;

    /**
     * @param nUsers users including {@code #na#}
     * @param nItems items including {@code #na#}
     * @param nFactors length of each factor vector (fastai default: 50)
     * @param yRange {@code {low, high}} of the sigmoid range, or null for a plain dot product
     */
    public EmbeddingDotBias(int nUsers, int nItems, int nFactors, float[] yRange) {
        super((byte) 1);
        if (nFactors < 1 || nUsers < 1 || nItems < 1) {
            throw new IllegalArgumentException("need at least one user, item and factor");
        }
        this.yRange = yRange == null ? null : yRange.clone();
        userFactors = table("user_factors", nUsers, nFactors);
        itemFactors = table("item_factors", nItems, nFactors);
        userBias = table("user_bias", nUsers, 1);
        itemBias = table("item_bias", nItems, 1);
    }

    private Parameter table(String name, int rows, int cols) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, cols)).optInitializer(new TruncatedNormalInitializer(INIT_STD)).build());
    }

    /** A row lookup per index of {@code idx} ({@code [B]}): {@code [B, cols]}. */
    static NDArray lookup(NDArray idx, NDArray table) {
        return Embedding.embedding(idx, table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        NDArray x = inputs.singletonOrThrow();
        NDArray u = x.get(":, 0");
        NDArray i = x.get(":, 1");
        NDArray dot = lookup(u, ps.getValue(userFactors, x.getDevice(), training))
                .mul(lookup(i, ps.getValue(itemFactors, x.getDevice(), training)))
                .sum(new int[] {1}, true);
        NDArray res = dot.add(lookup(u, ps.getValue(userBias, x.getDevice(), training)))
                .add(lookup(i, ps.getValue(itemBias, x.getDevice(), training)));
        return new NDList(yRange == null ? res : SigmoidRange.apply(res, yRange[0], yRange[1]));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), 1)};
    }

    public Parameter userFactors() {
        return userFactors;
    }

    public Parameter itemFactors() {
        return itemFactors;
    }

    public Parameter userBias() {
        return userBias;
    }

    public Parameter itemBias() {
        return itemBias;
    }
}
