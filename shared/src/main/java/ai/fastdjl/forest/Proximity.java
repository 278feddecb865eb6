package ai.fastdjl.forest;

import ai.fastdjl.interpret.Neighbours.Neighbour;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Random-forest proximity (Breiman 2001; Breiman &amp; Cutler's "proximities" in their random-forests manual): two
 * rows are close when many trees put them in the same leaf. Counting only the trees for which both rows were
 * out of bag (R randomForest's {@code oob.prox = TRUE}) keeps a tree from calling two rows similar just because it
 * was fitted to both: proximity(i, j) = (trees where i and j are both out of bag and share a leaf) / (trees where
 * both are out of bag). A row that no tree saw (a validation row) is out of bag for every tree, so its proximity
 * to training row j is counted over the trees that did not see j. A row's proximity with itself is 1, the
 * largest there is. Unlike a distance on the raw inputs, it weighs each input by how much the forest used it to
 * predict the target, and needs no scaling of the inputs or coding of the categories.
 */
public final class Proximity {
    private final RandomForest forest;
    private final int[][] leaves; // [training row][tree]

    private Proximity(RandomForest forest, int[][] leaves) {
        this.forest = forest;
        this.leaves = leaves;
    }

    /** Proximities among and to {@code train}, the rows {@code forest} was fitted on, in the same order. */
    public static Proximity of(RandomForest forest, double[][] train) {
        return new Proximity(forest, forest.leaves(train));
    }

    /** Proximity of training row {@code i} to every training row (NaN where no tree had both out of bag). */
    public double[] ofTrainingRow(int i) {
        return proximity(leaves[i], i);
    }

    /** Proximity of a new row {@code x} (not a training row) to every training row. */
    public double[] ofNewRow(double[] x) {
        return proximity(forest.leaves(new double[][] {x})[0], -1);
    }

    /**
     * The {@code k} training rows with the largest proximity in {@code p}, leaving out {@code exclude} (or -1) and
     * rows that share no leaf with the query (fully grown trees have leaves of a row or two, so those are most rows,
     * and they are no neighbours): fewer than {@code k} when fewer share one.
     */
    public static Neighbour[] nearest(double[] p, int k, int exclude) {
        return IntStream.range(0, p.length).filter(j -> j != exclude && p[j] > 0).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -p[j]).thenComparingInt(j -> j)).limit(k)
                .map(j -> new Neighbour(j, p[j])).toArray(Neighbour[]::new);
    }

    /** The mean of {@code y} over the training rows weighted by their proximity {@code p} (NaN where none shares a leaf). */
    public static double weightedMean(double[] p, double[] y) {
        double sum = 0;
        double weight = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] > 0) {
                sum += p[j] * y[j];
                weight += p[j];
            }
        }
        return weight > 0 ? sum / weight : Double.NaN;
    }

    private double[] proximity(int[] query, int self) {
        int n = leaves.length;
        int[] shared = new int[n];
        int[] both = new int[n];
        for (int t = 0; t < forest.size(); t++) {
            if (self >= 0 && forest.inBag(t, self)) {
                continue; // this tree saw the query row
            }
            for (int j = 0; j < n; j++) {
                if (!forest.inBag(t, j)) {
                    both[j]++;
                    shared[j] += leaves[j][t] == query[t] ? 1 : 0;
                }
            }
        }
        double[] p = new double[n];
        Arrays.setAll(p, j -> both[j] == 0 ? Double.NaN : (double) shared[j] / both[j]);
        return p;
    }
}
