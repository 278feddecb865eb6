package ai.fastdjl.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.nd.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * fastai's {@code TabularModel}: an embedding per categorical input ({@link EntityEmbeddings}) with embedding
 * dropout, BatchNorm on the continuous inputs, then {@code Linear → ReLU → BatchNorm → Dropout} blocks (fastai's
 * {@code LinBnDrop(lin_first=True)}, linear without bias since BatchNorm follows) and a final linear layer;
 * optionally squashed into {@code yRange} by a sigmoid (fastai's {@code SigmoidRange}).
 *
 * <p>Inputs, as {@link TabularData#inputs} gives them: {@code [cats]} when there are categories, then
 * {@code [conts]} when there are numbers. Output {@code [batch, outSize]}.
 */
public final class TabularModel extends AbstractBlock {
    private final int nCat;
    private final int nCont;
    private final int outSize;
    private final EntityEmbeddings embeds;
    private final Dropout embDrop;
    private final BatchNorm bnCont;
    private final SequentialBlock layers;

    private TabularModel(Builder b) {
        super((byte) 1);
        nCat = b.cardinalities.length;
        nCont = b.nCont;
        outSize = b.outSize;
        int[] widths = b.widths != null ? b.widths
                : Arrays.stream(b.cardinalities).map(b.rule::size).toArray();
        embeds = nCat > 0 ? addChildBlock("embeds", new EntityEmbeddings(b.cardinalities, widths)) : null;
        embDrop = nCat > 0 ? addChildBlock("emb_drop", Dropout.builder().optRate((float) b.embedP).build()) : null;
        bnCont = nCont > 0 && b.bnCont ? addChildBlock("bn_cont", BatchNorm.builder().build()) : null;
        SequentialBlock seq = new SequentialBlock();
        for (int i = 0; i < b.layers.length; i++) {
            seq.add(Linear.builder().setUnits(b.layers[i]).optBias(!b.useBn).build());
            seq.add(Activation.reluBlock());
            if (b.useBn) {
                seq.add(BatchNorm.builder().build());
            }
            double p = i < b.ps.length ? b.ps[i] : 0;
            if (p > 0) {
                seq.add(Dropout.builder().optRate((float) p).build());
            }
        }
        seq.add(Linear.builder().setUnits(outSize).optBias(!b.bnFinal).build());
        if (b.bnFinal) {
            seq.add(BatchNorm.builder().build());
        }
        if (b.yRange != null) {
            // fastai's SigmoidRange: sigmoid(x) · (hi - lo) + lo
            double lo = b.yRange[0];
            double hi = b.yRange[1];
            seq.add(x -> new NDList(Scalars.mul(Activation.sigmoid(x.head()), hi - lo).add(lo)));
        }
        layers = addChildBlock("layers", seq);
    }

    public static Builder builder(int[] cardinalities, int nCont) {
        return new Builder(cardinalities, nCont);
    }

    /**
     * The 2019 Rossmann notebook's output range for a log target, from the training targets' logs:
     * {@code 0 … log(1.2 · max y)} = {@code max(log y) + log 1.2} ("a little above the max" in sales, not in log
     * sales), and below 0 the same margin under the minimum.
     */
    public static double[] logYRange(float[] logYTrain) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logYTrain) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min >= 0 ? 0 : min - Math.log(1.2), max + Math.log(1.2)};
    }

    /**
     * The 2018 Rossmann lesson's output range for a log target: from 0 to 1.2 × the largest training value (the notes:
     * "a little above the max", so the sigmoid never has to saturate to reach it). Targets below 0 get the same
     * 20 % margin below their minimum.
     */
    public static double[] yRange(float[] yTrain) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : yTrain) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double lo = min >= 0 ? 0 : min - 0.2 * Math.abs(min);
        double hi = max >= 0 ? 1.2 * max : max + 0.2 * Math.abs(max);
        return new double[] {lo, hi};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<NDArray> parts = new ArrayList<>();
        int k = 0;
        if (nCat > 0) {
            NDList e = embeds.forward(ps, new NDList(inputs.get(k++)), training, params);
            parts.add(embDrop.forward(ps, e, training, params).head());
        }
        if (nCont > 0) {
            NDList c = new NDList(inputs.get(k).toType(DataType.FLOAT32, false));
            parts.add(bnCont != null ? bnCont.forward(ps, c, training, params).head() : c.head());
        }
        NDArray x = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 1);
        return layers.forward(ps, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), outSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long width = 0;
        int k = 0;
        if (nCat > 0) {
            embeds.initialize(manager, dataType, inputShapes[k++]);
            Shape e = new Shape(batch, embeds.totalWidth());
            embDrop.initialize(manager, dataType, e);
            width += embeds.totalWidth();
        }
        if (nCont > 0) {
            if (bnCont != null) {
                bnCont.initialize(manager, dataType, inputShapes[k]);
            }
            width += nCont;
        }
        layers.initialize(manager, dataType, new Shape(batch, width));
    }

    /** The embeddings block, or null without categorical inputs. */
    public EntityEmbeddings embeddings() {
        return embeds;
    }

    /** Every categorical variable's learned matrix, {@code [variable][level][dimension]}. */
    public List<float[][]> embeddingWeights() {
        List<float[][]> out = new ArrayList<>();
        for (int j = 0; j < nCat; j++) {
            out.add(embeds.weights(j));
        }
        return out;
    }

    /** fastai's {@code tabular_learner} defaults: layers [200, 100], no dropout, BatchNorm, no range. */
    public static final class Builder {
        private final int[] cardinalities;
        private final int nCont;
        private EmbeddingSizes rule = EmbeddingSizes.FASTAI;
        private int[] widths;
        private int outSize = 1;
        private int[] layers = {200, 100};
        private double[] ps = {};
        private double embedP;
        private double[] yRange;
        private boolean useBn = true;
        private boolean bnFinal;
        private boolean bnCont = true;

        private Builder(int[] cardinalities, int nCont) {
            this.cardinalities = cardinalities.clone();
            this.nCont = nCont;
        }

        /** Embedding widths from this rule (default {@link EmbeddingSizes#FASTAI}). */
        public Builder embeddingRule(EmbeddingSizes rule) {
            this.rule = rule;
            return this;
        }

        /** Explicit embedding widths, one per categorical input (fastai's {@code emb_szs}). */
        public Builder widths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        public Builder outSize(int outSize) {
            this.outSize = outSize;
            return this;
        }

        /** Hidden layer sizes (default 200, 100). */
        public Builder layers(int... layers) {
            this.layers = layers.clone();
            return this;
        }

        /** Dropout after each hidden layer (fastai's {@code ps}; default none). */
        public Builder ps(double... ps) {
            this.ps = ps.clone();
            return this;
        }

        /** Dropout on the concatenated embeddings (fastai's {@code embed_p}; default 0). */
        public Builder embedP(double embedP) {
            this.embedP = embedP;
            return this;
        }

        /** Squash the output into {@code [lo, hi]} with a sigmoid. */
        public Builder yRange(double lo, double hi) {
            this.yRange = new double[] {lo, hi};
            return this;
        }

        public Builder useBn(boolean useBn) {
            this.useBn = useBn;
            return this;
        }

        public Builder bnFinal(boolean bnFinal) {
            this.bnFinal = bnFinal;
            return this;
        }

        public Builder bnCont(boolean bnCont) {
            this.bnCont = bnCont;
            return this;
        }

        public TabularModel build() {
            return new TabularModel(this);
        }
    }
}
