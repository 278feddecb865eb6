package ai.fastdjl.seq;

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
import java.util.ArrayList;
import java.util.List;

/**
 * One GRU layer (Cho et al. 2014: "a simpler LSTM", two gates instead of three and no cell state), one-way or both
 * ways, on PyTorch's fused kernel. DJL's own {@code GRU} block hands a bidirectional layer's weights to the kernel
 * grouped by kind (all weights, then all biases) where PyTorch wants them grouped by direction (forward
 * {@code w_ih, w_hh, b_ih, b_hh}, then the reverse ones), and fails on DJL 0.36; this block keeps PyTorch's order.
 * Weights start uniform in {@code ±1/sqrt(hidden)}, PyTorch's GRU default.
 *
 * <p>Input {@code (x [batch, time, in])} or {@code (x, h0 [directions, batch, hidden])}; output
 * {@code (out [batch, time, directions × hidden], h [directions, batch, hidden])}.
 */
public final class GruLayer extends AbstractBlock {
    private final int inputSize;
    private final int hidden;
    private final boolean bidirectional;
    private final List<Parameter> weights = new ArrayList<>();

    public GruLayer(int inputSize, int hidden, boolean bidirectional) {
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.bidirectional = bidirectional;
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        for (String dir : bidirectional ? new String[] {"", "_reverse"} : new String[] {""}) {
            weights.add(addParameter(param("weight_ih" + dir, Parameter.Type.WEIGHT, new Shape(3L * hidden,
                    inputSize), init)));
            weights.add(addParameter(param("weight_hh" + dir, Parameter.Type.WEIGHT, new Shape(3L * hidden, hidden),
                    init)));
            weights.add(addParameter(param("bias_ih" + dir, Parameter.Type.BIAS, new Shape(3L * hidden), init)));
            weights.add(addParameter(param("bias_hh" + dir, Parameter.Type.BIAS, new Shape(3L * hidden), init)));
        }
    }

    private static Parameter param(String name, Parameter.Type type, Shape shape, UniformInitializer init) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Device d = x.getDevice();
        NDArray h0 = inputs.size() > 1 ? inputs.get(1)
                : x.getManager().zeros(new Shape(directions(), x.getShape().get(0), hidden), DataType.FLOAT32);
        NDList w = new NDList();
        for (Parameter p : weights) {
            w.add(ps.getValue(p, d, training));
        }
        // has biases, one layer, no dropout, batch first
        return x.getNDArrayInternal().gru(x, h0, w, true, 1, 0, training, bidirectional, true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), (long) directions() * hidden),
            new Shape(directions(), x.get(0), hidden)};
    }

    public int inputSize() {
        return inputSize;
    }
}
