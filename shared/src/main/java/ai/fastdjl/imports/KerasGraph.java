package ai.fastdjl.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A Keras functional model as one DJL block: its layers run in topological order, each on the outputs of the
 * layers feeding it (residual {@code Add}s take two). The outputs are the requested layers' outputs, so a cut
 * before the classifier is a body, and several layers at once give the feature maps style transfer reads.
 *
 * <p>Inputs and outputs are NCHW (DJL's layout), whatever the Keras model's {@code channels_last}. The children
 * are the layers, named after them, so parameters, freezing and {@code saveParameters} work as for any block.
 */
public final class KerasGraph extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<String> names;
    private final List<String> classes;
    private final List<Block> layers;
    private final int[][] inputs;
    private final int nInputs;
    private final int[] outputs;

    /**
     * @param names the layers' names, in an order where every layer comes after the ones feeding it
     * @param classes their Keras class names (for messages)
     * @param layers their blocks
     * @param inputs for each layer, the values it reads: {@code 0..nInputs-1} are the graph's inputs, and
     *     {@code nInputs + j} is layer {@code j}'s output
     * @param nInputs how many inputs the graph takes
     * @param outputs the values the graph returns, in the same numbering
     */
    KerasGraph(List<String> names, List<String> classes, List<Block> layers, int[][] inputs, int nInputs,
            int[] outputs) {
        super(VERSION);
        this.names = List.copyOf(names);
        this.classes = List.copyOf(classes);
        this.layers = List.copyOf(layers);
        this.inputs = inputs;
        this.nInputs = nInputs;
        this.outputs = outputs;
        for (int i = 0; i < layers.size(); i++) {
            addChildBlock(names.get(i), layers.get(i));
        }
    }

    /** The layers' names, in execution order. */
    public List<String> layerNames() {
        return names;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        if (in.size() != nInputs) {
            throw new IllegalArgumentException("the imported model takes " + nInputs + " input(s), got " + in.size());
        }
        NDArray[] values = new NDArray[nInputs + layers.size()];
        for (int i = 0; i < nInputs; i++) {
            values[i] = in.get(i);
        }
        for (int j = 0; j < layers.size(); j++) {
            NDList x = new NDList(inputs[j].length);
            for (int v : inputs[j]) {
                x.add(values[v]);
            }
            values[nInputs + j] = layers.get(j).forward(ps, x, training, params).singletonOrThrow();
        }
        NDList out = new NDList(outputs.length);
        for (int v : outputs) {
            out.add(values[v]);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = propagate(inputShapes, null, null);
        Shape[] out = new Shape[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            out[i] = shapes[outputs[i]];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        propagate(inputShapes, manager, dataType);
    }

    /** Every value's shape; initialises the layers on the way when {@code manager} is given. */
    private Shape[] propagate(Shape[] inputShapes, NDManager manager, DataType dataType) {
        if (inputShapes.length != nInputs) {
            throw new IllegalArgumentException("the imported model takes " + nInputs + " input(s), got "
                    + inputShapes.length + " shapes");
        }
        Shape[] shapes = new Shape[nInputs + layers.size()];
        System.arraycopy(inputShapes, 0, shapes, 0, nInputs);
        for (int j = 0; j < layers.size(); j++) {
            Shape[] in = new Shape[inputs[j].length];
            for (int k = 0; k < in.length; k++) {
                in[k] = shapes[inputs[j][k]];
            }
            if (classes.get(j).equals("Dense") && in[0].dimension() != 2) {
                // Keras's Dense acts on the last axis, which in NCHW is not the channels
                throw new UnsupportedLayerException("layer '" + names.get(j) + "' (Dense) gets a rank-"
                        + in[0].dimension() + " input " + in[0] + "; the importer maps Dense only after a Flatten"
                        + " or a global pooling");
            }
            Block b = layers.get(j);
            if (manager != null) {
                b.initialize(manager, dataType, in);
            }
            shapes[nInputs + j] = b.getOutputShapes(in)[0];
        }
        return shapes;
    }
}
