package ai.fastdjl.numerics;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * Where {@link CpuSettings} keeps its choice between JVMs: one properties file per combination of what decides the
 * kernels' numbers (CPU model and flags, libtorch build, intra-op threads, kernel list and tolerance), so the child-JVM
 * check runs once per machine and again only when one of those changes. Deleting the file re-runs the check.
 */
final class ChoiceCache {
    private ChoiceCache() {}

    /** {@code $FASTDJL_DATA/numerics/<key>.properties} (default {@code ~/.cache/fastdjl}). */
    static Path file() {
        String root = System.getProperty("fastdjl.data", System.getenv("FASTDJL_DATA"));
        Path dir = root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "fastdjl");
        return dir.resolve("numerics").resolve(key() + ".properties");
    }

    /** CPU model and flags, libtorch build, intra-op threads, and the kernel list: any change re-runs the check. */
    static String key() {
        StringBuilder k = new StringBuilder();
        k.append(CpuInfo.model()).append('\n').append(CpuInfo.flags()).append('\n');
        k.append(libtorchBuild()).append('\n').append(expectedThreads()).append('\n');
        Kernels.all().forEach(kernel -> k.append(kernel.name()).append(kernel.inputs()).append('\n'));
        k.append(NumericsCheck.TOLERANCE).append(" selection 3"); // the selection rule's version
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(k.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The threads DJL's PyTorch engine will use: its property, else OMP_NUM_THREADS, else the cores. */
    static String expectedThreads() {
        String p = System.getProperty("ai.djl.pytorch.num_threads");
        String omp = System.getenv("OMP_NUM_THREADS");
        return p != null ? p : omp != null ? omp : Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    /** e.g. {@code 2.7.1-20250812 cpu linux-x86_64}, from the native jar DJL loads. */
    static String libtorchBuild() {
        Properties p = new Properties();
        try (InputStream in = ChoiceCache.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version") + " " + p.getProperty("flavor") + " " + p.getProperty("classifier");
    }

    static CpuSettings.Choice read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return null;
        }
        CpuSetting s = CpuSetting.byId(p.getProperty("setting", ""));
        if (s == null) {
            return null;
        }
        List<String> probes = new ArrayList<>();
        for (int i = 0; p.containsKey("probe." + i); i++) {
            probes.add(p.getProperty("probe." + i));
        }
        return new CpuSettings.Choice(s, "check of " + p.getProperty("date", "?") + ", cached in " + file, probes);
    }

    static void write(Path file, CpuSettings.Choice c) {
        Properties p = new Properties();
        p.setProperty("setting", c.setting().id());
        p.setProperty("date", LocalDate.now().toString());
        p.setProperty("cpu", CpuInfo.model());
        p.setProperty("libtorch", libtorchBuild());
        p.setProperty("threads", expectedThreads());
        for (int i = 0; i < c.probes().size(); i++) {
            p.setProperty("probe." + i, c.probes().get(i));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "numerics", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "fastdjl numerics check: the CPU setting chosen for this machine (delete to re-check)");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // a read-only home only costs the check at every start
            LoggerFactory.getLogger(ChoiceCache.class).warn("numerics: cannot cache the check's choice in {}: {}",
                    file, e.toString());
        }
    }
}
