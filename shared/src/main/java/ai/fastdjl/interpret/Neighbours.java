package ai.fastdjl.interpret;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Nearest neighbours of a row among rows of numbers, by brute force (exact; thousands of rows take milliseconds).
 * Cosine similarity is the course's measure between embedding vectors (fastbook ch. 8: "the movie most similar to
 * Silence of the Lambs" by the cosine of the angle between item factors), since a vector's length there carries
 * popularity or confidence rather than kind; Euclidean distance suits standardised inputs.
 */
public final class Neighbours {
    private Neighbours() {}

    /** A row and its similarity (cosine) or distance (Euclidean) to the query. */
    public record Neighbour(int row, double value) {}

    /** The cosine of the angle between {@code a} and {@code b}; 0 if either is all zeros. */
    public static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The {@code k} rows of {@code x} with the largest cosine similarity to row {@code query}, itself left out. */
    public static Neighbour[] cosine(double[][] x, int query, int k) {
        double[] s = Arrays.stream(x).mapToDouble(r -> cosine(r, x[query])).toArray();
        return top(s, k, query, true);
    }

    /** The {@code k} rows of {@code x} nearest {@code q} in Euclidean distance. */
    public static Neighbour[] euclidean(double[][] x, double[] q, int k) {
        double[] d = Arrays.stream(x).mapToDouble(r -> Math.sqrt(IntStream.range(0, q.length)
                .mapToDouble(j -> (r[j] - q[j]) * (r[j] - q[j])).sum())).toArray();
        return top(d, k, -1, false);
    }

    /** The mean of {@code y} over the first {@code k} of {@code near} (a k-nearest-neighbour prediction). */
    public static double meanTarget(double[] y, Neighbour[] near, int k) {
        return Arrays.stream(near).limit(k).mapToDouble(n -> y[n.row()]).average().orElse(Double.NaN);
    }

    private static Neighbour[] top(double[] v, int k, int exclude, boolean largest) {
        Comparator<Integer> order = Comparator.comparingDouble(j -> v[j]);
        return IntStream.range(0, v.length).filter(j -> j != exclude).boxed()
                .sorted((largest ? order.reversed() : order).thenComparingInt(j -> j)).limit(k)
                .map(j -> new Neighbour(j, v[j])).toArray(Neighbour[]::new);
    }
}
