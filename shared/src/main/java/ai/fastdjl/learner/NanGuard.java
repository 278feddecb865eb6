package ai.fastdjl.learner;

import ai.fastdjl.numerics.Doctor;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Stops training when the loss becomes NaN or infinite (fastai's {@code TerminateOnNaNCallback}) and puts back the
 * weights from the end of the last good epoch, so the learner still holds a usable model. Once the loss is NaN every
 * later step only spreads NaN through the weights.
 *
 * <p>Every {@link Learner} has one that {@linkplain #fail() fails}: it throws {@link NonFiniteLossException}, writes
 * the last good weights and a README that says the run stopped into the run folder, and the main exits with status 3
 * instead of reporting numbers of a broken run. An experiment whose outcome is divergence (BatchNorm's "10x the
 * learning rate") passes its own {@link #NanGuard() recording} guard, which ends the fit and says why in
 * {@link #stopped()}. Neither acts while the LR finder runs (it lets the loss diverge on purpose, without logging).
 */
public class NanGuard implements Callback {
    private final boolean fail;
    private byte[] lastGood;
    private int lastGoodEpoch = -1;
    private String stopped;

    /** A guard that ends the fit quietly: for experiments that measure whether training diverges. */
    public NanGuard() {
        this(false);
    }

    private NanGuard(boolean fail) {
        this.fail = fail;
    }

    /** The default guard: a non-finite loss is an error, {@link NonFiniteLossException}. */
    public static NanGuard fail() {
        return new NanGuard(true);
    }

    /** Before the recorder, so a NaN never enters the history. */
    @Override
    public int order() {
        return Recorder.ORDER - 10;
    }

    @Override
    public void beforeFit(Learner learn) {
        if (!learn.logging()) {
            return; // the LR finder restores the weights itself
        }
        snapshot(learn);
        lastGoodEpoch = -1;
        stopped = null;
    }

    @Override
    public void afterBatch(Learner learn) {
        if (!learn.training() || learn.loss() == null || !learn.logging()) {
            return;
        }
        float loss = learn.loss().getFloat();
        if (Float.isFinite(loss)) {
            return;
        }
        restore(learn);
        stopped = String.format(Locale.ROOT,
                "loss is %s at epoch %d, batch %d (lr %.3g); restored the weights from %s; lower the learning rate",
                loss, learn.epoch(), learn.iter(), learn.opt().groups().get(learn.opt().groups().size() - 1)
                        .get(ai.fastdjl.optim.Hyper.LR),
                lastGoodEpoch < 0 ? "before this fit" : "the end of epoch " + lastGoodEpoch);
        if (!fail) {
            throw new CancelException.Fit(stopped);
        }
        String message = "training stopped: " + stopped + " (--lr), or run the doctor if it happens at any rate ("
                + Doctor.COMMAND + ")";
        // the learner's run folder, or else the main's (a comparison's learners often write none of their own)
        RunFolder run = learn.run() != null ? learn.run() : RunFolder.current().orElse(null);
        if (run != null) {
            learn.save(run.file("last-good-weights.params"), false);
            RunReport.writeStopped(run, message);
            message += "; last good weights and README in " + run.dir();
        }
        throw new NonFiniteLossException(message);
    }

    /** Every training loss of the epoch was finite (else {@link #afterBatch} had stopped the fit): keep these. */
    @Override
    public void afterEpoch(Learner learn) {
        if (!learn.logging()) {
            return;
        }
        snapshot(learn);
        lastGoodEpoch = learn.epoch();
    }

    /** Why training stopped, or null if it did not. */
    public String stopped() {
        return stopped;
    }

    private void snapshot(Learner learn) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ai.fastdjl.learner.Weights.save(learn.block(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastGood = bytes.toByteArray();
    }

    private void restore(Learner learn) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(lastGood))) {
            ai.fastdjl.learner.Weights.load(learn.block(), in, learn.model().getNDManager());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore the last good weights", e);
        }
    }
}
