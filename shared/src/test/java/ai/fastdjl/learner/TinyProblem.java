package ai.fastdjl.learner;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.fastdjl.data.DataLoaders;
import java.util.List;
import java.util.Random;

/** Three Gaussian blobs in 2-D: learnable to ~100 % in a few epochs, small enough for unit tests. */
final class TinyProblem {
    private TinyProblem() {}

    static DataLoaders blobs(NDManager m, int nTrain, int nValid, int bs) {
        return DataLoaders.fromArrays(x(m, nTrain, 1), y(nTrain, m), x(m, nValid, 2), y(nValid, m), bs,
                List.of("a", "b", "c"));
    }

    private static ai.djl.ndarray.NDArray x(NDManager m, int n, long seed) {
        Random r = new Random(seed);
        double[][] centres = {{-2, 0}, {2, 0}, {0, 3}};
        float[] f = new float[n * 2];
        for (int i = 0; i < n; i++) {
            f[2 * i] = (float) (centres[i % 3][0] + 0.7 * r.nextGaussian());
            f[2 * i + 1] = (float) (centres[i % 3][1] + 0.7 * r.nextGaussian());
        }
        return m.create(f, new Shape(n, 2));
    }

    private static ai.djl.ndarray.NDArray y(int n, NDManager m) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return m.create(y);
    }

    /** [body: linear, batchnorm, relu, dropout] [head: linear]. */
    static SequentialBlock mlp() {
        SequentialBlock body = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.1f).build());
        return new SequentialBlock().add(body).add(Linear.builder().setUnits(3).build());
    }
}
