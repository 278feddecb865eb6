package ai.fastdjl.lesson;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command that reruns a lesson main with the same flags, from the project's root (the README's form):
 * {@code mvn -q -pl MODULE -am package -DskipTests -Prun -Dmain=MAIN -Dargs="ARGS"}.
 */
public record Reproduce(String module, String main, List<String> args) {
    /** What a flag may hold and still pass through {@code -Dargs="…"} and exec's split on spaces unquoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    public Reproduce {
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        String flags = args.stream().map(a -> PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        return "mvn -q -pl " + module + " -am package -DskipTests -Prun -Dmain=" + main
                + (flags.isEmpty() ? "" : " -Dargs=\"" + flags + "\"");
    }
}
