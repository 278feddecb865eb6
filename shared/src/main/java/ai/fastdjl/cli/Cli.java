package ai.fastdjl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Parses a lesson's flags and turns input problems into one line and exit status 2.
 *
 * <p>Lesson mains follow DJL's examples: {@code main(args)} calls {@code run(args)}, which returns a result record a
 * test can assert on. {@code run} throws {@link UserInputException}; only {@code main} exits.
 */
public final class Cli {
    /** Exit status for bad input (flags, data, files), as in {@code sysexits}-style CLIs and picocli's default. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for a run whose loss became NaN or infinite: it has no result (see {@code NanGuard}). */
    public static final int EXIT_NON_FINITE = 3;

    private Cli() {}

    /**
     * Fills {@code options} (a picocli-annotated object) from {@code args}.
     *
     * @return false when help was requested (already printed); true when the caller should go on
     * @throws UserInputException for an unknown flag or a bad value
     */
    public static boolean parse(String[] args, Object options) {
        return command(args, options) != null;
    }

    /**
     * As {@link #parse}, returning the parsed command (its name, its mixins) for a caller that needs them, or null
     * when help was requested.
     */
    public static CommandLine command(String[] args, Object options) {
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UserInputException(
                    e.getMessage() + " (see --help for " + cl.getCommandName() + "'s flags)", e);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return null;
        }
        return cl;
    }

    /** Refuses a bad flag value before any work: one line, {@code message}, and exit status 2 (through {@link #main}). */
    public static void check(boolean bad, String message) {
        if (bad) {
            throw new UserInputException(message);
        }
    }

    /**
     * Runs a lesson's {@code run(args)} and exits: 0 on success, 2 with one line on bad input, 3 with one line when
     * the loss became NaN or infinite.
     */
    public static void main(String[] args, Callable<?> run) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setProperty("java.awt.headless", "true");
        if (debug) {
            System.setProperty(UserInputException.DEBUG_PROPERTY, "true");
        }
        int status = 0;
        try {
            run.call();
        } catch (Exception e) {
            if (e instanceof ExitCode code) {
                System.err.println("error: " + e.getMessage());
                if (debug) {
                    e.printStackTrace();
                }
                status = code.exitCode();
            } else {
                e.printStackTrace();
                status = 1;
            }
        }
        System.exit(status);
    }
}
