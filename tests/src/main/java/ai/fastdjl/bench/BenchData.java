package ai.fastdjl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.seq.Seq2Seq;
import java.util.Arrays;
import java.util.Random;

/**
 * The benchmark's synthetic data, with targets a model can learn, so that each run shows its training loss falling:
 * a throughput of a run whose arithmetic went wrong measures nothing, and random targets would hide that (the loss
 * of a model fitting noise barely moves either way). The arithmetic per batch is the same as with any other values
 * of these shapes. {@code tests/bench/torch_bench.py}'s {@code data} builds the same rules for the PyTorch side.
 */
final class BenchData {
    private BenchData() {}

    /**
     * Image classes: the decile of an image's mean pixel among all {@code means} (0-9). A global average decides it,
     * which both the MLP and the ResNet (global pooling) can learn.
     */
    static int[] decileLabels(float[] pixels, int n) {
        int per = pixels.length / n;
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                s += pixels[j];
            }
            means[i] = s / per;
        }
        double[] sorted = means.clone();
        Arrays.sort(sorted);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            // rank of the mean, scaled to 10 classes of equal size
            int rank = Arrays.binarySearch(sorted, means[i]);
            labels[i] = (int) ((long) Math.max(rank, 0) * 10 / n);
        }
        return labels;
    }

    /**
     * Ratings of a hidden dot-product model, the structure lesson 2's model assumes: {@code 3 + b_u + b_i + u·i/√k}
     * with biases N(0, 0.5²) and k = 5 hidden factors N(0, 1), clipped to the table's 0.5-5 stars.
     */
    static float[] dotRatings(long[] users, long[] items, int nUsers, int nItems, Random r) {
        int k = 5;
        double[][] u = gaussians(nUsers, k, r);
        double[][] v = gaussians(nItems, k, r);
        double[][] ub = gaussians(nUsers, 1, r);
        double[][] ib = gaussians(nItems, 1, r);
        float[] y = new float[users.length];
        for (int n = 0; n < y.length; n++) {
            int a = (int) users[n];
            int b = (int) items[n];
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += u[a][f] * v[b][f];
            }
            double rating = 3 + 0.5 * ub[a][0] + 0.5 * ib[b][0] + dot / Math.sqrt(k);
            y[n] = (float) Math.min(5, Math.max(0.5, rating));
        }
        return y;
    }

    /**
     * Tabular targets: {@code 8 + Σ effect[column][category] + 0.3·(cont0 - cont1)}, effects N(0, 0.3²), clipped to
     * the model's 6-10 range.
     */
    static float[] tabularTargets(long[][] cats, int[] cards, float[][] conts, Random r) {
        double[][][] effect = new double[cards.length][][];
        for (int c = 0; c < cards.length; c++) {
            effect[c] = gaussians(cards[c], 1, r);
        }
        float[] y = new float[cats.length];
        for (int n = 0; n < y.length; n++) {
            double t = 8 + 0.3 * (conts[n][0] - conts[n][1]);
            for (int c = 0; c < cards.length; c++) {
                t += 0.3 * effect[c][(int) cats[n][c]][0];
            }
            y[n] = (float) Math.min(10, Math.max(6, t));
        }
        return y;
    }

    /**
     * A token stream drawn from Zipf's law ({@code P(k) ∝ 1/(k+1)}), the shape of word frequencies in text: a
     * language model learns it within a few dozen batches (the loss falls from ln(vocab) towards the law's entropy),
     * where uniform tokens leave nothing to learn.
     */
    static int[] zipfTokens(int length, int vocab, Random r) {
        double[] cumulative = new double[vocab];
        double sum = 0;
        for (int k = 0; k < vocab; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        int[] doc = new int[length];
        for (int i = 0; i < length; i++) {
            int k = Arrays.binarySearch(cumulative, r.nextDouble() * sum);
            doc[i] = Math.min(k >= 0 ? k : -k - 1, vocab - 1);
        }
        return doc;
    }

    /** {@code n} random (user, film) pairs of the given table sizes as an (n, 2) array, rated by {@link #dotRatings}. */
    static NDArray[] ratings(NDManager m, int n, int nUsers, int nItems) {
        Random r = new Random(0);
        long[] users = new long[n];
        long[] items = new long[n];
        long[] pairs = new long[2 * n];
        for (int i = 0; i < n; i++) {
            users[i] = pairs[2 * i] = r.nextInt(nUsers);
            items[i] = pairs[2 * i + 1] = r.nextInt(nItems);
        }
        float[] y = dotRatings(users, items, nUsers, nItems, r);
        return new NDArray[] {m.create(pairs, new Shape(n, 2)), m.create(y)};
    }

    /** {@code n} images of Fashion-MNIST's shape with N(0, 1) pixels: the arithmetic is measured, not the data. */
    static NDArray randomImages(NDManager m, int n) {
        Random r = new Random(0);
        float[] f = new float[n * 28 * 28];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return m.create(f, new Shape(n, 1, 28, 28));
    }

    /** {@code n} images of Fashion-MNIST's shape with N(0, 1) pixels, and their {@link #decileLabels}. */
    static NDArray[] images(NDManager m, int n) {
        NDArray x = randomImages(m, n);
        long[] labels = Arrays.stream(decileLabels(x.toFloatArray(), n)).asLongStream().toArray();
        return new NDArray[] {x, m.create(labels, new Shape(n))};
    }

    /**
     * Spelling-shaped pairs for the encoder-decoder: {@code n} sources of {@code len} random sounds (ids after
     * Seq2Seq's PAD, BOS and EOS, {@code sounds} in all, specials included) and targets of one letter per sound,
     * {@code BOS + 2 + (sound - 3) mod 26}, then EOS: the decoder's attention has to find which sound each letter
     * spells. Both {@code int32 [n, len]} and {@code [n, len + 1]}.
     */
    static NDArray[] spellings(NDManager m, int n, int sounds, int len) {
        Random r = new Random(0);
        int[] src = new int[n * len];
        int[] tgt = new int[n * (len + 1)];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                int sound = Seq2Seq.EOS + 1 + r.nextInt(sounds - Seq2Seq.EOS - 1);
                src[i * len + t] = sound;
                tgt[i * (len + 1) + t] = Seq2Seq.EOS + 1 + (sound - Seq2Seq.EOS - 1) % LETTERS;
            }
            tgt[i * (len + 1) + len] = Seq2Seq.EOS;
        }
        return new NDArray[] {m.create(src, new Shape(n, len)), m.create(tgt, new Shape(n, len + 1))};
    }

    /** The alphabet's letters: lesson 3's SpellingData targets. */
    static final int LETTERS = 26;

    private static double[][] gaussians(int rows, int cols, Random r) {
        double[][] g = new double[rows][cols];
        for (double[] row : g) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return g;
    }
}
