package ai.fastdjl.lesson;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command that reruns a lesson main with the same flags, from the project's root: {@code ./fastdjl MAIN ARGS}, the
 * launcher that builds the main's lesson module and starts it with the JVM settings and environment of {@code -Prun}.
 */
public record Reproduce(String main, List<String> args) {
    /** What a shell passes through as one word without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    public Reproduce {
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return "./fastdjl " + main + args.stream().map(a -> " " + (PLAIN.matcher(a).matches() ? a
                : "'" + a.replace("'", "'\\''") + "'")).collect(Collectors.joining());
    }
}
