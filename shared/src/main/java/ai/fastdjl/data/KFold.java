package ai.fastdjl.data;

import ai.fastdjl.cli.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * k-fold cross-validation (scikit-learn's {@code KFold}): the rows, shuffled once by the seed, are cut into
 * {@code k} folds whose sizes differ by at most one; fold {@code i} validates a model trained on the other
 * {@code k − 1}. Every row is validated exactly once, so the course's point holds: "you can use all of the data",
 * and the {@code k} fold models are an ensemble for free.
 */
public final class KFold {
    private KFold() {}

    /** One fold: the rows to train on and the rows to validate on, each in increasing order. */
    public record Fold(int[] train, int[] valid) {}

    /**
     * The folds of {@code n} rows.
     *
     * @throws UserInputException when {@code k < 2} or there are fewer rows than folds (one line for {@code --folds})
     */
    public static List<Fold> split(int n, int k, long seed) {
        if (k < 2) {
            throw new UserInputException("--folds " + k + " is less than 2; cross-validation needs at least 2 folds"
                    + " (5 is usual)");
        }
        if (n < k) {
            throw new UserInputException("--folds " + k + " is more than the " + n + " training rows; pass at most " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] foldOf = new int[n];
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0); // scikit-learn: the first n % k folds get one more row
            for (int i = start; i < start + size; i++) {
                foldOf[order[i]] = f;
            }
            start += size;
        }
        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int ff = f;
            int[] valid = java.util.stream.IntStream.range(0, n).filter(i -> foldOf[i] == ff).toArray();
            int[] train = java.util.stream.IntStream.range(0, n).filter(i -> foldOf[i] != ff).toArray();
            folds.add(new Fold(train, valid));
        }
        return folds;
    }
}
