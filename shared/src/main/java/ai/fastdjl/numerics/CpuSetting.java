package ai.fastdjl.numerics;

import java.util.Map;

/**
 * The ways libtorch can be told to avoid a faulty kernel, fastest first. {@link CpuSettings} runs the
 * {@link NumericsCheck} under each {@linkplain #candidate() candidate} and keeps the oneDNN setting with the fewest
 * faulty kernels, provided each of those is a convolution that is right without oneDNN ({@link ConvCheck} then turns
 * oneDNN off only for a model that contains one). Measured on AMD EPYC family 26 (Zen 5, AVX-512), 2 cores: oneDNN's
 * AVX-512 convolutions are wrong when channels pad a 16-lane block in the reduced dimension (ResNet's 8-channel
 * layers) and so is its AVX-512 LSTM inference at some sizes (the AWD-LSTM's 1152 -> 400 among them); its AVX2
 * convolutions are wrong when channels pad an 8-lane block (a generator's 3-channel output), its SSE4.1 ones are
 * right but train lesson 1's ResNet at 1,350 samples/s against 3,250 with AVX2, no faster than oneDNN off: so SSE4.1 is
 * never chosen, only forced. Every setting but {@link #DEFAULT} is a documented libtorch/oneDNN switch.
 */
public enum CpuSetting {
    /** libtorch as shipped: oneDNN picks the widest vector ISA the CPU reports. */
    DEFAULT("libtorch's defaults", Map.of(), false, false, true),
    /** oneDNN's JIT kernels capped at 8 lanes (oneDNN's documented {@code DNNL_MAX_CPU_ISA}). */
    ONEDNN_AVX2("oneDNN capped at AVX2", Map.of("DNNL_MAX_CPU_ISA", "AVX2"), false, false, true),
    /** oneDNN's JIT kernels capped at 4 lanes: only when forced (see above). */
    ONEDNN_SSE41("oneDNN capped at SSE4.1", Map.of("DNNL_MAX_CPU_ISA", "SSE41"), false, false, false),
    /** oneDNN unused: ATen's own convolutions and LSTM (PyTorch's {@code torch.backends.mkldnn.enabled = False}). */
    ONEDNN_OFF("oneDNN off", Map.of(), true, false, true),
    /** The last resort the first report of the fault found: oneDNN off and one intra-op thread. */
    ONE_THREAD("oneDNN off, 1 intra-op thread", Map.of(), true, true, true);

    private final String description;
    private final Map<String, String> env;
    private final boolean oneDnnOff;
    private final boolean oneThread;
    private final boolean candidate;

    CpuSetting(String description, Map<String, String> env, boolean oneDnnOff, boolean oneThread,
            boolean candidate) {
        this.description = description;
        this.env = env;
        this.oneDnnOff = oneDnnOff;
        this.oneThread = oneThread;
        this.candidate = candidate;
    }

    /** Whether the automatic choice tries this setting. */
    public boolean candidate() {
        return candidate;
    }

    /** Environment variables libtorch must see before it loads. */
    public Map<String, String> env() {
        return env;
    }

    /** Whether PyTorch's oneDNN switch must be turned off once libtorch has loaded. */
    public boolean oneDnnOff() {
        return oneDnnOff;
    }

    public boolean oneThread() {
        return oneThread;
    }

    /** e.g. {@code onednn-avx2}: the value of {@code -Dfastdjl.cpu.setting} / {@code FASTDJL_CPU_SETTING}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** e.g. {@code oneDNN capped at AVX2 (DNNL_MAX_CPU_ISA=AVX2)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(description);
        if (!env.isEmpty()) {
            s.append(" (");
            env.forEach((k, v) -> s.append(k).append('=').append(v));
            s.append(')');
        }
        return s.toString();
    }

    /** The setting named {@code id} (as {@link #id()} writes it), or null. */
    public static CpuSetting byId(String id) {
        for (CpuSetting s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        return null;
    }
}
