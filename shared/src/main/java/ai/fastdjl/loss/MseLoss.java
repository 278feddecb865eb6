package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Mean squared error over all elements, the target reshaped to the prediction's shape: fastai's {@code MSELossFlat}
 * (PyTorch's {@code MSELoss}). DJL's {@code L2Loss} halves it by default, and even with weight 1 it multiplies by a
 * number through {@code NDArray.mul(Number)}, which corrupts the gradient after a garbage collection on the
 * PyTorch engine (see {@link ai.fastdjl.nd.Scalars}); this loss needs no number at all.
 */
public final class MseLoss extends Loss {

    public MseLoss() {
        super("mse");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray target = labels.singletonOrThrow().reshape(pred.getShape()).toType(pred.getDataType(), false);
        return pred.sub(target).square().mean();
    }
}
