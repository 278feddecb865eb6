package ai.fastdjl.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.fastdjl.data.DataLoaders;
import java.util.ArrayList;
import java.util.List;

/** A model's raw outputs for a whole data set, and its targets (null when it has none): fastai's {@code get_preds}. */
public record Preds(NDArray output, NDArray target) {

    /** Runs {@code trainer}'s model in evaluation mode over {@code dataset}; the arrays live in {@code manager}. */
    static Preds of(Trainer trainer, RandomAccessDataset dataset, NDManager manager) {
        List<NDArray> outs = new ArrayList<>();
        List<NDArray> targets = new ArrayList<>();
        for (Batch batch : DataLoaders.batches(dataset, trainer.getManager())) {
            try (batch) {
                NDArray out = trainer.evaluate(batch.getData()).head();
                out.attach(manager);
                outs.add(out);
                if (!batch.getLabels().isEmpty()) {
                    NDArray y = batch.getLabels().head();
                    y.attach(manager);
                    targets.add(y);
                }
            }
        }
        NDArray out = NDArrays.concat(new NDList(outs));
        NDArray y = targets.isEmpty() ? null : NDArrays.concat(new NDList(targets));
        return new Preds(out, y);
    }
}
