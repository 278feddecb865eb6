package ai.fastdjl.learner;

import ai.djl.training.evaluator.Evaluator;
import java.io.PrintStream;
import java.util.Locale;

/**
 * fastai's progress table (one row per epoch: losses, metrics, time) with a live bar while an epoch trains. In a
 * terminal the bar redraws in place; in a log (CI, a pipe) it prints a line at each quarter of the epoch instead, so
 * logs stay short and readable.
 */
public class ProgressCallback implements Callback {
    public static final int ORDER = 70;
    private static final int BAR_WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean batches;
    private long batchStart;
    private long samples;
    private int lastQuarter;
    private boolean header;

    public ProgressCallback() {
        this(System.out, System.console() != null, true);
    }

    /** @param batches false for one line per epoch and nothing during it ({@code --quiet}) */
    public ProgressCallback(PrintStream out, boolean terminal, boolean batches) {
        this.out = out;
        this.terminal = terminal;
        this.batches = batches;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void beforeFit(Learner learn) {
        header = false;
    }

    @Override
    public void beforeTrain(Learner learn) {
        batchStart = System.nanoTime();
        samples = 0;
        lastQuarter = 0;
    }

    @Override
    public void afterBatch(Learner learn) {
        if (!batches || !learn.training() || !learn.logging() || learn.yb() == null) {
            return;
        }
        samples += learn.yb().head().getShape().get(0);
        int done = learn.iter() + 1;
        int total = learn.nIter();
        double secs = (System.nanoTime() - batchStart) / 1e9;
        // fastai's bar shows elapsed<remaining; here the rest of this epoch's training and of the fit's, at this
        // epoch's pace (validation not counted), so a long run (ULMFiT's stage 1) says when it will end
        double perBatch = secs / done;
        long epochLeft = Math.round(perBatch * (total - done));
        long fitLeft = epochLeft + Math.round(perBatch * total * Math.max(0, learn.nEpoch() - learn.epoch() - 1));
        String stats = String.format(Locale.ROOT, "%d/%d loss %.4f %.0f samples/s, %s<%s%s", done, total,
                learn.recorder().smoothLoss(), samples / Math.max(secs, 1e-9), clock(Math.round(secs)),
                clock(epochLeft), learn.epoch() < learn.nEpoch() - 1 ? " (fit: " + clock(fitLeft) + " left)" : "");
        if (terminal) {
            int filled = (int) ((long) BAR_WIDTH * done / total);
            out.print("\r[" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + stats + "   ");
            out.flush();
        } else {
            int quarter = (int) (4L * done / total);
            if (quarter > lastQuarter && done < total) {
                lastQuarter = quarter;
                out.println("  epoch " + learn.epoch() + ": " + stats);
            }
        }
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public void afterTrain(Learner learn) {
        if (batches && terminal && learn.logging()) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 100) + "\r");
        }
    }

    @Override
    public void afterEpoch(Learner learn) {
        if (!learn.logging()) {
            return;
        }
        Recorder.EpochRow row = learn.recorder().last();
        if (row == null) {
            return;
        }
        if (!header) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s %-11s %-11s", "epoch", "train_loss", "valid_loss"));
            for (Evaluator m : learn.metrics()) { // the learner's, as an epoch without validation has none
                h.append(String.format(Locale.ROOT, " %-11s", m.getName()));
            }
            out.println(h.append(" time"));
            header = true;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-6d %-11.6f %-11s", learn.epoch(),
                row.trainLoss(), row.validated() ? String.format(Locale.ROOT, "%.6f", row.validLoss())
                        : Recorder.NOT_COMPUTED));
        for (Evaluator m : learn.metrics()) {
            Double v = row.metrics().get(m.getName());
            s.append(String.format(Locale.ROOT, " %-11s", v != null ? String.format(Locale.ROOT, "%.6f", v)
                    : Recorder.NOT_COMPUTED));
        }
        out.println(s.append(" ").append(clock(Math.round(row.seconds()))));
    }

    @Override
    public void afterCancel(Learner learn, CancelException cancel) {
        if (cancel instanceof CancelException.Fit && learn.logging()) {
            out.println("training stopped: " + cancel.getMessage());
        }
    }
}
