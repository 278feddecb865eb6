package ai.fastdjl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.ConcatPooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A linear probe of a text encoder: the course's "simplest transfer, a linear model on the pretrained outputs",
 * applied to the ULMFiT encoder before any fine-tuning. The encoder, in evaluation mode, turns each text into the
 * classifier's concat-pooled representation (last, max and mean of its last layer); a logistic regression on those
 * features (standardised with the training texts' statistics) is scored on the test texts. Its margin over the same
 * probe of a randomly initialised encoder is what pretraining put into the features: the head start that gradual
 * unfreezing protects. A margin near zero says the pretrained encoder knows little the task can use, and that
 * fine-tuning will have to learn the features much as training from scratch does.
 */
public final class EncoderProbe {
    /** Inverse regularisation strengths tried; the one scoring best on a held-out fifth of the training texts wins. */
    static final double[] CS = {0.1, 1, 10, 100};
    static final double HELD_OUT = 0.2;
    static final double TOL = 1e-5;
    static final int MAX_ITER = 3_000;
    private static final int BATCH = 64;

    private EncoderProbe() {}

    /** Test accuracy and the regularisation strength chosen. */
    public record Result(double accuracy, double c) {}

    /** Probes {@code encoder} (initialised, any weights) with texts given as token indices. */
    public static Result probe(AwdLstm encoder, int pad, List<int[]> trainDocs, int[] trainY, List<int[]> testDocs,
            int[] testY, int classes, long seed, NDManager manager) {
        double[][] train = features(encoder, trainDocs, pad, manager);
        double[][] test = features(encoder, testDocs, pad, manager);
        double[][] stats = meanStd(train);
        List<TfIdf.Row> trainRows = rows(train, stats);
        List<TfIdf.Row> testRows = rows(test, stats);
        int k = Math.max(2, classes);
        int d = train[0].length;
        // pick C on a held-out fifth of the training texts, then refit on all of them
        List<Integer> idx = new ArrayList<>(IntStream.range(0, trainRows.size()).boxed().toList());
        Collections.shuffle(idx, new Random(seed));
        int nHeld = (int) Math.round(HELD_OUT * idx.size());
        List<Integer> held = idx.subList(0, nHeld);
        List<Integer> fit = idx.subList(nHeld, idx.size());
        double bestC = CS[0];
        double bestAcc = -1;
        for (double c : CS) {
            LogisticRegression lr = new LogisticRegression(d, k, c).fit(pick(trainRows, fit), pick(trainY, fit), TOL,
                    MAX_ITER);
            double acc = lr.accuracy(pick(trainRows, held), pick(trainY, held));
            if (acc > bestAcc) {
                bestAcc = acc;
                bestC = c;
            }
        }
        LogisticRegression lr = new LogisticRegression(d, k, bestC).fit(trainRows, trainY, TOL, MAX_ITER);
        return new Result(lr.accuracy(testRows, testY), bestC);
    }

    /**
     * The concat-pooled encoder output of each text ({@code 3 · emb} values), in evaluation mode from a zero state,
     * batched by length so little time goes to padding.
     */
    public static double[][] features(AwdLstm encoder, List<int[]> docs, int pad, NDManager manager) {
        Integer[] order = IntStream.range(0, docs.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> docs.get(i).length));
        double[][] out = new double[docs.size()][];
        for (int s = 0; s < order.length; s += BATCH) {
            int e = Math.min(order.length, s + BATCH);
            int len = 1;
            for (int i = s; i < e; i++) {
                len = Math.max(len, docs.get(order[i]).length);
            }
            long[] x = new long[(e - s) * len];
            Arrays.fill(x, pad);
            for (int i = s; i < e; i++) {
                int[] d = docs.get(order[i]);
                for (int t = 0; t < d.length; t++) {
                    x[(i - s) * len + t] = d[t];
                }
            }
            try (NDManager m = manager.newSubManager()) {
                NDArray xa = m.create(x, new Shape(e - s, len));
                NDArray h = encoder.forward(new ParameterStore(m, false), new NDList(xa), false).head();
                float[] f = ConcatPooling.pool(h, xa, pad).toFloatArray();
                int width = f.length / (e - s);
                for (int i = s; i < e; i++) {
                    double[] row = new double[width];
                    for (int j = 0; j < width; j++) {
                        row[j] = f[(i - s) * width + j];
                    }
                    out[order[i]] = row;
                }
            }
        }
        return out;
    }

    /** Column means and standard deviations, {@code [2][d]}. */
    static double[][] meanStd(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / x.length;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-8;
        }
        return new double[][] {mean, std};
    }

    /**
     * Standardised rows scaled to unit L2 norm, as {@link LogisticRegression} needs (its step size assumes norms
     * ≤ 1); the scale of each row carries no class information after standardisation.
     */
    static List<TfIdf.Row> rows(double[][] x, double[][] stats) {
        int d = x[0].length;
        int[] index = IntStream.range(0, d).toArray();
        List<TfIdf.Row> rows = new ArrayList<>(x.length);
        for (double[] r : x) {
            float[] v = new float[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double z = (r[j] - stats[0][j]) / stats[1][j];
                v[j] = (float) z;
                norm += z * z;
            }
            float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int j = 0; j < d; j++) {
                v[j] *= inv;
            }
            rows.add(new TfIdf.Row(index, v));
        }
        return rows;
    }

    private static List<TfIdf.Row> pick(List<TfIdf.Row> rows, List<Integer> idx) {
        return idx.stream().map(rows::get).toList();
    }

    private static int[] pick(int[] y, List<Integer> idx) {
        return idx.stream().mapToInt(i -> y[i]).toArray();
    }
}
