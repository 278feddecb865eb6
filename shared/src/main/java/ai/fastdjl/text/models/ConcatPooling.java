package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Concat pooling (ULMFiT, Howard &amp; Ruder 2018; fastai's {@code masked_concat_pool}): a text's representation is
 * the encoder's output at its last token, the maximum over its tokens and the mean over its tokens, side by side.
 * The last state alone forgets the start of a long review; max and mean keep what stood out anywhere. Padding is
 * masked out of all three.
 */
public final class ConcatPooling {
    /** LSTM outputs are {@code o · tanh(c)}, inside (-1, 1): pushing padding down by 4 keeps it below every real value. */
    private static final float MAX_OFFSET = 4f;

    private ConcatPooling() {}

    /**
     * @param out encoder outputs {@code [batch, time, features]} of texts padded at the end
     * @param tokens the token indices {@code [batch, time]}
     * @param pad the padding index
     * @return {@code [batch, 3 · features]}: last, max, mean
     */
    public static NDArray pool(NDArray out, NDArray tokens, int pad) {
        long time = out.getShape().get(1);
        NDArray mask = tokens.neq(pad).toType(DataType.FLOAT32, false); // [b, t]
        NDArray lens = mask.sum(new int[] {1}); // [b]
        NDArray m3 = mask.expandDims(2);
        NDArray mean = out.mul(m3).sum(new int[] {1}).div(lens.expandDims(1));
        NDArray max = m3.sub(1f).mul(MAX_OFFSET).add(out).max(new int[] {1});
        // one-hot of the last real position, lens - 1, by comparing with 0..time-1 (broadcast)
        NDArray positions = tokens.getManager().arange(0f, (float) time).expandDims(0);
        NDArray lastHot = positions.eq(lens.sub(1f).expandDims(1)).toType(DataType.FLOAT32, false);
        NDArray last = out.mul(lastHot.expandDims(2)).sum(new int[] {1});
        return NDArrays.concat(new NDList(last, max, mean), 1);
    }
}
