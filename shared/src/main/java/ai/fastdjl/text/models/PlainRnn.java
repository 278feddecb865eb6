package ai.fastdjl.text.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.nd.BatchScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain recurrent layer written out with DJL ops, as the course builds it before reaching for {@code nn.RNN}:
 * {@code h_t = tanh(W_ih x_t + b + W_hh h_{t-1})}, one matrix product per step with the <i>same</i> weights at every
 * step — "an RNN is a loop collapsed, unrolled with shared weights". The hidden-to-hidden matrix starts as the
 * identity ({@link Init#IDENTITY}: Le, Jaitly &amp; Hinton 2015; the course copies {@code torch.eye} into
 * {@code nn.RNN}'s weights, so the state is carried over unchanged until training says otherwise) or uniform in {@code ±1/sqrt(hidden)} ({@link Init#RANDOM},
 * PyTorch's {@code nn.RNN} default). Input weights start at PyTorch's default, the bias at 0. The activation is
 * tanh, {@code nn.RNN}'s default, as in the course: Le et al. pair the identity with ReLU, whose state grows without
 * bound when a language model carries it from batch to batch (measured: a training loss of 21,000 in the first
 * epoch).
 *
 * <p>Input {@code (x [batch, time, in])} or {@code (x, h0 [batch, hidden])}; output
 * {@code (out [batch, time, hidden], h [batch, hidden])}.
 */
public final class PlainRnn extends AbstractBlock {
    /** How the hidden-to-hidden matrix starts. */
    public enum Init { IDENTITY, RANDOM }

    private final int hidden;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bias;

    public PlainRnn(int inputSize, int hidden, Init init) {
        this.hidden = hidden;
        UniformInitializer uniform = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        Initializer identity = (manager, shape, dataType) -> manager.eye((int) shape.get(0)).toType(dataType, false);
        wIh = addParameter(param("weight_ih", Parameter.Type.WEIGHT, new Shape(hidden, inputSize), uniform));
        wHh = addParameter(param("weight_hh", Parameter.Type.WEIGHT, new Shape(hidden, hidden),
                init == Init.IDENTITY ? identity : uniform));
        bias = addParameter(param("bias", Parameter.Type.BIAS, new Shape(hidden), Initializer.ZEROS));
    }

    private static Parameter param(String name, Parameter.Type type, Shape shape, Initializer init) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Device d = x.getDevice();
        long batch = x.getShape().get(0);
        int steps = (int) x.getShape().get(1);
        NDArray h = inputs.size() > 1 ? inputs.get(1) : x.getManager().zeros(new Shape(batch, hidden), DataType.FLOAT32);
        // the input half of every step at once: one product instead of one per step
        // the transposes belong to the batch, not to the model's manager (BatchScope)
        NDArray xw = x.matMul(BatchScope.attach(x, ps.getValue(wIh, d, training).transpose()))
                .add(ps.getValue(bias, d, training));
        NDArray whhT = BatchScope.attach(x, ps.getValue(wHh, d, training).transpose());
        List<NDArray> outs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            h = xw.get(":, {}", t).add(h.matMul(whhT)).tanh();
            outs.add(h);
        }
        return new NDList(NDArrays.stack(new NDList(outs), 1), h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), hidden), new Shape(x.get(0), hidden)};
    }
}
