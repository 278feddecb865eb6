package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a lesson main in its own JVM, as a person would, to see its exit status and output. */
final class MainProcess {
    record Result(int exit, String stdout, String stderr) {}

    private MainProcess() {}

    /** The project's root: the tests run in the {@code tests} module's folder. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** The README's way: {@code ./fastdjl MAIN ARGS} from the project's root (it builds with Maven first). */
    static Result launch(String main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("fastdjl").toString(), main));
        cmd.addAll(List.of(args));
        return start(new ProcessBuilder(cmd).directory(ROOT.toFile()), main);
    }

    static Result run(Class<?> main, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same offline DJL settings the build gives this test JVM
        for (String p : new String[] {"ai.djl.offline", "ai.djl.util.cuda.fork", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(env);
        return start(pb, main.getSimpleName());
    }

    private static Result start(ProcessBuilder pb, String name) throws IOException, InterruptedException {
        Process p = pb.start();
        // small outputs: read both after exit is safe only with redirects, so drain stderr on a thread
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in 5 minutes");
        }
        t.join();
        return new Result(p.exitValue(), out, err.join());
    }

    /** The run exited with status 2 and printed exactly one message line, starting with {@code start}. */
    static void assertOneLine(Result r, String start) {
        assertEquals(2, r.exit(), r.stderr());
        List<String> lines = messageLines(r.stderr());
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).startsWith(start), lines.get(0));
    }

    /**
     * stderr without DJL's and SLF4J's log lines and the data fetcher's progress ({@code [data] ...}, only on a
     * machine that has not fetched the data yet): what a person reads as the program's own message.
     */
    static List<String> messageLines(String stderr) {
        return stderr.lines().filter(l -> !l.isBlank() && !l.startsWith("[main] INFO") && !l.startsWith("SLF4J")
                && !l.startsWith("[data] ")).toList();
    }
}
