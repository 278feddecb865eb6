package ai.fastdjl.seq;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.nd.BatchScope;

/**
 * Additive attention (Bahdanau, Cho &amp; Bengio 2015; the course's translation notebook, {@code Seq2SeqRNN_attn}):
 * the decoder's hidden state {@code h} asks every encoder output {@code e_s} how well it fits,
 * {@code u_s = v · tanh(W_e e_s + W_h h)}; the weights are {@code softmax(u)} over the source positions that are not
 * padding, and the context is their weighted sum of the encoder outputs. The weights are trained jointly with the
 * rest, and since they sum to 1 over the source they can be drawn: which phonemes a letter was read from.
 *
 * <p>{@link #forward} takes {@code (encoder outputs [batch, src, enc], mask [batch, src] (1 = token, 0 = padding),
 * h [batch, hidden])} and returns {@code (context [batch, enc], weights [batch, src])}; a decoder that attends at
 * every step computes {@link #keys} once and calls {@link #attend}.
 */
public final class BahdanauAttention extends AbstractBlock {
    /** Added to the scores of padding: exp(-1e9) is 0 in float32, so padding gets no weight. */
    private static final float MASKED = -1e9f;

    private final Parameter wEnc;
    private final Parameter wDec;
    private final Parameter v;

    /** {@code encSize}: width of the encoder outputs; {@code hidden}: of the decoder state; {@code dim}: of u. */
    public BahdanauAttention(int encSize, int hidden, int dim) {
        wEnc = addParameter(weight("w_enc", new Shape(dim, encSize)));
        wDec = addParameter(weight("w_dec", new Shape(dim, hidden)));
        v = addParameter(weight("v", new Shape(dim, 1)));
    }

    private static Parameter weight(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new XavierInitializer()).build();
    }

    /** {@code W_e e_s} for every source position, {@code [batch, src, dim]}: the half that does not change. */
    public NDArray keys(ParameterStore ps, NDArray encOut, boolean training) {
        // the transpose belongs to the batch, not to the model's manager (BatchScope)
        return encOut.matMul(BatchScope.attach(encOut, ps.getValue(wEnc, encOut.getDevice(), training).transpose()));
    }

    /** Scores to add before the softmax: 0 at tokens, {@link #MASKED} at padding; {@code mask} is 1/0. */
    public static NDArray maskBias(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false).sub(1).mul(-MASKED);
    }

    /** {@code (context [batch, enc], weights [batch, src])} for decoder state {@code h [batch, hidden]}. */
    public NDList attend(ParameterStore ps, NDArray keys, NDArray encOut, NDArray maskBias, NDArray h,
            boolean training) {
        Device d = h.getDevice();
        NDArray wDecT = BatchScope.attach(h, ps.getValue(wDec, d, training).transpose());
        NDArray q = h.matMul(wDecT).expandDims(1); // [batch, 1, dim]
        NDArray scores = keys.add(q).tanh().matMul(ps.getValue(v, d, training)).squeeze(2).add(maskBias);
        NDArray weights = scores.softmax(1);
        NDArray context = weights.expandDims(1).batchMatMul(encOut).squeeze(1);
        return new NDList(context, weights);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray encOut = inputs.get(0);
        return attend(ps, keys(ps, encOut, training), encOut, maskBias(inputs.get(1)), inputs.get(2), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape e = inputs[0];
        return new Shape[] {new Shape(e.get(0), e.get(2)), new Shape(e.get(0), e.get(1))};
    }
}
