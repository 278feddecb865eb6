package ai.fastdjl.numerics;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code doctor}: what this machine runs the project with, and whether its float32 kernels compute the right
 * numbers. Prints Java, DJL, libtorch, the CPU and its vector ISA, threads and malloc settings, the CPU setting in
 * force and why, then the differential check under it; ends {@code numerics: OK} (exit 0) or
 * {@code numerics: BROKEN} with the failing ops and the setting that fixes them (exit 1).
 *
 * <pre>mvn -q -pl shared package -DskipTests -Pdoctor [-Dargs="--fresh"]</pre>
 *
 * <p>{@code --fresh} re-runs the choice of setting instead of reading the cache; {@code --inject-fault PREFIX}
 * corrupts the float32 output of the kernels whose name starts with PREFIX by 1 %, to show the check catching it.
 */
public final class Doctor {
    /** How a person runs the doctor; every message that sends them here quotes it. */
    public static final String COMMAND = "mvn -q -pl shared package -DskipTests -Pdoctor";

    private Doctor() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Prints the report; returns the exit status (0 OK, 1 broken, 2 bad flags). */
    public static int run(String... args) {
        boolean fresh = false;
        NumericsCheck.Fault fault = NumericsCheck.Fault.NONE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fresh")) {
                fresh = true;
            } else if (args[i].equals("--inject-fault") && i + 1 < args.length) {
                fault = NumericsCheck.Fault.scale(args[++i]);
            } else {
                System.err.println("error: unknown doctor flag '" + args[i] + "'; flags: --fresh,"
                        + " --inject-fault KERNEL_NAME_PREFIX");
                return 2;
            }
        }
        if (fresh) {
            CpuSettings.choose(true); // re-runs the selection in child JVMs and rewrites the cache
        }
        Engine engine = Engine.getInstance();
        CpuSettings.Choice choice = CpuSettings.applied();
        print("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") "
                + System.getProperty("java.home"));
        print("DJL", Engine.getDjlVersion() + ", engine " + engine.getEngineName() + " " + engine.getVersion()
                + ", libtorch " + ChoiceCache.libtorchBuild());
        print("CPU", CpuInfo.model() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        print("ISA", CpuInfo.isa() + (CpuInfo.cachesReported() ? "" : "; cache sizes not reported by the OS"));
        print("threads", "intra-op " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads()
                + " (ai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "unset")
                + ", OMP_NUM_THREADS=" + env("OMP_NUM_THREADS") + ")");
        print("malloc", "MALLOC_MMAP_THRESHOLD_=" + env("MALLOC_MMAP_THRESHOLD_") + ", MALLOC_TRIM_THRESHOLD_="
                + env("MALLOC_TRIM_THRESHOLD_"));
        print("oneDNN", (LibTorch.oneDnnEnabled() ? "on" : "off") + ", DNNL_MAX_CPU_ISA="
                + (LibTorch.getenv("DNNL_MAX_CPU_ISA") == null ? "unset" : LibTorch.getenv("DNNL_MAX_CPU_ISA")));
        print("setting", choice == null ? "none (the engine did not start through fastdjl's provider)"
                : choice.setting().describe() + "; chosen by " + choice.source());
        if (choice != null) {
            choice.probes().forEach(r -> print("tried", r));
        }

        NumericsCheck.Report report = NumericsCheck.run(Kernels.all(), 2, fault);
        System.out.printf(Locale.ROOT, "%nthe check: %d kernels in float32 vs float64, tolerance %s of the largest"
                + " value, %.1f s%n", report.results().size(), NumericsCheck.format(NumericsCheck.TOLERANCE),
                report.seconds());
        // a wrong oneDNN convolution that is right without oneDNN is avoided per model (ConvCheck): say so, re-checked;
        // ConvCheck leaves a forced setting alone, so there it is a failure
        Map<Kernel, NumericsCheck.Result> without = choice != null && choice.forced() ? Map.of()
                : ConvCheck.withoutOneDnn(report.failures(), fault);
        List<String> broken = new ArrayList<>();
        int avoided = 0;
        for (NumericsCheck.Result r : report.results()) {
            NumericsCheck.Result off = without.get(r.kernel());
            if (r.ok()) {
                System.out.println("  ok    " + r.describe());
            } else if (off != null && off.ok()) {
                avoided++;
                System.out.println("  AVOID " + r.describe() + "; right without oneDNN (" + off.errorsText()
                        + "): a model with this convolution trains without oneDNN");
            } else {
                broken.add(r.kernel().name());
                System.out.println("  FAIL  " + r.describe());
            }
        }
        String setting = choice == null ? "this setting" : choice.setting().describe();
        if (broken.isEmpty()) {
            System.out.println("numerics: OK (" + setting + (avoided == 0 ? "" : "; " + avoided
                    + (avoided == 1 ? " convolution" : " convolutions") + " avoided per model") + ")");
            return 0;
        }
        System.out.println("numerics: BROKEN: " + String.join(", ", broken) + " compute wrong numbers under "
                + setting + "; " + fix(choice));
        return 1;
    }

    /** The setting that fixes it, when a check of the candidates (cached or fresh) names one. */
    private static String fix(CpuSettings.Choice choice) {
        if (choice != null && choice.forced()) {
            return "unset " + CpuSettings.PROPERTY + "/" + CpuSettings.ENV + " to let the check choose";
        }
        if (choice != null && choice.fromEnvironment()) {
            return "unset DNNL_MAX_CPU_ISA to let the check choose";
        }
        return "run the doctor with -Dargs=--fresh to re-check every setting (ids: "
                + java.util.Arrays.stream(CpuSetting.values()).map(CpuSetting::id).toList() + ", force one with -D"
                + CpuSettings.PROPERTY + "=ID)";
    }

    private static void print(String label, String value) {
        System.out.printf(Locale.ROOT, "%-9s %s%n", label, value);
    }

    private static String env(String name) {
        String v = LibTorch.getenv(name);
        return v == null ? "unset" : v;
    }
}
