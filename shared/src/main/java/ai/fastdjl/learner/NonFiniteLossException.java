package ai.fastdjl.learner;

/**
 * Training produced a NaN or infinite loss: the run has no result. Thrown by the default {@link
 * ai.fastdjl.callback.NanGuard} (fastai's {@code TerminateOnNaNCallback}) and by the LR finder when the loss is not
 * finite even at its smallest rates; a lesson main ends with its message on one line and exit status
 * {@link ai.fastdjl.cli.Cli#EXIT_NON_FINITE}.
 */
public class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String message) {
        super(message);
    }
}
