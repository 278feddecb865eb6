package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy with the classes on axis 1 of the logits and class indices as the label, for images ({@code [N, C]}
 * against {@code [N]}) or for every pixel ({@code [N, C, H, W]} against {@code [N, H, W]}: segmentation), with
 * optional per-class weights: PyTorch's {@code CrossEntropyLoss(weight=w)}, the weighted mean
 * {@code Σ w[y]·(−log p[y]) / Σ w[y]}. Weights are the course's other answer to a rare class besides copying its
 * samples ("just make copies of the rare class"): an error on a class of weight 10 costs as much as 10 errors on a
 * class of weight 1.
 */
public final class WeightedCrossEntropy extends Loss {
    private final float[] weights;

    /** Unweighted: every class 1. */
    public WeightedCrossEntropy() {
        this(null);
    }

    /** @param weights one per class, or null for all 1 */
    public WeightedCrossEntropy(float[] weights) {
        super("cross_entropy");
        this.weights = weights == null ? null : weights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray y = labels.head().toType(DataType.INT64, false);
        long classes = logits.getShape().get(1);
        // one-hot by comparing each label with 0 … C−1 along a new axis 1 (DJL's PyTorch oneHot(depth, on, off) is
        // unimplemented and the plain oneHot puts the classes last)
        long[] dims = new long[logits.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[1] = classes;
        Shape at = new Shape(dims); // [1, C, 1, …]: broadcasts over the batch and the pixels
        NDArray oneHot = y.expandDims(1).eq(logits.getManager().arange(0, (int) classes).reshape(at))
                .toType(logits.getDataType(), false);
        NDArray nll = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg(); // [N, …]
        if (weights == null) {
            return nll.mean();
        }
        NDArray w = oneHot.mul(logits.getManager().create(weights).reshape(at)).sum(new int[] {1});
        return nll.mul(w).sum().div(w.sum());
    }
}
