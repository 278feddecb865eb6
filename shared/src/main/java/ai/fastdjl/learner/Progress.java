package ai.fastdjl.learner;

/** How much a learner prints while it trains (its {@link ProgressCallback}). */
public enum Progress {
    /** Nothing (sub-learners, benchmarks, tests). */
    NONE,
    /** One table row per epoch, nothing during it ({@code --quiet}). */
    EPOCHS,
    /** The table and a live bar during each epoch (the default). */
    BATCHES;

    /** {@link #EPOCHS} when {@code quiet}, else {@link #BATCHES}: what {@code --quiet} means. */
    public static Progress quietIf(boolean quiet) {
        return quiet ? EPOCHS : BATCHES;
    }
}
