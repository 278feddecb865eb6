package ai.fastdjl.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Source–target pairs for an encoder–decoder in batches of similar target length (fastai's {@code SortishSampler}
 * as its seq2seq notebooks use it): a decoder runs as many steps as its batch's longest target, so a batch of short
 * words after a batch of long ones costs what it needs. Training shuffles, cuts into chunks of
 * {@link SortedTextDataset#CHUNK_BATCHES} batches, sorts each chunk by target length and shuffles the batches;
 * validation goes longest first. Training drops the last incomplete batch.
 *
 * <p>Batches hold {@code x: [bs, srcLen]} padded on the <b>left</b> (the encoder ends on a real token) and
 * {@code y: [bs, tgtLen]} padded on the right, both int32, each as wide as its batch's longest.
 */
public final class SortedPairs extends BatchedDataset {
    private final List<int[]> src;
    private final List<int[]> tgt;
    private final int bs;
    private final int pad;
    private final boolean train;

    public SortedPairs(List<int[]> src, List<int[]> tgt, int bs, int pad, boolean train) {
        super(bs);
        if (src.size() != tgt.size()) {
            throw new IllegalArgumentException(src.size() + " sources but " + tgt.size() + " targets");
        }
        this.src = List.copyOf(src);
        this.tgt = List.copyOf(tgt);
        this.bs = bs;
        this.pad = pad;
        this.train = train;
    }

    @Override
    protected long availableSize() {
        return src.size();
    }

    @Override
    public Record get(NDManager manager, long index) {
        return new Record(new NDList(manager.create(src.get((int) index))),
                new NDList(manager.create(tgt.get((int) index))));
    }

    /** The batches' indices. */
    List<int[]> order(Random random) {
        Integer[] idx = new Integer[src.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> longestFirst = Comparator.comparingInt((Integer i) -> tgt.get(i).length).reversed();
        List<Integer> order = new ArrayList<>(Arrays.asList(idx));
        if (random == null) {
            order.sort(longestFirst);
        } else {
            Collections.shuffle(order, random);
            int chunk = bs * SortedTextDataset.CHUNK_BATCHES;
            for (int c = 0; c < order.size(); c += chunk) {
                order.subList(c, Math.min(order.size(), c + chunk)).sort(longestFirst);
            }
        }
        List<int[]> batches = new ArrayList<>();
        int n = random == null ? order.size() : order.size() / bs * bs; // training: drop_last
        for (int b = 0; b < n; b += bs) {
            batches.add(order.subList(b, Math.min(n, b + bs)).stream().mapToInt(Integer::intValue).toArray());
        }
        if (random != null) {
            Collections.shuffle(batches, random);
        }
        return batches;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        Integer seed = Engine.getInstance().getSeed();
        List<int[]> batches = order(train ? new Random(seed == null ? 0 : seed) : null);
        return batches(manager, batches, (sub, ids) -> {
            int[] x = pack(ids, src, true);
            int[] y = pack(ids, tgt, false);
            return new NDList[] {new NDList(sub.create(x, new Shape(ids.length, x.length / ids.length))),
                new NDList(sub.create(y, new Shape(ids.length, y.length / ids.length)))};
        });
    }

    /** The rows {@code ids} of {@code seqs} padded to the longest, on the left or on the right, flattened. */
    private int[] pack(int[] ids, List<int[]> seqs, boolean left) {
        int len = 1;
        for (int i : ids) {
            len = Math.max(len, seqs.get(i).length);
        }
        int[] out = new int[ids.length * len];
        Arrays.fill(out, pad);
        for (int r = 0; r < ids.length; r++) {
            int[] s = seqs.get(ids[r]);
            System.arraycopy(s, 0, out, r * len + (left ? len - s.length : 0), s.length);
        }
        return out;
    }
}
