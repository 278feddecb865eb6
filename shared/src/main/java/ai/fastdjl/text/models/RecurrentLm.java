package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.callback.ModelResetter;
import ai.fastdjl.seq.GruLayer;
import java.util.Locale;

/**
 * A small language model: embedding, one recurrent layer, a linear layer to the vocabulary — the course's
 * character model, with the recurrent layer as a choice ({@link Kind}) so that they can be compared at one size.
 * Like fastai's language models it carries its hidden state from one batch to the next (the rows of
 * {@code LmDataset} continue each other), detached so gradients stop at the batch (truncated BPTT), and forgets it
 * when {@link ModelResetter} says so.
 *
 * <p>Input {@code [batch, time]} token ids; output logits {@code [batch · time, vocab]} (flattened, like the
 * loader's labels).
 */
public final class RecurrentLm extends AbstractBlock implements ModelResetter.Resettable {
    /** The recurrent layer. */
    public enum Kind {
        /** {@link PlainRnn} with identity-initialised hidden weights (IRNN). */
        RNN_IDENTITY,
        /** {@link PlainRnn} with random hidden weights. */
        RNN_RANDOM,
        /** {@link GruLayer}. */
        GRU,
        /** {@link WeightDropLstm} without weight drop: PyTorch's fused LSTM. */
        LSTM;

        public String label() {
            return switch (this) {
                case RNN_IDENTITY -> "RNN, identity init";
                case RNN_RANDOM -> "RNN, random init";
                case GRU -> "GRU";
                case LSTM -> "LSTM";
            };
        }

        public static Kind parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** fastai's embedding {@code initrange}. */
    private static final float EMB_INIT = 0.1f;

    private final Kind kind;
    private final int embSize;
    private final int hidden;
    private final int vocab;
    private final Parameter embedding;
    private final Block rnn;
    private final Linear decoder;
    private NDManager stateManager;
    private NDList state;

    public RecurrentLm(int vocab, int embSize, int hidden, Kind kind) {
        this.kind = kind;
        this.embSize = embSize;
        this.hidden = hidden;
        this.vocab = vocab;
        embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocab, embSize)).optInitializer(new UniformInitializer(EMB_INIT)).build());
        rnn = addChildBlock("rnn", switch (kind) {
            case RNN_IDENTITY -> new PlainRnn(embSize, hidden, PlainRnn.Init.IDENTITY);
            case RNN_RANDOM -> new PlainRnn(embSize, hidden, PlainRnn.Init.RANDOM);
            case GRU -> new GruLayer(embSize, hidden, false);
            case LSTM -> new WeightDropLstm(embSize, hidden, 0);
        });
        decoder = addChildBlock("decoder", Linear.builder().setUnits(vocab).build());
    }

    public Kind kind() {
        return kind;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        long batch = x.getShape().get(0);
        NDArray e = x.getNDArrayInternal().embedding(x, ps.getValue(embedding, x.getDevice(), training),
                SparseFormat.DENSE).head();
        NDList in = new NDList(e);
        if (state != null && state.head().getShape().get(kind == Kind.GRU || kind == Kind.LSTM ? 1 : 0) == batch) {
            in.addAll(state);
        } else if (kind == Kind.LSTM) {
            Shape s = new Shape(1, batch, hidden);
            in.add(x.getManager().zeros(s, DataType.FLOAT32));
            in.add(x.getManager().zeros(s, DataType.FLOAT32));
        }
        NDList r = rnn.forward(ps, in, training);
        keep(new NDList(r.subNDList(1)), ps.getManager());
        NDArray out = r.get(0);
        return new NDList(decoder.forward(ps, new NDList(out.reshape(-1, hidden)), training).head());
    }

    /** Keeps the state, detached, in a manager of its own: the batch's is closed after the batch. */
    private void keep(NDList newState, NDManager parent) {
        if (stateManager == null) {
            stateManager = parent.newSubManager();
        }
        NDList kept = new NDList();
        for (NDArray a : newState) {
            NDArray k = a.stopGradient();
            k.attach(stateManager);
            kept.add(k);
        }
        reset();
        state = kept;
    }

    @Override
    public void reset() {
        if (state != null) {
            state.close();
            state = null;
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long steps = inputShapes[0].get(1);
        Shape in = new Shape(batch, steps, embSize);
        if (kind == Kind.LSTM) {
            Shape s = new Shape(1, batch, hidden);
            rnn.initialize(manager, dataType, in, s, s);
        } else {
            rnn.initialize(manager, dataType, in);
        }
        decoder.initialize(manager, dataType, new Shape(batch * steps, hidden));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0) * inputs[0].get(1), vocab)};
    }
}
