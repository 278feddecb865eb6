package ai.fastdjl.cli;

/**
 * A problem the person running a lesson can fix: a missing data folder, a bad flag, a malformed file.
 *
 * <p>The message is one line saying what was expected, where, and what to do. {@link Cli} prints it and exits
 * with status 2, without a stack trace unless {@code --debug} is given.
 */
public class UserInputException extends RuntimeException implements ExitCode {
    private static final long serialVersionUID = 1L;

    /** Set by {@code --debug} ({@link Cli#main}): only then does a problem of the input carry a stack trace. */
    public static final String DEBUG_PROPERTY = "fastdjl.debug";

    public UserInputException(String message) {
        this(message, null);
    }

    /**
     * Without {@code --debug} the exception has no stack trace, so wherever it surfaces (a main, a notebook cell, a
     * test report) it reads as its one line: the frames say nothing the person running the lesson can act on.
     */
    public UserInputException(String message, Throwable cause) {
        super(message, cause, true, Boolean.getBoolean(DEBUG_PROPERTY));
    }

    @Override
    public int exitCode() {
        return Cli.EXIT_USAGE;
    }
}
