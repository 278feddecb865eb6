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
public final class TinyProblem {
    private TinyProblem() {}

    public static DataLoaders blobs(NDManager m, int nTrain, int nValid, int bs) {
        return blobs(m, nTrain, nValid, bs, 0);
    }

    /** The same points with every label moved {@code shift} classes on (mod 3): labels that contradict a teacher. */
    public static DataLoaders blobs(NDManager m, int nTrain, int nValid, int bs, int shift) {
        return DataLoaders.fromArrays(x(m, nTrain, 1), y(nTrain, m, shift), x(m, nValid, 2), y(nValid, m, shift), bs,
                List.of("a", "b", "c"));
    }

    /** {@code n} points of the training blobs (the same draws as blobs' training set of n). */
    public static ai.djl.ndarray.NDArray points(NDManager m, int n) {
        return x(m, n, 1);
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

    private static ai.djl.ndarray.NDArray y(int n, NDManager m, int shift) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i + shift) % 3;
        }
        return m.create(y);
    }

    /** [body: linear, batchnorm, relu, dropout] [head: linear]. */
    public static SequentialBlock mlp() {
        SequentialBlock body = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.1f).build());
        return new SequentialBlock().add(body).add(Linear.builder().setUnits(3).build());
    }
}
