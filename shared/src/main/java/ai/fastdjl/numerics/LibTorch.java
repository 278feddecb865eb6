package ai.fastdjl.numerics;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two native switches DJL does not expose, reached through JNA (which DJL itself depends on): the process
 * environment that libtorch reads when it loads (Java's {@code System.getenv} is a read-only copy), and PyTorch's
 * global oneDNN switch ({@code at::globalContext().setUserEnabledMkldnn}, what {@code torch.backends.mkldnn.enabled}
 * sets in Python), exported by {@code libtorch_cpu.so}.
 */
final class LibTorch {
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private LibTorch() {}

    /** The process's current value of {@code name} (including what {@link #setenv} set), or null. */
    static String getenv(String name) {
        return LIBC.getenv(name);
    }

    /** Sets {@code name} in the process environment, where native code reads it. */
    static void setenv(String name, String value) {
        if (LIBC.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed");
        }
    }

    /** Turns PyTorch's use of oneDNN on or off; libtorch must already be loaded (the engine started). */
    static void setOneDnnEnabled(boolean enabled) {
        Torch t = torch();
        t.lib.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb").invokeVoid(new Object[] {t.context, enabled});
    }

    /** Turns PyTorch's use of NNPACK on or off ({@code at::globalContext().setUserEnabledNNPACK}). */
    static void setNnpackEnabled(boolean enabled) {
        Torch t = torch();
        t.lib.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb").invokeVoid(new Object[] {t.context, enabled});
    }

    /** Whether PyTorch uses oneDNN now (false before libtorch is loaded). */
    static boolean oneDnnEnabled() {
        Torch t = loaded();
        return t != null && (t.lib.getFunction("_ZNK2at7Context17userEnabledMkldnnEv")
                .invokeInt(new Object[] {t.context}) & 0xff) != 0;
    }

    /** The loaded {@code libtorch_cpu.so} and its {@code at::globalContext()}: one per process, never unloaded. */
    private record Torch(NativeLibrary lib, Pointer context) {}

    private static volatile Torch torch;

    private static Torch torch() {
        Torch t = loaded();
        if (t == null) {
            throw new IllegalStateException("libtorch_cpu.so is not loaded yet: start the engine first");
        }
        return t;
    }

    /** DJL loads libtorch from its cache folder with System.load; the process's memory map says which file. */
    private static Torch loaded() {
        if (torch == null) {
            Path file;
            try {
                file = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                        .filter(l -> l.endsWith("/libtorch_cpu.so"))
                        .map(l -> Path.of(l.substring(l.indexOf('/'))))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc/self/maps to find libtorch_cpu.so", e);
            }
            if (file == null) {
                return null; // not loaded yet: look again next time
            }
            NativeLibrary lib = NativeLibrary.getInstance(file.toString());
            torch = new Torch(lib, lib.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]));
        }
        return torch;
    }
}
