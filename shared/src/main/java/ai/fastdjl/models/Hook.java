package ai.fastdjl.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A block that runs another and shows its output to a listener: PyTorch's forward hook, which DJL lacks. Activation
 * statistics and LSUV initialisation read layer outputs through it.
 */
public final class Hook extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Block inner;
    private BiConsumer<NDArray, Boolean> listener;

    public Hook(Block inner) {
        super(VERSION);
        this.inner = addChildBlock("hooked", inner);
    }

    /** A copy of {@code model}'s children, each wrapped in a hook, and the hooks. */
    public record Hooked(SequentialBlock model, List<Hook> hooks) {}

    /** Wraps every child of {@code model} (e.g. each residual stage of a body). Call before initialising. */
    public static Hooked children(SequentialBlock model) {
        SequentialBlock out = new SequentialBlock();
        List<Hook> hooks = new ArrayList<>();
        for (Block child : model.getChildren().values()) {
            Hook h = new Hook(child);
            hooks.add(h);
            out.add(h);
        }
        return new Hooked(out, hooks);
    }

    /**
     * A {@code [body, head]} model rebuilt with each child of its body hooked (the body's layers), head unchanged.
     */
    public static Hooked bodyLayers(SequentialBlock model) {
        List<Block> parts = model.getChildren().values();
        if (parts.size() != 2 || !(parts.get(0) instanceof SequentialBlock body)) {
            throw new IllegalArgumentException("expected a [body, head] model whose body is a SequentialBlock");
        }
        Hooked h = children(body);
        return new Hooked(new SequentialBlock().add(h.model()).add(parts.get(1)), h.hooks());
    }

    /** The wrapped block. */
    public Block inner() {
        return inner;
    }

    /** Called with each output and whether the forward pass was in training mode; null removes the listener. */
    public void listen(BiConsumer<NDArray, Boolean> listener) {
        this.listener = listener;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = inner.forward(ps, inputs, training, params);
        if (listener != null) {
            listener.accept(out.head(), training);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inner.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes);
    }
}
