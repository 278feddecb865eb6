package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy of a sequence of predictions, averaged over the target tokens that are not padding (fastai's
 * {@code seq2seq_loss}): logits {@code [batch, steps, vocab]}, targets {@code [batch, tgt]} padded with
 * {@code pad} on the right. A decoder may stop before the target's width (it runs as many steps as its batch's
 * longest target): the targets are cut to its steps, and only padding may be cut. If it runs longer, the extra
 * steps have no target and are not scored.
 */
public final class SequenceCrossEntropy extends Loss {
    private final int pad;

    public SequenceCrossEntropy(int pad) {
        super("seq_cross_entropy");
        this.pad = pad;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray target = labels.head();
        long steps = Math.min(logits.getShape().get(1), target.getShape().get(1));
        logits = logits.get(":, :{}", steps);
        target = target.get(":, :{}", steps).toType(DataType.INT64, false);
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.get(new NDIndex().addAllDim(2).addPickDim(target.expandDims(2))).squeeze(2);
        NDArray mask = target.neq(pad).toType(DataType.FLOAT32, false);
        return picked.mul(mask).sum().neg().div(mask.sum().maximum(1));
    }
}
