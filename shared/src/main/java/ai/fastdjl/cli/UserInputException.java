package ai.fastdjl.cli;

/**
 * A problem the person running a lesson can fix: a missing data folder, a bad flag, a malformed file.
 *
 * <p>The message is one line saying what was expected, where, and what to do. {@link Cli} prints it and exits
 * with status 2, without a stack trace unless {@code --debug} is given.
 */
public class UserInputException extends RuntimeException implements ExitCode {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return Cli.EXIT_USAGE;
    }
}
