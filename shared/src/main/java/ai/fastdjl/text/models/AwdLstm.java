package ai.fastdjl.text.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import ai.fastdjl.callback.ModelResetter;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWD-LSTM encoder (Merity, Keskar &amp; Socher 2017, "Regularizing and Optimizing LSTM Language Models"; fastai's
 * {@code AWD_LSTM}): an embedding, then {@code layers} LSTM layers, regularised five ways — embedding dropout (whole
 * words), input dropout on the embeddings, DropConnect on every hidden-to-hidden matrix, and dropout between layers,
 * the last two with the same mask at every time step. (Output dropout sits in the decoder or the classifier head;
 * tied weights in {@link LanguageModel}.) The last layer's size is the embedding size so the decoder can reuse the
 * embedding matrix.
 *
 * <p>Input {@code [batch, time]} token indices; output the last layer's {@code [batch, time, emb]}. When
 * {@code stateful} (a language model reading a continuous stream), the final hidden state of each forward pass,
 * detached from the graph (truncated back-propagation through time), starts the next one, until {@link #reset()};
 * otherwise every forward pass starts from zeros (a classifier reading whole texts).
 */
public final class AwdLstm extends AbstractBlock implements ModelResetter.Resettable {

    /**
     * Sizes and dropout probabilities. fastai's {@code awd_lstm_lm_config}: emb 400, hidden 1152, 3 layers,
     * embed_p 0.02, input_p 0.25, weight_p 0.2, hidden_p 0.15, output_p 0.1; {@code awd_lstm_clas_config}: the same
     * sizes with embed_p 0.05, input_p 0.4, weight_p 0.5, hidden_p 0.3, output_p 0.4. Every probability is scaled by
     * the learner's {@code drop_mult}.
     */
    public record Config(int embSize, int hiddenSize, int layers, float embedP, float inputP, float weightP,
            float hiddenP, float outputP) {

        public static Config languageModel(int embSize, int hiddenSize, int layers) {
            return new Config(embSize, hiddenSize, layers, 0.02f, 0.25f, 0.2f, 0.15f, 0.1f);
        }

        public static Config classifier(int embSize, int hiddenSize, int layers) {
            return new Config(embSize, hiddenSize, layers, 0.05f, 0.4f, 0.5f, 0.3f, 0.4f);
        }

        /** fastai's {@code drop_mult}: every dropout probability times {@code m}. */
        public Config dropMult(double m) {
            return new Config(embSize, hiddenSize, layers, (float) (embedP * m), (float) (inputP * m),
                    (float) (weightP * m), (float) (hiddenP * m), (float) (outputP * m));
        }

        /** These sizes with fastai's language-model dropouts times {@code dropMult}. */
        public Config forLanguageModel(double dropMult) {
            return languageModel(embSize, hiddenSize, layers).dropMult(dropMult);
        }

        /** These sizes with fastai's classifier dropouts times {@code dropMult}. */
        public Config forClassifier(double dropMult) {
            return classifier(embSize, hiddenSize, layers).dropMult(dropMult);
        }

        /** The same sizes with another dropout set. */
        public Config withDropouts(Config d) {
            return new Config(embSize, hiddenSize, layers, d.embedP, d.inputP, d.weightP, d.hiddenP, d.outputP);
        }
    }

    /** fastai's {@code initrange}: embeddings start uniform in ±0.1. */
    static final float EMB_INIT = 0.1f;

    private final int vocabSize;
    private final Config cfg;
    private final boolean stateful;
    private final Parameter embedding;
    private final List<WeightDropLstm> rnns = new ArrayList<>();
    private NDManager stateManager;
    private NDList[] state;

    public AwdLstm(int vocabSize, Config cfg, boolean stateful) {
        this.vocabSize = vocabSize;
        this.cfg = cfg;
        this.stateful = stateful;
        embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabSize, cfg.embSize())).optInitializer(new UniformInitializer(EMB_INIT))
                .build());
        for (int l = 0; l < cfg.layers(); l++) {
            int in = l == 0 ? cfg.embSize() : cfg.hiddenSize();
            int out = l == cfg.layers() - 1 ? cfg.embSize() : cfg.hiddenSize();
            rnns.add(addChildBlock("rnn" + l, new WeightDropLstm(in, out, cfg.weightP())));
        }
    }

    public Config config() {
        return cfg;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public Parameter embedding() {
        return embedding;
    }

    public List<WeightDropLstm> rnns() {
        return List.copyOf(rnns);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Device d = x.getDevice();
        long batch = x.getShape().get(0);
        NDArray w = EmbeddingDropout.apply(ps.getValue(embedding, d, training), cfg.embedP(), training, x);
        NDArray out = x.getNDArrayInternal().embedding(x, w, SparseFormat.DENSE).head();
        out = RnnDropout.apply(out, cfg.inputP(), training);
        NDList[] newState = new NDList[rnns.size()];
        for (int l = 0; l < rnns.size(); l++) {
            WeightDropLstm rnn = rnns.get(l);
            NDList s = stateful && state != null && state[l].head().getShape().get(1) == batch
                    ? state[l] : rnn.zeroState(x, batch);
            NDList r = rnn.forward(ps, new NDList(out, s.get(0), s.get(1)), training);
            out = r.get(0);
            newState[l] = new NDList(r.get(1), r.get(2));
            if (l < rnns.size() - 1) {
                out = RnnDropout.apply(out, cfg.hiddenP(), training);
            }
        }
        if (stateful) {
            keep(newState, ps.getManager());
        }
        return new NDList(out);
    }

    /** Keeps the state, detached (truncated BPTT), in a manager of its own: the batch's is closed after it. */
    private void keep(NDList[] newState, NDManager parent) {
        if (stateManager == null) {
            stateManager = parent.newSubManager();
        }
        NDList[] kept = new NDList[newState.length];
        for (int l = 0; l < newState.length; l++) {
            kept[l] = new NDList();
            for (NDArray a : newState[l]) {
                NDArray k = a.stopGradient();
                k.attach(stateManager);
                kept[l].add(k);
            }
        }
        closeState();
        state = kept;
    }

    private void closeState() {
        if (state != null) {
            for (NDList s : state) {
                s.close();
            }
            state = null;
        }
    }

    /** Forgets the hidden state: the next forward pass starts from zeros (fastai's {@code reset}). */
    @Override
    public void reset() {
        closeState();
    }

    /**
     * Keeps only the state rows {@code rows}, in that order (fastai's {@code select_hidden}): beam search continues
     * the hypotheses it kept, each from its parent's state.
     */
    public void selectHidden(long[] rows) {
        if (state == null) {
            return;
        }
        NDArray idx = stateManager.create(rows);
        NDList[] kept = new NDList[state.length];
        for (int l = 0; l < state.length; l++) {
            kept[l] = new NDList();
            for (NDArray a : state[l]) {
                kept[l].add(a.get(new NDIndex(":, {}", idx)));
            }
        }
        closeState();
        idx.close();
        state = kept;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (WeightDropLstm rnn : rnns) {
            Shape in = new Shape(x.get(0), x.get(1), rnn.inputSize());
            Shape st = new Shape(1, x.get(0), rnn.hiddenSize());
            rnn.initialize(manager, dataType, in, st, st);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), cfg.embSize())};
    }
}
