package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy from logits that takes either class indices (shape {@code [N]}) or a probability distribution per
 * sample (shape {@code [N, C]}): {@code -Σ_c y_c · log softmax(x)_c}, averaged over the batch. Soft targets are what
 * mixup produces; with class indices this is the usual cross-entropy.
 */
public class SoftTargetCrossEntropy extends Loss {

    public SoftTargetCrossEntropy() {
        this("cross_entropy");
    }

    protected SoftTargetCrossEntropy(String name) {
        super(name);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perSample(labels.head(), predictions.head()).mean();
    }

    /** The loss of each sample, shape {@code [N]} (interpretation ranks samples by it). */
    public NDArray perSample(NDArray target, NDArray logits) {
        NDArray logp = logits.logSoftmax(-1);
        return crossEntropy(target, logp);
    }

    /** {@code -Σ y·logp} for soft targets, {@code -logp[y]} for class indices. */
    protected static NDArray crossEntropy(NDArray target, NDArray logp) {
        if (target.getShape().dimension() == logp.getShape().dimension()) {
            return logp.mul(target).sum(new int[] {-1}).neg();
        }
        NDArray idx = target.getDataType() == DataType.INT64 ? target : target.toType(DataType.INT64, false);
        return logp.get(new NDIndex().addAllDim().addPickDim(idx.reshape(-1, 1))).reshape(-1).neg();
    }
}
