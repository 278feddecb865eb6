package ai.fastdjl.collab;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ratings drawn from a known model: {@code r = 3 + b_u + b_i + u·i + ε} with Gaussian user and item biases (std
 * {@value #BIAS_STD}), rank-{@code rank} factors whose dot product has std {@value #DOT_STD}, and noise of std
 * {@code sigma}; each (user, item) pair is observed with probability {@code observed}. The best any model can do on
 * held-out pairs is to predict {@code r - ε}: an RMSE of {@code sigma}, the noise floor.
 */
final class LowRankRatings {
    static final double BIAS_STD = 0.4;
    static final double DOT_STD = 0.6;

    private LowRankRatings() {}

    static Ratings generate(int users, int items, int rank, double sigma, double observed, long seed) {
        Random r = new Random(seed);
        // var(u·i) = rank · s⁴ for independent N(0, s²) entries
        double s = Math.pow(DOT_STD * DOT_STD / rank, 0.25);
        double[][] u = gaussian(r, users, rank, s);
        double[][] v = gaussian(r, items, rank, s);
        double[] bu = gaussian(r, 1, users, BIAS_STD)[0];
        double[] bi = gaussian(r, 1, items, BIAS_STD)[0];
        List<String> us = new ArrayList<>();
        List<String> is = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        for (int a = 0; a < users; a++) {
            for (int b = 0; b < items; b++) {
                if (r.nextDouble() >= observed) {
                    continue;
                }
                double y = 3 + bu[a] + bi[b] + sigma * r.nextGaussian();
                for (int k = 0; k < rank; k++) {
                    y += u[a][k] * v[b][k];
                }
                us.add("u" + a);
                is.add("i" + b);
                ys.add((float) y);
            }
        }
        float[] y = new float[ys.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = ys.get(k);
        }
        return new Ratings(us.toArray(String[]::new), is.toArray(String[]::new), y, null, null);
    }

    /**
     * Validation RMSE of {@code block} after one cycle of {@code epochs} at {@code lr} (batches of 64, AdamW with the
     * course's wd 0.1), on one PyTorch thread: these tiny batches run several times faster so on a busy machine.
     */
    static double fit(CollabData d, Block block, int epochs, double lr) {
        Engine.getInstance(); // starts libtorch (under the numerics check's CPU setting) before the JNI call
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = CollabLearner.builder(d.loaders(m, 64), block, CollabLearner.WD,
                        CollabLearner.WeightDecay.DECOUPLED).seed(0).progress(Progress.NONE).build()) {
            learn.fitOneCycle(epochs, lr);
            return learn.recorder().last().metrics().get("rmse");
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static double[][] gaussian(Random r, int rows, int cols, double std) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int k = 0; k < cols; k++) {
                row[k] = std * r.nextGaussian();
            }
        }
        return out;
    }
}
