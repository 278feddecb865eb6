package ai.fastdjl.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test-time augmentation (fastai's {@code Learner.tta}): predict on {@code n} augmented copies of each image and on
 * the image itself, then blend: {@code (1-β)·mean(augmented) + β·plain}, fastai's {@code beta=0.25}. Averaging over
 * shifted and mirrored views smooths out predictions that hinge on a few pixels.
 */
public final class Tta {
    /** fastai's defaults: n=4 augmented passes, beta=0.25. */
    public static final int DEFAULT_N = 4;
    public static final double DEFAULT_BETA = 0.25;

    private Tta() {}

    /** Class probabilities {@code [N, C]} for {@code dataset}, in {@code out}. */
    public static NDArray predict(Learner learn, RandomAccessDataset dataset, Augment augment, int n, double beta,
            long seed, NDManager out) {
        Random r = new Random(seed);
        List<NDArray> blended = new ArrayList<>();
        for (Batch batch : DataLoaders.batches(dataset, learn.trainer().getManager())) {
            try (batch) {
                NDArray x = batch.getData().head();
                NDArray plain = learn.predict(new NDList(x)).head().softmax(-1);
                List<NDArray> aug = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    aug.add(learn.predict(new NDList(augment.apply(batch.getManager(), x, r))).head().softmax(-1));
                }
                NDArray p = blend(plain, NDArrays.stack(new NDList(aug)).mean(new int[] {0}), beta);
                p.attach(out);
                blended.add(p);
            }
        }
        return NDArrays.concat(new NDList(blended));
    }

    /** fastai: {@code torch.lerp(aug, plain, beta)} = {@code (1-β)·aug + β·plain}. */
    public static NDArray blend(NDArray plain, NDArray augMean, double beta) {
        return augMean.mul(1 - beta).add(plain.mul(beta));
    }
}
