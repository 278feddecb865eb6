package ai.fastdjl.seq;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Encoder–decoder, "sequence to vector to sequence" (Sutskever, Vinyals &amp; Le 2014; Cho et al. 2014; the course's
 * spelling bee and translation notebooks): a GRU reads the source (one-way or both ways), a linear layer with tanh
 * turns its last states into the decoder's first state, and a GRU decoder emits one target token per step from the
 * token before it. With {@link BahdanauAttention} the decoder also reads a weighted sum of all encoder outputs at
 * every step (fed in beside the token and beside its output, as Bahdanau et al. do); without it the first state is all
 * it knows of the source, which long sequences overflow.
 *
 * <p>Input: source token ids {@code [batch, src]} with padding 0 <b>on the left</b> (fastai's {@code pad_first}: the
 * forward encoder ends on a real token), as wide as the batch's longest source: the encoder reads padding as input,
 * so a batch should hold as little as it can ({@code text.SortedPairs} packs batches so). Labels (given while
 * training): target ids {@code [batch, tgt]} ending in {@link #EOS}, padding 0 on the right, as wide as the longest. Output: logits {@code [batch, steps, vocab]}. While training, step t reads
 * the true token t-1 with probability {@link #teacherForcing(double, Random)} (per batch and step, as the course's
 * {@code Seq2SeqRNN_tf}), else its own most probable token; it runs as many steps as the targets are wide. In
 * evaluation it always reads its own tokens, for {@code maxSteps} steps.
 */
public final class Seq2Seq extends AbstractBlock {
    /** Reserved target ids: padding, start of sequence, end of sequence. */
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    /** fastai's embedding {@code initrange} (as {@code AwdLstm}). */
    private static final float EMB_INIT = 0.1f;

    /** Sizes and switches. */
    public record Config(int srcVocab, int tgtVocab, int embSize, int hidden, int attnDim, boolean bidirectional,
            boolean attention, int maxSteps) {
        public int encSize() {
            return bidirectional ? 2 * hidden : hidden;
        }
    }

    private final Config cfg;
    private final Parameter srcEmb;
    private final Parameter tgtEmb;
    private final GruLayer encoder;
    private final Linear bridge;
    private final BahdanauAttention attn;
    private final GruLayer decoder;
    private final Linear out;
    private double pForce = 1;
    private Random random = new Random(0);

    public Seq2Seq(Config cfg) {
        this.cfg = cfg;
        srcEmb = addParameter(embedding("src_emb", cfg.srcVocab(), cfg.embSize()));
        tgtEmb = addParameter(embedding("tgt_emb", cfg.tgtVocab(), cfg.embSize()));
        encoder = addChildBlock("encoder", new GruLayer(cfg.embSize(), cfg.hidden(), cfg.bidirectional()));
        bridge = addChildBlock("bridge", Linear.builder().setUnits(cfg.hidden()).build());
        attn = cfg.attention() ? addChildBlock("attention", new BahdanauAttention(cfg.encSize(), cfg.hidden(),
                cfg.attnDim())) : null;
        decoder = addChildBlock("decoder", new GruLayer(cfg.embSize() + (cfg.attention() ? cfg.encSize() : 0),
                cfg.hidden(), false));
        out = addChildBlock("out", Linear.builder().setUnits(cfg.tgtVocab()).build());
    }

    private static Parameter embedding(String name, int vocab, int size) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(vocab, size))
                .optInitializer(new UniformInitializer(EMB_INIT)).build();
    }

    public Config config() {
        return cfg;
    }

    /** The probability of reading the true previous token while training (1: always, 0: never). */
    public void teacherForcing(double p, Random random) {
        this.pForce = p;
        this.random = random;
    }

    /** What the encoder leaves for every decoder step. */
    private record Encoded(NDArray outputs, NDArray keys, NDArray maskBias, NDArray h0) {
        Encoded repeat(NDArray rows) {
            return new Encoded(outputs.get(rows), keys == null ? null : keys.get(rows),
                    maskBias == null ? null : maskBias.get(rows), h0.get(rows));
        }
    }

    private Encoded encode(ParameterStore ps, NDArray src, boolean training) {
        Device d = src.getDevice();
        NDArray x = src.getNDArrayInternal().embedding(src, ps.getValue(srcEmb, d, training), SparseFormat.DENSE)
                .head();
        NDList r = encoder.forward(ps, new NDList(x), training);
        NDArray outputs = r.get(0);
        NDArray last = r.get(1); // [directions, batch, hidden]
        NDArray joined = cfg.bidirectional() ? last.get(0).concat(last.get(1), 1) : last.get(0);
        NDArray h0 = bridge.forward(ps, new NDList(joined), training).head().tanh();
        if (attn == null) {
            return new Encoded(outputs, null, null, h0);
        }
        return new Encoded(outputs, attn.keys(ps, outputs, training),
                BahdanauAttention.maskBias(src.neq(PAD)), h0);
    }

    /** One decoder step: {@code (logits [rows, vocab], h [rows, hidden], attention weights or absent)}. */
    private NDList step(ParameterStore ps, NDArray last, NDArray h, Encoded enc, boolean training) {
        NDArray e = last.getNDArrayInternal().embedding(last, ps.getValue(tgtEmb, last.getDevice(), training),
                SparseFormat.DENSE).head();
        NDArray context = null;
        NDArray weights = null;
        if (attn != null) {
            NDList a = attn.attend(ps, enc.keys(), enc.outputs(), enc.maskBias(), h, training);
            context = a.get(0);
            weights = a.get(1);
            e = e.concat(context, 1);
        }
        NDList r = decoder.forward(ps, new NDList(e.expandDims(1), h.expandDims(0)), training);
        NDArray o = r.get(0).squeeze(1);
        NDArray logits = out.forward(ps, new NDList(context == null ? o : o.concat(context, 1)), training).head();
        NDList result = new NDList(logits, r.get(1).squeeze(0));
        if (weights != null) {
            result.add(weights);
        }
        return result;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList data, NDList labels, PairList<String, Object> params) {
        return run(ps, data.head(), labels == null ? null : labels.head(), true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return run(ps, inputs.head(), null, training);
    }

    private NDList run(ParameterStore ps, NDArray src, NDArray tgt, boolean training) {
        Encoded enc = encode(ps, src, training);
        int steps = tgt == null ? cfg.maxSteps() : (int) tgt.getShape().get(1);
        long rows = src.getShape().get(0);
        NDManager m = src.getManager();
        NDArray last = m.full(new Shape(rows), BOS, DataType.INT32);
        NDArray h = enc.h0();
        List<NDArray> logits = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            NDList s = step(ps, last, h, enc, training);
            logits.add(s.get(0));
            h = s.get(1);
            boolean force = tgt != null && random.nextDouble() < pForce;
            last = force ? tgt.get(":, {}", t).toType(DataType.INT32, false)
                    : s.get(0).argMax(1).toType(DataType.INT32, false);
        }
        return new NDList(NDArrays.stack(new NDList(logits), 1));
    }

    /** Greedy decoding with the attention weights of every step: tokens and weights per source row. */
    public record Decoded(int[][] tokens, float[][][] attention) {}

    /**
     * Greedy decoding of {@code src [rows, src]} (left-padded) up to {@code maxSteps} tokens, in inference mode:
     * each row's tokens up to its {@link #EOS}, and, with attention, the weights {@code [step][source position]}
     * over the untrimmed source.
     */
    public Decoded greedy(NDArray src, int maxSteps) {
        ParameterStore ps = new ParameterStore(src.getManager(), false);
        int rows = (int) src.getShape().get(0);
        int width = (int) src.getShape().get(1);
        Encoded enc = encode(ps, src, false);
        NDArray last = src.getManager().full(new Shape(rows), BOS, DataType.INT32);
        NDArray h = enc.h0();
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<float[]>> weights = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            tokens.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        boolean[] done = new boolean[rows];
        for (int t = 0; t < maxSteps; t++) {
            NDList s = step(ps, last, h, enc, false);
            h = s.get(1);
            last = s.get(0).argMax(1).toType(DataType.INT32, false);
            int[] tok = last.toIntArray();
            float[] w = s.size() > 2 ? s.get(2).toFloatArray() : null;
            boolean all = true;
            for (int r = 0; r < rows; r++) {
                if (!done[r]) {
                    done[r] = tok[r] == EOS;
                    if (!done[r]) {
                        tokens.get(r).add(tok[r]);
                    }
                    if (w != null) {
                        float[] row = new float[width];
                        System.arraycopy(w, r * width, row, 0, width);
                        weights.get(r).add(row);
                    }
                }
                all &= done[r];
            }
            if (all) {
                break;
            }
        }
        int[][] tk = new int[rows][];
        float[][][] at = new float[rows][][];
        for (int r = 0; r < rows; r++) {
            tk[r] = tokens.get(r).stream().mapToInt(Integer::intValue).toArray();
            at[r] = weights.get(r).toArray(new float[0][]);
        }
        return new Decoded(tk, at);
    }

    /**
     * Beam search over {@code src [items, src]} (left-padded) in inference mode; {@code width} 1 is greedy. Each
     * result is the best hypothesis without its end token.
     */
    public List<BeamSearch.Hypothesis> beamSearch(NDArray src, int width, int maxSteps) {
        ParameterStore ps = new ParameterStore(src.getManager(), false);
        int items = (int) src.getShape().get(0);
        int[] rowItem = new int[items * width];
        for (int r = 0; r < rowItem.length; r++) {
            rowItem[r] = r / width;
        }
        NDManager m = src.getManager();
        Encoded enc = encode(ps, src, false).repeat(m.create(rowItem));
        BeamSearch.Stepper stepper = new BeamSearch.Stepper() {
            NDArray h = enc.h0();

            @Override
            public float[][] next(int[] last) {
                NDList s = step(ps, m.create(last), h, enc, false);
                h = s.get(1);
                float[] lp = s.get(0).logSoftmax(1).toFloatArray();
                int vocab = cfg.tgtVocab();
                float[][] rows = new float[last.length][vocab];
                for (int r = 0; r < last.length; r++) {
                    System.arraycopy(lp, r * vocab, rows[r], 0, vocab);
                }
                return rows;
            }

            @Override
            public void reorder(int[] parents) {
                h = h.get(m.create(parents));
            }
        };
        return BeamSearch.search(stepper, items, width, BOS, EOS, maxSteps);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long len = inputShapes[0].get(1);
        encoder.initialize(manager, dataType, new Shape(batch, len, cfg.embSize()));
        bridge.initialize(manager, dataType, new Shape(batch, cfg.encSize()));
        if (attn != null) {
            attn.initialize(manager, dataType, new Shape(batch, len, cfg.encSize()), new Shape(batch, len),
                    new Shape(batch, cfg.hidden()));
        }
        int in = cfg.embSize() + (attn != null ? cfg.encSize() : 0);
        decoder.initialize(manager, dataType, new Shape(batch, 1, in), new Shape(1, batch, cfg.hidden()));
        out.initialize(manager, dataType, new Shape(batch, cfg.hidden() + (attn != null ? cfg.encSize() : 0)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), cfg.maxSteps(), cfg.tgtVocab())};
    }
}
