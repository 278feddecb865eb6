package ai.fastdjl.callback;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Recorder;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves the model after every epoch ({@code last.ckpt}: weights, optimizer state and history, enough to resume)
 * and whenever the monitored value improves ({@code best.params}), as fastai's {@code SaveModelCallback}. A run
 * stopped at any epoch boundary resumes with {@link #resume} and ends with the metrics of an uninterrupted run:
 * the learner reseeds every epoch from the run's seed, and the checkpoint holds everything else.
 */
public class Checkpoint implements Callback {
    public static final String LAST = "last.ckpt";
    public static final String LAST_STATE = "last.json";
    public static final String BEST = "best.params";
    private static final Gson GSON = new Gson();
    private final String monitor;
    private final boolean lowerIsBetter;
    private double best;

    /** Monitors validation loss (fastai's default). */
    public Checkpoint() {
        this("valid_loss", true);
    }

    /** Monitors {@code monitor}: {@code "valid_loss"} or a metric name such as {@code "accuracy"}. */
    public Checkpoint(String monitor, boolean lowerIsBetter) {
        this.monitor = monitor;
        this.lowerIsBetter = lowerIsBetter;
        this.best = lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** After the recorder has written the epoch's row. */
    @Override
    public int order() {
        return Recorder.ORDER + 5;
    }

    /** What {@code last.json} holds besides the weights. */
    record State(int epoch, int nEpoch, Recorder.State recorder, double best) {}

    @Override
    public void afterEpoch(Learner learn) {
        if (!learn.logging() || learn.run() == null) {
            return;
        }
        Recorder.EpochRow row = learn.recorder().last();
        double value = "valid_loss".equals(monitor) ? row.validLoss() : row.metrics().getOrDefault(monitor, Double.NaN);
        boolean improved = lowerIsBetter ? value < best : value > best;
        if (improved) {
            best = value;
            learn.save(learn.run().file(BEST), false);
        }
        learn.save(learn.run().file(LAST), true);
        State s = new State(learn.epoch(), learn.nEpoch(), learn.recorder().state(), best);
        try {
            Files.writeString(learn.run().file(LAST_STATE), GSON.toJson(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the last checkpoint in {@code runDir} into {@code learn} and makes its next fit start at the following
     * epoch. Call it, then the same fit the interrupted run called.
     *
     * @return the epoch the next fit starts at
     */
    public int resume(Learner learn, Path runDir) {
        Path state = runDir.resolve(LAST_STATE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(runDir.resolve(LAST))) {
            throw new UserInputException(
                    "no checkpoint in " + runDir + " (expected " + LAST + " and " + LAST_STATE
                            + "); pass the run folder of a run that finished at least one epoch");
        }
        try {
            State s = GSON.fromJson(Files.readString(state), new TypeToken<State>() {}.getType());
            learn.load(runDir.resolve(LAST));
            learn.recorder().restore(s.recorder());
            best = s.best();
            learn.startAtEpoch(s.epoch() + 1);
            return s.epoch() + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the best weights saved so far. */
    public static void loadBest(Learner learn) {
        learn.load(learn.run().file(BEST));
    }

    List<String> files() {
        return List.of(LAST, LAST_STATE, BEST);
    }
}
