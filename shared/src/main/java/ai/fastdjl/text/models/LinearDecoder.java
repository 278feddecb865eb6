package ai.fastdjl.text.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A language model's output layer with tied weights (Press &amp; Wolf 2017, Inan et al. 2017; fastai's
 * {@code LinearDecoder}): the logits of the next token are {@code dropout(h) · Eᵀ + b}, where {@code E} is the
 * encoder's embedding matrix itself. Input and output words share one representation, which halves the parameters
 * of a small model and lets rare words learn from both ends. Only the bias is this block's own parameter.
 *
 * <p>Input {@code [batch, time, emb]}, output {@code [batch · time, vocab]} (flattened, like the loader's labels).
 */
public final class LinearDecoder extends AbstractBlock {
    private final Parameter tied;
    private final Parameter bias;
    private final float outputP;

    public LinearDecoder(Parameter tiedEmbedding, int vocabSize, float outputP) {
        this.tied = tiedEmbedding;
        this.outputP = outputP;
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(vocabSize)).build());
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = RnnDropout.apply(inputs.head(), outputP, training);
        Device d = h.getDevice();
        Shape s = h.getShape();
        // Linear.linear computes x·Wᵀ + b in x's manager (the batch's); W is [vocab, emb] as the embedding is
        return Linear.linear(h.reshape(s.get(0) * s.get(1), s.get(2)), ps.getValue(tied, d, training),
                ps.getValue(bias, d, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0) * s.get(1), bias.getShape().get(0))};
    }
}
