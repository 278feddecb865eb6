package ai.fastdjl.text.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One LSTM layer whose hidden-to-hidden weights get DropConnect while training (Wan et al. 2013; the AWD-LSTM's
 * "weight-dropped LSTM", fastai's {@code WeightDropout} around {@code nn.LSTM}): each forward pass zeroes a random
 * fraction {@code p} of the entries of {@code W_hh} (scaling the rest by {@code 1/(1-p)}) and runs PyTorch's fused
 * LSTM with that matrix. The same dropped matrix serves every time step, so the recurrence is regularised without
 * touching the fused kernel; in evaluation the raw weights are used.
 *
 * <p>Input {@code (x [batch, time, in], h0 [1, batch, hidden], c0 [1, batch, hidden])}, output
 * {@code (out [batch, time, hidden], h [1, batch, hidden], c [1, batch, hidden])}. Weights start uniform in
 * {@code ±1/sqrt(hidden)}, PyTorch's LSTM default; the parameter order is PyTorch's
 * ({@code w_ih, w_hh, b_ih, b_hh}), which DJL's {@code lstm} op hands to {@code torch::lstm}.
 */
public final class WeightDropLstm extends AbstractBlock {
    private final int inputSize;
    private final int hiddenSize;
    private final float weightP;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bIh;
    private final Parameter bHh;

    public WeightDropLstm(int inputSize, int hiddenSize, float weightP) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.weightP = weightP;
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(hiddenSize)));
        wIh = addParameter(param("weight_ih", Parameter.Type.WEIGHT, new Shape(4L * hiddenSize, inputSize), init));
        wHh = addParameter(param("weight_hh", Parameter.Type.WEIGHT, new Shape(4L * hiddenSize, hiddenSize), init));
        bIh = addParameter(param("bias_ih", Parameter.Type.BIAS, new Shape(4L * hiddenSize), init));
        bHh = addParameter(param("bias_hh", Parameter.Type.BIAS, new Shape(4L * hiddenSize), init));
    }

    private static Parameter param(String name, Parameter.Type type, Shape shape, UniformInitializer init) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int inputSize() {
        return inputSize;
    }

    /** The raw hidden-to-hidden weights (what the optimizer updates). */
    public Parameter hiddenWeights() {
        return wHh;
    }

    /**
     * The hidden-to-hidden matrix the LSTM uses: DropConnect-ed (in {@code batchArray}'s manager) while training,
     * the raw matrix otherwise.
     */
    public NDArray effectiveHiddenWeights(NDArray raw, boolean training, NDArray batchArray) {
        if (!training || weightP <= 0) {
            return raw;
        }
        return RnnDropout.keepMask(batchArray, raw.getShape(), weightP).mul(raw);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Device d = x.getDevice();
        NDArray hh = effectiveHiddenWeights(ps.getValue(wHh, d, training), training, x);
        NDList weights = new NDList(ps.getValue(wIh, d, training), hh, ps.getValue(bIh, d, training),
                ps.getValue(bHh, d, training));
        // one layer, no internal dropout (ours is variational, outside), unidirectional, batch first
        return x.getNDArrayInternal().lstm(x, new NDList(inputs.get(1), inputs.get(2)), weights, true, 1, 0,
                training, false, true);
    }

    /** Zero state for a batch of {@code batch}, in {@code like}'s manager. */
    NDList zeroState(NDArray like, long batch) {
        Shape s = new Shape(1, batch, hiddenSize);
        return new NDList(like.getManager().zeros(s, DataType.FLOAT32), like.getManager().zeros(s, DataType.FLOAT32));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        Shape state = new Shape(1, x.get(0), hiddenSize);
        return new Shape[] {new Shape(x.get(0), x.get(1), hiddenSize), state, state};
    }
}
