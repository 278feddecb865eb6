package ai.fastdjl.learner;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.ExitCode;

/**
 * Training produced a NaN or infinite loss: the run has no result. Thrown by the default {@link
 * ai.fastdjl.learner.NanGuard} (fastai's {@code TerminateOnNaNCallback}) and by the LR finder when the loss is not
 * finite even at its smallest rates; a lesson main ends with its message on one line and exit status
 * {@link Cli#EXIT_NON_FINITE}.
 */
public class NonFiniteLossException extends RuntimeException implements ExitCode {
    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return Cli.EXIT_NON_FINITE;
    }
}
