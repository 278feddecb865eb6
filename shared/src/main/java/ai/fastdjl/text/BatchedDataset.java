package ai.fastdjl.text;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.util.Progress;

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

    private static final class Builder extends BaseBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
