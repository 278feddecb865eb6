package ai.fastdjl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A training and a validation set with their batch size: fastai's {@code DataLoaders}. Built on DJL
 * {@link RandomAccessDataset}s, whose samplers batch and shuffle; an {@link ArrayDataset} batches by gathering
 * whole index slices, one native call per batch.
 *
 * <p>Training batches are shuffled and drop the last incomplete batch (fastai: {@code shuffle=True,
 * drop_last=True}) so BatchNorm never sees a batch of one; validation keeps order and every sample.
 */
public final class DataLoaders {
    private final RandomAccessDataset train;
    private final RandomAccessDataset valid;
    private final int batchSize;
    private final List<String> classes;
    private final boolean dropLast;

    public DataLoaders(
            RandomAccessDataset train, RandomAccessDataset valid, int batchSize, boolean dropLast, List<String> classes) {
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.classes = List.copyOf(classes);
    }

    /** Loaders over in-memory arrays: samples along axis 0. The arrays must outlive the loaders. */
    public static DataLoaders fromArrays(
            NDArray xTrain, NDArray yTrain, NDArray xValid, NDArray yValid, int batchSize, List<String> classes) {
        boolean dropLast = xTrain.getShape().get(0) >= batchSize;
        return new DataLoaders(
                arrays(xTrain, yTrain, batchSize, true, dropLast),
                arrays(xValid, yValid, batchSize, false, false),
                batchSize,
                dropLast,
                classes);
    }

    /** One {@link ArrayDataset} over {@code x} and {@code y}. */
    public static ArrayDataset arrays(NDArray x, NDArray y, int batchSize, boolean shuffle, boolean dropLast) {
        return new ArrayDataset.Builder()
                .setData(x)
                .optLabels(y)
                .setSampling(batchSize, shuffle, dropLast)
                .build();
    }

    public RandomAccessDataset train() {
        return train;
    }

    public RandomAccessDataset valid() {
        return valid;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Class names for a classifier (fastai's {@code vocab}); empty for regression. */
    public List<String> classes() {
        return classes;
    }

    /** Training batches in one epoch. */
    public int trainBatches() {
        long n = train.size();
        return (int) (dropLast ? n / batchSize : (n + batchSize - 1) / batchSize);
    }

    /** Shapes of one sample's inputs with a leading batch axis of 1, to initialise a model. */
    public Shape[] inputShapes(NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDList data = train.get(scratch, 0).getData();
            return data.stream()
                    .map(a -> new Shape(1).addAll(a.getShape()))
                    .toArray(Shape[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Iterates {@code dataset} in batches whose arrays live in sub-managers of {@code manager}. */
    public static Iterable<Batch> batches(RandomAccessDataset dataset, NDManager manager) {
        try {
            return dataset.getData(manager);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
    }
}
