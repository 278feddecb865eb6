package ai.fastdjl.numerics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code /proc/cpuinfo} says of the first CPU (Linux; "unknown" elsewhere). */
final class CpuInfo {
    /** The vector-ISA flags that decide which libtorch/oneDNN/MKL kernels run. */
    private static final List<String> ISA = List.of("sse4_1", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16");

    private CpuInfo() {}

    static String model() {
        return field("model name") + " (vendor " + field("vendor_id") + ", family " + field("cpu family") + ", model "
                + field("model") + ")";
    }

    static String flags() {
        return field("flags");
    }

    /** The {@link #ISA} flags this CPU has, in that order. */
    static String isa() {
        List<String> have = Arrays.asList(flags().split(" "));
        return ISA.stream().filter(have::contains).collect(Collectors.joining(" "));
    }

    /**
     * Whether the OS reports the CPU's cache sizes (absent in some virtual machines; oneDNN sizes its kernels' blocks
     * from them).
     */
    static boolean cachesReported() {
        return Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cache/index0"));
    }

    private static String field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
