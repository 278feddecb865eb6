package ai.fastdjl.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * One embedding matrix per categorical variable (Guo &amp; Berkhahn 2016, "Entity Embeddings of Categorical
 * Variables"): input {@code [batch, nCat]} codes (int64), output {@code [batch, Σ widths]}, each row's vectors
 * side by side. Row {@code k} of matrix {@code j} is what the network learned about level {@code k} of variable
 * {@code j}; similar stores, days or cities end up with similar rows.
 *
 * <p>Weights start as fastai's {@code Embedding}: truncated normal, std 0.01, so every level starts near zero and
 * the first layer's BatchNorm sees small, even inputs.
 */
public final class EntityEmbeddings extends AbstractBlock {
    /** fastai's {@code Embedding}: {@code trunc_normal_(std=0.01)}. */
    public static final float INIT_STD = 0.01f;
    private final int[] cardinalities;
    private final int[] widths;
    private final Parameter[] weights;

    public EntityEmbeddings(int[] cardinalities, int[] widths) {
        super((byte) 1);
        if (cardinalities.length != widths.length) {
            throw new IllegalArgumentException(cardinalities.length + " categories but " + widths.length + " widths");
        }
        this.cardinalities = cardinalities.clone();
        this.widths = widths.clone();
        weights = new Parameter[cardinalities.length];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = addParameter(Parameter.builder().setName("emb" + j).setType(Parameter.Type.WEIGHT)
                    .optInitializer(new TruncatedNormalInitializer(INIT_STD)).build());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray codes = inputs.head();
        NDList parts = new NDList(weights.length);
        for (int j = 0; j < weights.length; j++) {
            NDArray w = ps.getValue(weights[j], codes.getDevice(), training);
            parts.add(Embedding.embedding(codes.get(new NDIndex(":, {}", j)), w, SparseFormat.DENSE).head());
        }
        return new NDList(parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), totalWidth())};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        for (int j = 0; j < weights.length; j++) {
            weights[j].setShape(new Shape(cardinalities[j], widths[j]));
        }
    }

    public int totalWidth() {
        int w = 0;
        for (int x : widths) {
            w += x;
        }
        return w;
    }

    public int[] widths() {
        return widths.clone();
    }

    public int[] cardinalities() {
        return cardinalities.clone();
    }

    /** A copy of variable {@code j}'s embedding matrix, {@code [level][dimension]}. */
    public float[][] weights(int j) {
        NDArray w = weights[j].getArray();
        float[] flat = w.toFloatArray();
        float[][] out = new float[cardinalities[j]][widths[j]];
        for (int k = 0; k < out.length; k++) {
            System.arraycopy(flat, k * widths[j], out[k], 0, widths[j]);
        }
        return out;
    }
}
