package ai.fastdjl.learner;

/**
 * Thrown by a callback to skip the rest of a batch, a phase, an epoch or the whole fit (fastai's
 * {@code CancelBatchException} and friends). The learner catches each at its own level, runs
 * {@link Callback#afterCancel} and goes on with the next one.
 */
public abstract class CancelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CancelException(String reason) {
        super(reason, null, false, false); // control flow: no stack trace to fill
    }

    /** Skips the rest of this batch, including the step. */
    public static final class Batch extends CancelException {
        private static final long serialVersionUID = 1L;

        public Batch(String reason) {
            super(reason);
        }
    }

    /** Skips the optimizer step of this batch. */
    public static final class Step extends CancelException {
        private static final long serialVersionUID = 1L;

        public Step(String reason) {
            super(reason);
        }
    }

    /** Skips the rest of this epoch's training phase. */
    public static final class Train extends CancelException {
        private static final long serialVersionUID = 1L;

        public Train(String reason) {
            super(reason);
        }
    }

    /** Skips this epoch's validation. */
    public static final class Validate extends CancelException {
        private static final long serialVersionUID = 1L;

        public Validate(String reason) {
            super(reason);
        }
    }

    /** Skips the rest of this epoch. */
    public static final class Epoch extends CancelException {
        private static final long serialVersionUID = 1L;

        public Epoch(String reason) {
            super(reason);
        }
    }

    /** Ends the fit. */
    public static final class Fit extends CancelException {
        private static final long serialVersionUID = 1L;

        public Fit(String reason) {
            super(reason);
        }
    }
}
