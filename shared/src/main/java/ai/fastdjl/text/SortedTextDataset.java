package ai.fastdjl.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.fastdjl.data.DataLoaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Labelled texts in batches of similar length, padded with {@code xxpad}: fastai's {@code SortedDL}. Sorting keeps
 * padding (wasted computation) small; training still shuffles: the indices are shuffled, cut into chunks of 50
 * batches, each chunk sorted by length, and the resulting batches shuffled (the longest batch first, so a run that
 * runs out of memory does so at once). Validation goes longest first. Training drops the last incomplete batch.
 *
 * <p>Padding goes at the end, unlike fastai (which pads in front and lets its encoder skip whole padding chunks):
 * an LSTM reads left to right, so the outputs at the real tokens are then exactly those of the unpadded text, and
 * the classifier's pooling masks the padding out.
 *
 * <p>Batches hold {@code x: [bs, len]} token indices and {@code y: [bs]} class indices (int64).
 */
public final class SortedTextDataset extends BatchedDataset {
    /** fastai's SortedDL sorts within chunks of 50 batches. */
    static final int CHUNK_BATCHES = 50;
    private final List<int[]> docs;
    private final int[] labels;
    private final int bs;
    private final boolean train;
    private final int pad;

    /**
     * @param docs token indices of each text (truncate long texts before)
     * @param labels class index of each text
     * @param pad the vocabulary's {@code xxpad} index
     * @param train shuffle (within length chunks) and drop the last incomplete batch
     */
    public SortedTextDataset(List<int[]> docs, int[] labels, int bs, int pad, boolean train) {
        super(bs);
        if (docs.size() != labels.length) {
            throw new IllegalArgumentException(docs.size() + " texts but " + labels.length + " labels");
        }
        this.docs = List.copyOf(docs);
        this.labels = labels.clone();
        this.bs = bs;
        this.pad = pad;
        this.train = train;
    }

    /**
     * Classifier loaders: training texts shuffled in length chunks, test (or validation) texts longest first;
     * training drops its last incomplete batch, so {@code bs} is capped at the number of training texts.
     */
    public static DataLoaders loaders(List<int[]> trainDocs, int[] trainLabels, List<int[]> validDocs,
            int[] validLabels, int bs, int pad, List<String> classes) {
        int b = Math.max(1, Math.min(bs, trainDocs.size()));
        return new DataLoaders(new SortedTextDataset(trainDocs, trainLabels, b, pad, true),
                new SortedTextDataset(validDocs, validLabels, b, pad, false), b, true, classes);
    }

    /**
     * Each text cut to its first {@code maxLen} tokens. fastai's classifier reads a whole text but back-propagates
     * through its last {@code max_len} tokens only (72 · 20 = 1,440, its {@code SentenceEncoder}); on a CPU budget
     * we read at most {@code maxLen} tokens, keeping the beginning ({@code xxbos} and the opening words).
     */
    public static List<int[]> truncate(List<int[]> docs, int maxLen) {
        return docs.stream().map(d -> d.length > maxLen ? Arrays.copyOf(d, maxLen) : d).toList();
    }

    @Override
    protected long availableSize() {
        return docs.size();
    }

    public int[] labels() {
        return labels.clone();
    }

    /** The texts in the order this dataset's validation batches hold them (longest first). */
    public int[] validOrder() {
        return order(null).stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int[] d = docs.get((int) index);
        long[] x = Arrays.stream(d).asLongStream().toArray();
        return new Record(new NDList(manager.create(x)), new NDList(manager.create((long) labels[(int) index])));
    }

    /** The batches' indices: fastai's {@code SortedDL.get_idxs}. */
    List<int[]> order(Random random) {
        Integer[] idx = new Integer[docs.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> longestFirst = Comparator.comparingInt((Integer i) -> docs.get(i).length).reversed();
        List<int[]> batches = new ArrayList<>();
        if (random == null) {
            Arrays.sort(idx, longestFirst);
            for (int i = 0; i < idx.length; i += bs) {
                batches.add(slice(idx, i, Math.min(idx.length, i + bs)));
            }
            return batches;
        }
        List<Integer> shuffled = new ArrayList<>(Arrays.asList(idx));
        Collections.shuffle(shuffled, random);
        int chunk = bs * CHUNK_BATCHES;
        for (int c = 0; c < shuffled.size(); c += chunk) {
            shuffled.subList(c, Math.min(shuffled.size(), c + chunk)).sort(longestFirst);
        }
        Integer[] sorted = shuffled.toArray(Integer[]::new);
        int full = sorted.length / bs; // drop_last
        for (int b = 0; b < full; b++) {
            batches.add(slice(sorted, b * bs, (b + 1) * bs));
        }
        if (batches.size() > 1) {
            // the batch with the longest text goes first, the rest in random order
            int longest = 0;
            for (int b = 1; b < batches.size(); b++) {
                if (docs.get(batches.get(b)[0]).length > docs.get(batches.get(longest)[0]).length) {
                    longest = b;
                }
            }
            int[] first = batches.remove(longest);
            Collections.shuffle(batches, random);
            batches.add(0, first);
        }
        return batches;
    }

    private static int[] slice(Integer[] a, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = a[i];
        }
        return out;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        Integer seed = Engine.getInstance().getSeed();
        List<int[]> batches = order(train ? new Random(seed == null ? 0 : seed) : null);
        return batches(manager, batches, (sub, ids) -> {
            int len = 1;
            for (int i : ids) {
                len = Math.max(len, docs.get(i).length);
            }
            long[] x = new long[ids.length * len];
            long[] y = new long[ids.length];
            Arrays.fill(x, pad);
            for (int r = 0; r < ids.length; r++) {
                int[] d = docs.get(ids[r]);
                for (int t = 0; t < d.length; t++) {
                    x[r * len + t] = d[t];
                }
                y[r] = labels[ids[r]];
            }
            return new NDList[] {new NDList(sub.create(x, new Shape(ids.length, len))), new NDList(sub.create(y))};
        });
    }
}
