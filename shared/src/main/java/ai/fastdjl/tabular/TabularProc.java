package ai.fastdjl.tabular;

import tech.tablesaw.api.Table;

/**
 * A preprocessing step fitted on the training rows only and then applied unchanged to training, validation and
 * test rows (fastai's {@code TabularProc}): what the validation set looks like must never leak into its own
 * preprocessing, exactly as it would not be known in production.
 */
public interface TabularProc {

    /** Learns the step's state (vocabularies, medians, means) from the training rows. */
    void setup(Table train);

    /** Applies the learned step to {@code t}, changing it in place, and returns it. */
    Table apply(Table t);
}
