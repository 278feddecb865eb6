package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.learner.Splitter;
import java.util.ArrayList;
import java.util.List;

/**
 * ULMFiT's classifier (fastai's {@code get_text_classifier}): an {@link AwdLstm} encoder that starts every text from
 * a zero state, {@link ConcatPooling} over its outputs, and fastai's {@code PoolingLinearClassifier} head:
 * BatchNorm → dropout({@code output_p}) → linear(50) → ReLU → BatchNorm → dropout(0.1) → linear(classes), the linear
 * layers without bias since a BatchNorm precedes each (fastai's {@code LinBnDrop}).
 *
 * <p>Input {@code [batch, time]} tokens padded at the end with {@code pad}; output {@code [batch, classes]} logits.
 */
public final class TextClassifier extends AbstractBlock {
    /** fastai's {@code lin_ftrs=[50]} and the head's second dropout, {@code ps=[0.1]}. */
    public static final int HEAD_HIDDEN = 50;
    static final float HEAD_DROP = 0.1f;
    private final AwdLstm encoder;
    private final SequentialBlock head;
    private final int pad;

    public TextClassifier(int vocabSize, AwdLstm.Config cfg, int nClasses, int pad) {
        this.pad = pad;
        encoder = addChildBlock("encoder", new AwdLstm(vocabSize, cfg, false));
        head = addChildBlock("head", new SequentialBlock()
                .add(BatchNorm.builder().build())
                .add(Dropout.builder().optRate(cfg.outputP()).build())
                .add(Linear.builder().setUnits(HEAD_HIDDEN).optBias(false).build())
                .add(Activation.reluBlock())
                .add(BatchNorm.builder().build())
                .add(Dropout.builder().optRate(HEAD_DROP).build())
                .add(Linear.builder().setUnits(nClasses).optBias(false).build()));
    }

    public AwdLstm encoder() {
        return encoder;
    }

    /**
     * fastai's {@code awd_lstm_clas_split}: the embedding, each LSTM layer, the head. Gradual unfreezing is
     * {@code freezeTo(-1)}, {@code freezeTo(-2)}, … over these groups.
     */
    public static Splitter splitter() {
        return block -> {
            TextClassifier c = (TextClassifier) block;
            List<List<Parameter>> groups = new ArrayList<>();
            groups.add(List.of(c.encoder.embedding()));
            for (WeightDropLstm rnn : c.encoder.rnns()) {
                groups.add(Splitter.params(rnn));
            }
            groups.add(Splitter.params(c.head));
            return groups;
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray out = encoder.forward(ps, inputs, training).head();
        return head.forward(ps, new NDList(ConcatPooling.pool(out, x, pad)), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, pooledShape(inputShapes[0].get(0)));
    }

    private Shape pooledShape(long batch) {
        return new Shape(batch, 3L * encoder.config().embSize());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return head.getOutputShapes(new Shape[] {pooledShape(inputs[0].get(0))});
    }
}
