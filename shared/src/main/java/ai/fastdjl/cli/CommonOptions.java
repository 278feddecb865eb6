package ai.fastdjl.cli;

import ai.fastdjl.data.DataLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Flags every lesson main shares, parsed in one place (a picocli mixin). A main adds its own flags next to
 * {@code @Mixin CommonOptions common;}.
 */
public class CommonOptions {

    @Option(names = "--epochs", description = "Training epochs (default: the lesson's budget).")
    public Integer epochs;

    @Option(names = {"--bs", "--batch-size"}, description = "Mini-batch size (default: the lesson's).")
    public Integer batchSize;

    @Option(names = "--lr", description = "Learning rate; default: the LR finder's suggestion or the lesson's.")
    public Double lr;

    @Option(names = "--limit", description = "Use at most this many training samples (smoke runs, quick demos).")
    public Integer limit;

    @Option(names = "--valid-limit", description = "Use at most this many validation/test samples.")
    public Integer validLimit;

    @Option(names = "--max-batches", description = "Stop each epoch after this many training batches.")
    public Integer maxBatches;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed repeats a CPU run exactly.")
    public int seed = 42; // the same defaults without picocli: a notebook fills these fields itself

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives this run's sub-folder.")
    public Path out = Path.of("runs");

    @Option(names = "--data", description = "Data folder to use instead of the cache / system copy.")
    public Path data;

    @Option(names = "--no-fetch", description = "Never fetch missing data; fail with the command that would.")
    public boolean noFetch;

    @Option(names = "--full", description = "Use the lesson's full budget (more epochs / data) instead of the quick default.")
    public boolean full;

    @Option(names = "--quiet", description = "No per-batch progress, only one line per epoch.")
    public boolean quiet;

    @Option(names = "--debug", description = "Print stack traces for input errors.")
    public boolean debug;

    /** {@code --data} and {@code --no-fetch} as one value, for the data sets' loaders. */
    public DataLocation data() {
        return new DataLocation(data, !noFetch);
    }

    /** The value of {@code --epochs}, or the lesson's default (its full-budget default with {@code --full}). */
    public int epochs(int quick, int full) {
        return epochs != null ? epochs : (this.full ? full : quick);
    }

    public int batchSize(int dflt) {
        return batchSize != null ? batchSize : dflt;
    }
}
