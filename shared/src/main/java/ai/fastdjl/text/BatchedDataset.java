package ai.fastdjl.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A text data set that is in memory from the start and makes its own batches (DJL's sampler only counts them):
 * the DJL plumbing {@link LmDataset} and {@link SortedTextDataset} share.
 */
abstract class BatchedDataset extends RandomAccessDataset {

    /** {@code batchSize} is the sampler's; the subclass's {@code getData} decides what a batch holds. */
    BatchedDataset(int batchSize) {
        super(new Builder().setSampling(batchSize, false));
    }

    @Override
    public void prepare(Progress progress) {}

    /** What one batch holds: its data and labels, made in the batch's own manager. */
    interface BatchMaker {
        NDList[] make(NDManager sub, int[] ids);
    }

    /**
     * The batches {@code order} lists (sample indices each), made one at a time by {@code maker}, each in a
     * sub-manager of {@code manager} that closes with the batch.
     */
    static Iterable<Batch> batches(NDManager manager, List<int[]> order, BatchMaker maker) {
        return () -> new Iterator<>() {
            int b;

            @Override
            public boolean hasNext() {
                return b < order.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] ids = order.get(b++);
                NDManager sub = manager.newSubManager();
                NDList[] xy = maker.make(sub, ids);
                return new Batch(sub, xy[0], xy[1], ids.length, Batchifier.STACK, Batchifier.STACK, b, order.size());
            }
        };
    }

    private static final class Builder extends BaseBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
