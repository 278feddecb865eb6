package ai.fastdjl.text.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.learner.Splitter;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWD-LSTM language model: a stateful {@link AwdLstm} encoder and a {@link LinearDecoder} tied to its embedding
 * (fastai's {@code get_language_model}). Input {@code [batch, time]} tokens, output {@code [batch · time, vocab]}
 * logits of the next token.
 */
public final class LanguageModel extends AbstractBlock {
    private final AwdLstm encoder;
    private final LinearDecoder decoder;

    public LanguageModel(int vocabSize, AwdLstm.Config cfg) {
        encoder = addChildBlock("encoder", new AwdLstm(vocabSize, cfg, true));
        decoder = addChildBlock("decoder", new LinearDecoder(encoder.embedding(), vocabSize, cfg.outputP()));
    }

    public AwdLstm encoder() {
        return encoder;
    }

    public LinearDecoder decoder() {
        return decoder;
    }

    /**
     * fastai's {@code awd_lstm_lm_split}: one group per LSTM layer, then the embedding with the decoder, last. So
     * {@code freeze()} trains only the (tied) embedding and the output bias: what LM fine-tuning does first, while
     * the rows of new words are still the mean embedding.
     */
    public static Splitter splitter() {
        return block -> {
            LanguageModel lm = (LanguageModel) block;
            List<List<Parameter>> groups = new ArrayList<>();
            for (WeightDropLstm rnn : lm.encoder.rnns()) {
                groups.add(Splitter.params(rnn));
            }
            groups.add(List.of(lm.encoder.embedding(), lm.decoder.bias()));
            return groups;
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return decoder.forward(ps, encoder.forward(ps, inputs, training), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return decoder.getOutputShapes(encoder.getOutputShapes(inputs));
    }
}
