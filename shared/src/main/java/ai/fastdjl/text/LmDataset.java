package ai.fastdjl.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A language model's batches, as fastai's {@code LMDataLoader}: the documents joined into one token stream, the
 * stream cut into {@code bs} rows that each continue where they were, and each batch the next {@code seqLen}
 * columns: {@code x = rows[:, p : p+seqLen]}, {@code y = rows[:, p+1 : p+seqLen+1]}. Row {@code i} of batch
 * {@code j+1} continues row {@code i} of batch {@code j}, which is why the model may carry its hidden state from one
 * batch to the next.
 *
 * <p>Training shuffles the documents every epoch and varies the sequence length (the course's "shuffle BPTT
 * length", fastai v1's {@code LanguageModelLoader}): {@code bptt} with probability 0.95, else {@code bptt/2}, plus
 * Gaussian noise of standard deviation 5, at least 5. So the cut points move every epoch and the model never sees the
 * same chunks twice. fastai v1 draws lengths until the stream runs out, so its epochs differ in length; here an
 * epoch's {@link #batches()} lengths are drawn first and then scaled to cover the stream exactly, so every epoch
 * has the same number of batches (what one-cycle's progress {@code pct} and the progress bar count on) and the
 * lengths keep fastai's spread up to that small scaling. Validation keeps document order and a fixed length.
 *
 * <p>Labels come flattened to {@code [bs * seqLen]} and the model's logits as {@code [bs * seqLen, vocab]}, so the
 * learner's cross-entropy, accuracy and sample counts work per token. Randomness comes from the engine's seed, which
 * the learner resets every epoch: a run repeats, and a resumed run sees the same epochs.
 */
public final class LmDataset extends BatchedDataset {
    /** fastai v1: 5 % of batches use half the BPTT length; the length's noise has std 5; never below 5. */
    static final double HALF_BPTT_P = 0.05;
    static final double LENGTH_STD = 5;
    static final int MIN_LENGTH = 5;

    private final List<int[]> docs;
    private final int bs;
    private final int bptt;
    private final boolean train;
    private final int rowLen;
    private final int nBatches;

    private LmDataset(List<int[]> docs, int bs, int bptt, boolean train) {
        super(bs);
        this.docs = List.copyOf(docs);
        this.bs = bs;
        this.bptt = bptt;
        this.train = train;
        if (bs < 1 || bptt < 1) {
            throw new IllegalArgumentException("batch size and bptt must be positive: " + bs + ", " + bptt);
        }
        long total = this.docs.stream().mapToLong(d -> d.length).sum();
        if (total < minTokens(bs)) {
            throw new IllegalArgumentException(total + " tokens cannot fill " + bs + " rows of at least 2 tokens");
        }
        this.rowLen = (int) (total / bs);
        // the expected sequence length: 0.95·bptt + 0.05·bptt/2 for training, bptt for validation
        double expected = train ? bptt * (1 - HALF_BPTT_P / 2) : bptt;
        this.nBatches = (int) Math.min(rowLen - 1, Math.ceil((rowLen - 1) / expected));
    }

    /**
     * fastai's {@code valid_pct} split: a seeded random {@code validPct} of the documents, then the rest, as
     * {@code [train, valid]}.
     */
    public static List<List<int[]>> splitDocs(List<int[]> docs, double validPct, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int nValid = (int) Math.round(validPct * docs.size());
        return List.of(order.subList(nValid, docs.size()).stream().map(docs::get).toList(),
                order.subList(0, nValid).stream().map(docs::get).toList());
    }

    /** Tokens in {@code docs}. */
    public static long count(List<int[]> docs) {
        return docs.stream().mapToLong(d -> d.length).sum();
    }

    /** The fewest tokens that fill {@code bs} rows: two per row (one input, one target). */
    public static long minTokens(int bs) {
        return 2L * bs;
    }

    /** Shuffled documents and varied sequence lengths. */
    public static LmDataset train(List<int[]> docs, int bs, int bptt) {
        return new LmDataset(docs, bs, bptt, true);
    }

    /** Documents in order, fixed length. */
    public static LmDataset valid(List<int[]> docs, int bs, int bptt) {
        return new LmDataset(docs, bs, bptt, false);
    }

    public int bptt() {
        return bptt;
    }

    /** Tokens in the stream (rounded down to a multiple of the batch size). */
    public long tokens() {
        return (long) rowLen * bs;
    }

    /** Batches per epoch: the same every epoch, training or validation. */
    public int batches() {
        return nBatches;
    }

    @Override
    protected long availableSize() {
        return (long) nBatches * bs;
    }

    /** One row of one batch at the nominal length (used only to learn the input shape). */
    @Override
    public Record get(NDManager manager, long index) {
        int[] stream = stream(docs);
        int row = (int) (index % bs);
        int p = (int) (index / bs) * bptt;
        int len = Math.max(1, Math.min(bptt, rowLen - 1 - p));
        long[] x = new long[len];
        long[] y = new long[len];
        for (int t = 0; t < len; t++) {
            x[t] = stream[row * rowLen + p + t];
            y[t] = stream[row * rowLen + p + t + 1];
        }
        return new Record(new NDList(manager.create(x)), new NDList(manager.create(y)));
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        Integer seed = Engine.getInstance().getSeed();
        Random random = new Random(seed == null ? 0 : seed);
        List<int[]> order = docs;
        if (train) {
            order = new ArrayList<>(docs);
            Collections.shuffle(order, random);
        }
        int[] stream = stream(order);
        int[] lengths = train ? lengths(random) : fixedLengths();
        return () -> new Iterator<>() {
            int p;
            int j;

            @Override
            public boolean hasNext() {
                return j < lengths.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int len = lengths[j];
                long[] x = new long[bs * len];
                long[] y = new long[bs * len];
                for (int r = 0; r < bs; r++) {
                    int base = r * rowLen + p;
                    for (int t = 0; t < len; t++) {
                        x[r * len + t] = stream[base + t];
                        y[r * len + t] = stream[base + t + 1];
                    }
                }
                NDManager sub = manager.newSubManager();
                NDArray xs = sub.create(x, new Shape(bs, len));
                NDArray ys = sub.create(y, new Shape((long) bs * len));
                p += len;
                j++;
                return new Batch(sub, new NDList(xs), new NDList(ys), bs, Batchifier.STACK, Batchifier.STACK, j,
                        nBatches);
            }
        };
    }

    /**
     * One training epoch's sequence lengths: {@link #batches()} draws of {@link #sampleLength}, scaled so that they
     * sum to {@code rowLen - 1} (every token but the last of a row is an input exactly once); each at least 1.
     */
    int[] lengths(Random random) {
        int n = nBatches;
        long[] cum = new long[n + 1];
        for (int k = 0; k < n; k++) {
            cum[k + 1] = cum[k] + sampleLength(random, bptt);
        }
        int total = rowLen - 1;
        int[] out = new int[n];
        int prev = 0;
        for (int k = 1; k <= n; k++) {
            int cut = (int) Math.round((double) total * cum[k] / cum[n]);
            cut = Math.min(Math.max(cut, prev + 1), total - (n - k)); // strictly increasing, ends at total
            out[k - 1] = cut - prev;
            prev = cut;
        }
        return out;
    }

    /** Validation: {@code bptt} each, the last one shorter. */
    private int[] fixedLengths() {
        int[] out = new int[nBatches];
        for (int k = 0; k < nBatches; k++) {
            out[k] = Math.min(bptt, rowLen - 1 - k * bptt);
        }
        return out;
    }

    /** fastai v1's {@code LanguageModelLoader}: {@code max(5, int(normal(bptt or bptt/2, 5)))}. */
    static int sampleLength(Random random, int bptt) {
        double base = random.nextDouble() < 1 - HALF_BPTT_P ? bptt : bptt / 2.0;
        return Math.max(MIN_LENGTH, (int) (base + LENGTH_STD * random.nextGaussian()));
    }

    private static int[] stream(List<int[]> docs) {
        int n = docs.stream().mapToInt(d -> d.length).sum();
        int[] out = new int[n];
        int k = 0;
        for (int[] d : docs) {
            System.arraycopy(d, 0, out, k, d.length);
            k += d.length;
        }
        return out;
    }
}
