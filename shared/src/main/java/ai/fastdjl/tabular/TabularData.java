package ai.fastdjl.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.data.DataLoaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows after {@link TabularProcessor}: category codes {@code cats[row][j]}, normalised numbers
 * {@code conts[row][j]} and the (possibly log) target, with the inputs' names. Gives the model's input arrays,
 * and the feature matrix a random forest reads (codes as ordinal numbers, or learned embeddings in their place).
 */
public record TabularData(int[][] cats, float[][] conts, float[] y, List<String> catNames, List<String> contNames) {

    public int rows() {
        return cats.length;
    }

    /** The model's inputs: {@code [cats (int64, rows × nCat)]} then {@code [conts (float32, rows × nCont)]}. */
    public NDList inputs(NDManager m) {
        NDList out = new NDList();
        int n = rows();
        if (!catNames.isEmpty()) {
            long[] flat = new long[n * catNames.size()];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < catNames.size(); j++) {
                    flat[i * catNames.size() + j] = cats[i][j];
                }
            }
            out.add(m.create(flat, new Shape(n, catNames.size())));
        }
        if (!contNames.isEmpty()) {
            float[] flat = new float[n * contNames.size()];
            for (int i = 0; i < n; i++) {
                System.arraycopy(conts[i], 0, flat, i * contNames.size(), contNames.size());
            }
            out.add(m.create(flat, new Shape(n, contNames.size())));
        }
        return out;
    }

    public NDArray target(NDManager m) {
        return m.create(y);
    }

    /** The target as doubles (log-space when the processor logs it). */
    public double[] yDouble() {
        double[] d = new double[y.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = y[i];
        }
        return d;
    }

    /** The target as class codes (a classifier's processor stores them as whole floats). */
    public int[] classCodes() {
        int[] c = new int[y.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) y[i];
        }
        return c;
    }

    /** The rows {@code idx}, in that order (a fold of cross-validation). */
    public TabularData subset(int[] idx) {
        int[][] c = new int[idx.length][];
        float[][] x = new float[idx.length][];
        float[] t = y == null ? null : new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            c[i] = cats[idx[i]];
            x[i] = conts[idx[i]];
            if (t != null) {
                t[i] = y[idx[i]];
            }
        }
        return new TabularData(c, x, t, catNames, contNames);
    }

    /** Features for a tree model: category codes as ordinal numbers (fastai's ML course), then the numbers. */
    public double[][] features() {
        double[][] x = new double[rows()][catNames.size() + contNames.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < catNames.size(); j++) {
                x[i][j] = cats[i][j];
            }
            for (int j = 0; j < contNames.size(); j++) {
                x[i][catNames.size() + j] = conts[i][j];
            }
        }
        return x;
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>(catNames);
        names.addAll(contNames);
        return names;
    }

    /**
     * Features with each category replaced by its learned embedding vector (Guo &amp; Berkhahn 2016: embeddings
     * learned by a network help other models), then the numbers. {@code embeddings.get(j)[code]} is category
     * {@code j}'s vector.
     */
    public double[][] features(List<float[][]> embeddings) {
        int width = embeddings.stream().mapToInt(e -> e[0].length).sum() + contNames.size();
        double[][] x = new double[rows()][width];
        for (int i = 0; i < x.length; i++) {
            int k = 0;
            for (int j = 0; j < catNames.size(); j++) {
                for (float v : embeddings.get(j)[cats[i][j]]) {
                    x[i][k++] = v;
                }
            }
            for (int j = 0; j < contNames.size(); j++) {
                x[i][k++] = conts[i][j];
            }
        }
        return x;
    }

    /** Column names of {@link #features(List)}: {@code city_0, city_1, …}, then the numbers. */
    public static List<String> embeddingFeatureNames(TabularData d, List<float[][]> embeddings) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d.catNames.size(); j++) {
            for (int k = 0; k < embeddings.get(j)[0].length; k++) {
                names.add(d.catNames.get(j) + "_" + k);
            }
        }
        names.addAll(d.contNames);
        return names;
    }

    /** Column indices of {@link #features(List)} per input variable, to permute a whole embedding at once. */
    public static Map<String, int[]> embeddingFeatureGroups(TabularData d, List<float[][]> embeddings) {
        Map<String, int[]> groups = new LinkedHashMap<>();
        int k = 0;
        for (int j = 0; j < d.catNames.size(); j++) {
            int w = embeddings.get(j)[0].length;
            int[] idx = new int[w];
            for (int a = 0; a < w; a++) {
                idx[a] = k++;
            }
            groups.put(d.catNames.get(j), idx);
        }
        for (String c : d.contNames) {
            groups.put(c, new int[] {k++});
        }
        return groups;
    }

    /**
     * Loaders over processed rows: batches of {@code (cats, conts)} and the target. The arrays live in {@code m},
     * which must outlive the loaders.
     */
    public static DataLoaders loaders(NDManager m, TabularData train, TabularData valid, int batchSize) {
        boolean dropLast = train.rows() >= batchSize;
        return new DataLoaders(dataset(m, train, batchSize, true, dropLast), dataset(m, valid, batchSize, false, false),
                batchSize, dropLast, List.of());
    }

    private static ArrayDataset dataset(NDManager m, TabularData d, int bs, boolean shuffle, boolean dropLast) {
        return new ArrayDataset.Builder()
                .setData(d.inputs(m).toArray(NDArray[]::new))
                .optLabels(d.target(m))
                .setSampling(bs, shuffle, dropLast)
                .build();
    }
}
