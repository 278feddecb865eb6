package ai.fastdjl.text;

import java.util.List;

/**
 * The baselines a text classifier must beat: always answering the most frequent training class, and bag-of-words
 * logistic regression on TF-IDF of word 1- and 2-grams with scikit-learn's defaults ({@code C = 1}), the classic
 * linear model the ULMFiT paper and the course compare with.
 */
public final class TextBaselines {
    /** scikit-learn's LogisticRegression defaults: C=1.0, tol=1e-4 (max_iter 100 of lbfgs; ours is first-order). */
    public static final double C = 1.0;
    static final double TOL = 1e-4;
    static final int MAX_ITER = 2_000;

    private TextBaselines() {}

    /** Test accuracy of answering the most frequent training label (ties: the lowest index). */
    public static double majority(int[] trainLabels, int[] testLabels) {
        int k = 0;
        for (int y : trainLabels) {
            k = Math.max(k, y + 1);
        }
        int[] counts = new int[k];
        for (int y : trainLabels) {
            counts[y]++;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        int ok = 0;
        for (int y : testLabels) {
            ok += y == best ? 1 : 0;
        }
        return (double) ok / testLabels.length;
    }

    /** Test accuracy of logistic regression on TF-IDF of 1- and 2-grams fitted to the training texts. */
    public static double tfidfLogistic(List<String> trainTexts, int[] trainLabels, List<String> testTexts,
            int[] testLabels, int classes) {
        TfIdf tfidf = new TfIdf(2);
        List<TfIdf.Row> train = tfidf.fitTransform(trainTexts);
        LogisticRegression lr = new LogisticRegression(tfidf.features(), Math.max(2, classes), C)
                .fit(train, trainLabels, TOL, MAX_ITER);
        return lr.accuracy(tfidf.transform(testTexts), testLabels);
    }
}
