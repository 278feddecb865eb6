package ai.fastdjl.tabular;

/**
 * How wide each categorical variable's embedding is, from its number of levels {@code n} (including
 * {@code #na#}).
 */
public enum EmbeddingSizes {
    /**
     * fastai's {@code emb_sz_rule}: {@code min(600, round(1.6 · n^0.56))}, Jeremy Howard's fit to the sizes that
     * worked across many data sets. Two levels get 2; 1,115 Rossmann stores get 81.
     */
    FASTAI {
        @Override
        public int size(int n) {
            return (int) Math.min(600, Math.round(1.6 * Math.pow(n, 0.56)));
        }
    },
    /** The 2018 course's rule: {@code min(50, (n + 1) // 2)}, half the levels, at most 50. */
    COURSE_2018 {
        @Override
        public int size(int n) {
            return Math.min(50, (n + 1) / 2);
        }
    };

    /** Embedding width for a variable with {@code n} levels. */
    public abstract int size(int n);
}
