package ai.fastdjl.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Ratings split into training and validation, with users and items numbered for embedding lookups: fastai's
 * {@code CollabDataLoaders}.
 *
 * <p>As fastai's {@code Categorify}, the numbering comes from the training split only and index 0 is
 * {@code #na#}: a validation user or item never seen in training maps to 0, whose embedding training never touches
 * (weight decay pulls it to zero, so the prediction falls back on the other side's bias). A random split leaves few
 * of those (MovieLens, seed 42: 724 of 20,001); a time split many (18,140: new users arrive over time), which is
 * why it is harder.
 */
public final class CollabData {
    /** fastai's name for the unknown category. */
    public static final String NA = "#na#";

    /** How validation ratings are chosen. */
    public enum Split {
        /** A seeded random {@code validPct} of the ratings (fastai's {@code RandomSplitter(valid_pct, seed)}). */
        RANDOM,
        /** The latest {@code validPct} of the ratings by timestamp: train on the past, predict the future. */
        TIME
    }

    private final Ratings ratings;
    private final List<String> users = new ArrayList<>(List.of(NA));
    private final List<String> items = new ArrayList<>(List.of(NA));
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final int[] trainRows;
    private final int[] validRows;
    private final int[] itemCounts;
    private final double trainMean;

    private CollabData(Ratings ratings, int[] trainRows, int[] validRows) {
        this.ratings = ratings;
        this.trainRows = trainRows;
        this.validRows = validRows;
        double sum = 0;
        for (int k : trainRows) {
            userIndex.computeIfAbsent(ratings.user(k), s -> add(users, s));
            itemIndex.computeIfAbsent(ratings.item(k), s -> add(items, s));
            sum += ratings.rating(k);
        }
        trainMean = sum / trainRows.length;
        itemCounts = new int[items.size()];
        for (int k : trainRows) {
            itemCounts[itemIndex.get(ratings.item(k))]++;
        }
    }

    private static int add(List<String> vocab, String s) {
        vocab.add(s);
        return vocab.size() - 1;
    }

    /** Splits {@code r}; {@code seed} drives the random split (fastai's default: {@code valid_pct=0.2}). */
    public static CollabData split(Ratings r, Split split, double validPct, long seed) {
        int n = r.size();
        int nValid = (int) Math.round(n * validPct);
        if (nValid < 1 || nValid >= n) {
            throw new UserInputException(n + " ratings cannot be split " + validPct + " for validation; use more"
                    + " ratings or another --valid-pct");
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, k -> k);
        if (split == Split.TIME) {
            if (!r.hasTimes()) {
                throw new UserInputException("--split time needs a time column; pass --time COL or use --split random");
            }
            long[] t = r.times();
            Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b])); // stable: ties keep file order
        } else {
            Random rnd = new Random(seed);
            for (int k = n - 1; k > 0; k--) { // Fisher-Yates
                int j = rnd.nextInt(k + 1);
                Integer tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
            }
        }
        int[] train = new int[n - nValid];
        int[] valid = new int[nValid];
        for (int k = 0; k < n; k++) {
            if (k < train.length) {
                train[k] = order[k];
            } else {
                valid[k - train.length] = order[k];
            }
        }
        if (split == Split.RANDOM) {
            Arrays.sort(train);
            Arrays.sort(valid);
        }
        return new CollabData(r, train, valid);
    }

    /**
     * Training batches of {@code bs} (shuffled, last partial batch dropped) and validation batches; x is
     * {@code int64 [N, 2]} (user index, item index), y is {@code float32 [N]}. Arrays live in {@code manager}.
     */
    public DataLoaders loaders(NDManager manager, int bs) {
        return DataLoaders.fromArrays(x(manager, trainRows), y(manager, trainRows), x(manager, validRows),
                y(manager, validRows), bs, List.of());
    }

    private NDArray x(NDManager m, int[] rows) {
        long[] x = new long[rows.length * 2];
        for (int k = 0; k < rows.length; k++) {
            x[2 * k] = userIndex(ratings.user(rows[k]));
            x[2 * k + 1] = itemIndex(ratings.item(rows[k]));
        }
        return m.create(x, new Shape(rows.length, 2));
    }

    private NDArray y(NDManager m, int[] rows) {
        float[] y = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            y[k] = ratings.rating(rows[k]);
        }
        return m.create(y);
    }

    /** Index of a user id, 0 ({@code #na#}) when training never saw it. */
    public int userIndex(String user) {
        return userIndex.getOrDefault(user, 0);
    }

    public int itemIndex(String item) {
        return itemIndex.getOrDefault(item, 0);
    }

    /** Users by index, {@code #na#} first. */
    public List<String> users() {
        return users;
    }

    /** Items by index, {@code #na#} first. */
    public List<String> items() {
        return items;
    }

    public String title(int itemIndex) {
        return ratings.title(items.get(itemIndex));
    }

    /** Training ratings per item index. */
    public int[] itemCounts() {
        return itemCounts;
    }

    public double trainMean() {
        return trainMean;
    }

    public Ratings ratings() {
        return ratings;
    }

    /** Row numbers (into {@link #ratings()}) of the training ratings. */
    public int[] trainRows() {
        return trainRows;
    }

    public int[] validRows() {
        return validRows;
    }

    /** Columns of a split as indices: {@code [users, items]}, and its ratings. */
    public int[][] indices(int[] rows) {
        int[][] out = new int[2][rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[0][k] = userIndex(ratings.user(rows[k]));
            out[1][k] = itemIndex(ratings.item(rows[k]));
        }
        return out;
    }

    public float[] targets(int[] rows) {
        float[] y = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            y[k] = ratings.rating(rows[k]);
        }
        return y;
    }

    /** Validation ratings whose user or item training never saw (cold start). */
    public int coldValid() {
        int n = 0;
        for (int k : validRows) {
            if (userIndex(ratings.user(k)) == 0 || itemIndex(ratings.item(k)) == 0) {
                n++;
            }
        }
        return n;
    }

    /** Item indices a user rated anywhere in the data (not to be recommended again). */
    public Set<Integer> rated(String user) {
        Set<Integer> out = new HashSet<>();
        for (int k = 0; k < ratings.size(); k++) {
            if (ratings.user(k).equals(user)) {
                out.add(itemIndex(ratings.item(k)));
            }
        }
        return out;
    }
}
