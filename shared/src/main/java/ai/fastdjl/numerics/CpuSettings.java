package ai.fastdjl.numerics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per CPU, the {@link CpuSetting} libtorch runs under ({@link #best}: the fastest oneDNN setting whose
 * wrong kernels, if any, are convolutions {@link ConvCheck} can avoid per model), and applies it before libtorch
 * loads. Environment switches such as {@code DNNL_MAX_CPU_ISA} are read by oneDNN on its first kernel and never again,
 * so each candidate is tried in a child JVM; the choice is cached ({@link ChoiceCache}). Every way into the project
 * starts the engine through {@link CheckedEngineProvider}, which calls {@link #beforeLoad} and {@link #afterLoad}:
 * the README commands, tests, the benchmark, {@code java} by hand and an IDE alike.
 *
 * <p>Overrides: {@code -Dfastdjl.cpu.setting=ID} or {@code FASTDJL_CPU_SETTING=ID} (ids from
 * {@link CpuSetting#id()}) applies that setting without a check; a {@code DNNL_MAX_CPU_ISA} already in the
 * environment is left alone (the doctor still checks it).
 */
public final class CpuSettings {
    private static final Logger LOG = LoggerFactory.getLogger(CpuSettings.class);
    public static final String PROPERTY = "fastdjl.cpu.setting";
    public static final String ENV = "FASTDJL_CPU_SETTING";
    private static final String PROBE = "--probe";

    /**
     * What was applied and why.
     *
     * @param setting the setting in force
     * @param source how it was chosen: {@code check}, {@code cache FILE}, {@code forced by ...}, {@code environment}
     * @param probes what the check found under each setting it tried (from the cache: as found then)
     */
    public record Choice(CpuSetting setting, String source, List<String> probes) {
        static final String FORCED = "forced by " + PROPERTY + "/" + ENV;
        static final String ENVIRONMENT = "environment (DNNL_MAX_CPU_ISA set by the user)";

        /** Set by the user ({@link #PROPERTY}/{@link #ENV}): applied as is, not avoided per model. */
        public boolean forced() {
            return source.equals(FORCED);
        }

        /** The user's own {@code DNNL_MAX_CPU_ISA}, left alone. */
        public boolean fromEnvironment() {
            return source.equals(ENVIRONMENT);
        }
    }

    private static Choice applied;

    private CpuSettings() {}

    /** The setting in force in this JVM, or null before the engine started. */
    public static synchronized Choice applied() {
        return applied;
    }

    /** Chooses the setting (check or cache) and sets what libtorch must see before it loads. Idempotent. */
    static synchronized Choice beforeLoad() {
        if (applied != null) {
            return applied;
        }
        Choice c = choose(false);
        c.setting().env().forEach(LibTorch::setenv);
        if (c.setting().oneThread()) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (c.setting() != CpuSetting.DEFAULT && !c.forced()) {
            LOG.info("numerics: {}, chosen by the numerics check ({}); the doctor explains: {}",
                    c.setting().describe(), c.source(), Doctor.COMMAND);
        }
        applied = c;
        return c;
    }

    /** Applies what needs a loaded libtorch (the oneDNN and NNPACK switches). */
    static synchronized void afterLoad() {
        // PyTorch asks NNPACK about every convolution oneDNN does not run (the check's float64 references, a model
        // without oneDNN), and on a CPU whose caches the OS does not report NNPACK refuses each time with a warning
        // line on stderr ("Could not initialize NNPACK! Reason: Unsupported hardware", 120 lines for 60 calls);
        // those convolutions then take ATen's own path, which is where they go with NNPACK off.
        try {
            LibTorch.setNnpackEnabled(false);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("numerics: cannot switch NNPACK off ({}); libtorch may print NNPACK warnings", e.toString());
        }
        if (applied != null && applied.setting().oneDnnOff()) {
            LibTorch.setOneDnnEnabled(false);
        }
    }

    /**
     * The forced setting if any, else the cached choice, else a fresh selection (child JVMs, about 8 s per setting
     * tried, written to the cache). {@code fresh} ignores the cache.
     */
    static Choice choose(boolean fresh) {
        String forced = System.getProperty(PROPERTY, System.getenv(ENV));
        if (forced != null && !forced.isBlank()) {
            CpuSetting s = CpuSetting.byId(forced);
            if (s == null) {
                throw new IllegalArgumentException("unknown " + PROPERTY + " '" + forced + "'; use one of "
                        + java.util.Arrays.stream(CpuSetting.values()).map(CpuSetting::id).toList());
            }
            return new Choice(s, Choice.FORCED, List.of());
        }
        if (System.getenv("DNNL_MAX_CPU_ISA") != null || System.getenv("ONEDNN_MAX_CPU_ISA") != null) {
            return new Choice(CpuSetting.DEFAULT, Choice.ENVIRONMENT, List.of());
        }
        Path cache = ChoiceCache.file();
        if (!fresh && Files.isRegularFile(cache)) {
            Choice c = ChoiceCache.read(cache);
            if (c != null) {
                return c;
            }
        }
        Choice c = select();
        ChoiceCache.write(cache, c);
        return new Choice(c.setting(), "check, cached in " + cache, c.probes());
    }

    /**
     * One candidate's verdict from its child JVM: the failing kernels, and whether each is a convolution that is
     * right with oneDNN off (then {@link ConvCheck} can avoid it per model).
     */
    record Probe(CpuSetting setting, List<String> failures, boolean allRecoverable) {
        String summary() {
            return setting.id() + ": " + (failures.isEmpty() ? "all kernels right" : failures.size()
                    + (failures.size() == 1 ? " kernel" : " kernels") + " wrong"
                    + (allRecoverable ? " (convolutions, right without oneDNN)" : "") + ": "
                    + String.join("; ", failures.subList(0, Math.min(2, failures.size())))
                    + (failures.size() > 2 ? "; ..." : ""));
        }
    }

    /**
     * Tries each candidate in a child JVM, fastest first. Among the settings that keep oneDNN on, it keeps the one
     * with the fewest wrong kernels, provided all of them are convolutions that are right without oneDNN: a model
     * that contains one then runs without oneDNN ({@link ConvCheck}), every other model at oneDNN's speed, so such a
     * setting is never slower than oneDNN off for any model. Only when no such setting exists does oneDNN go off for
     * the whole process (then one thread, the last resort). Stops at the first setting with no wrong kernel.
     */
    private static Choice select() {
        LOG.info("numerics: checking this CPU's float32 kernels against float64 (once per CPU, 10-40 s)...");
        List<Probe> probes = new ArrayList<>();
        for (CpuSetting s : CpuSetting.values()) {
            if (!s.candidate() || s.oneDnnOff() && best(probes) != null) {
                continue;
            }
            Probe p = probe(s);
            probes.add(p);
            if (p.failures().isEmpty()) {
                break;
            }
        }
        List<String> notes = probes.stream().map(Probe::summary).toList();
        Probe best = best(probes);
        if (best == null) {
            LOG.warn("numerics: no setting passes the check on this CPU; training may give wrong numbers. Run the"
                    + " doctor: {}", Doctor.COMMAND);
            return new Choice(CpuSetting.ONE_THREAD, "check (no setting passed)", notes);
        }
        return new Choice(best.setting(), "check", notes);
    }

    /**
     * The rule of {@link #select}: among oneDNN settings whose wrong kernels are all convolutions right without
     * oneDNN, the one with the fewest (the earlier, faster one on a tie); else the first oneDNN-off setting with none;
     * else null.
     */
    static Probe best(List<Probe> probes) {
        Probe best = null;
        for (Probe p : probes) {
            if (!p.setting().oneDnnOff() && p.allRecoverable()
                    && (best == null || p.failures().size() < best.failures().size())) {
                best = p;
            }
        }
        if (best == null) {
            best = probes.stream().filter(p -> p.setting().oneDnnOff() && p.failures().isEmpty()).findFirst()
                    .orElse(null);
        }
        return best;
    }

    /** Runs the check in a child JVM under {@code s}. */
    static Probe probe(CpuSetting s) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the parent's engine settings (offline, cache folders, threads), not its debugger or agents
            if (arg.startsWith("-D") && !arg.startsWith("-D" + PROPERTY) || arg.startsWith("-Xss")) {
                cmd.add(arg);
            }
        }
        cmd.add("-D" + PROPERTY + "=" + s.id());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CpuSettings.class.getName());
        cmd.add(PROBE);
        List<String> failures = new ArrayList<>();
        boolean recoverable = true;
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            boolean finished = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("FAIL ")) {
                        failures.add(line.substring(5));
                        recoverable = false;
                    } else if (line.startsWith("FAIL-RECOVERS ")) {
                        failures.add(line.substring(14));
                    } else if (line.equals("DONE")) {
                        finished = true;
                    }
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                finished = false;
            }
            if (!finished) {
                failures.add("the check's JVM stopped before the end (status " + p.exitValue() + ")");
                recoverable = false;
            }
        } catch (IOException e) {
            failures.add("cannot start the check's JVM: " + e.getMessage());
            recoverable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
            recoverable = false;
        }
        return new Probe(s, failures, recoverable);
    }

    /**
     * The child: runs the check under the forced setting and prints one line per failing kernel ({@code FAIL-RECOVERS}
     * when it is a convolution that is right with oneDNN off), then {@code DONE}.
     */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals(PROBE)) {
            System.err.println("usage: java -D" + PROPERTY + "=ID " + CpuSettings.class.getName() + " " + PROBE
                    + " (the doctor is ai.fastdjl.numerics.Doctor)");
            System.exit(2);
        }
        NumericsCheck.Report report = NumericsCheck.run();
        Map<Kernel, NumericsCheck.Result> without = ConvCheck.withoutOneDnn(report.failures(), NumericsCheck.Fault.NONE);
        for (NumericsCheck.Result r : report.failures()) {
            boolean recovers = without.containsKey(r.kernel()) && without.get(r.kernel()).ok();
            System.out.println((recovers ? "FAIL-RECOVERS " : "FAIL ") + r.describe());
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(report.ok() ? 0 : 1);
    }
}
