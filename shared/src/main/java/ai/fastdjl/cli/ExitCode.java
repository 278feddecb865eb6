package ai.fastdjl.cli;

/**
 * An exception that ends a lesson main with one line and a status of its own instead of a stack trace and 1
 * ({@link Cli#main}): bad input ({@link UserInputException}, 2), a loss that became NaN (3).
 */
public interface ExitCode {
    int exitCode();
}
