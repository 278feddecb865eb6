package ai.fastdjl.numerics;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The numerics check for one model: each distinct 2-d convolution in it, at its own channels, kernel, stride,
 * padding and groups, forward and backward in float32 against float64. oneDNN's faults depend on exactly these
 * (measured: with oneDNN capped at AVX2, 32→3 channels computes a wrong input gradient while 32→64 is right), so a
 * process runs under the fastest {@link CpuSetting} and only a model that contains a faulty convolution turns oneDNN
 * off (PyTorch's own convolutions, about 3× slower here) for the rest of the process. Called by every
 * {@link ai.fastdjl.learner.Learner} and by the style-transfer feature extractors once their weights exist; results
 * are remembered per configuration for the JVM's lifetime.
 */
public final class ConvCheck {
    /** Spatial size of the check's input: enough for every kernel and stride the lessons use. */
    private static final int SIZE = 16;
    /** The configurations found right under the oneDNN state in force. */
    private static final Set<String> CHECKED = new HashSet<>();

    private ConvCheck() {}

    /**
     * Checks the convolutions of {@code block} (initialised) not checked before; if one is wrong with oneDNN, turns
     * oneDNN off for this process and checks again.
     *
     * @throws IllegalStateException if a convolution is wrong even without oneDNN
     */
    public static synchronized void ensure(Block block) {
        CpuSettings.Choice choice = CpuSettings.applied();
        if (choice != null && choice.forced()) {
            return; // a forced setting is the user's experiment; the doctor checks it
        }
        Map<String, Kernel> todo = new LinkedHashMap<>();
        collect(block, todo);
        todo.keySet().removeAll(CHECKED);
        if (todo.isEmpty()) {
            return;
        }
        List<NumericsCheck.Result> failures = NumericsCheck.run(new ArrayList<>(todo.values()), 2,
                NumericsCheck.Fault.NONE).failures();
        if (!failures.isEmpty() && LibTorch.oneDnnEnabled()) {
            LoggerFactory.getLogger(ConvCheck.class).info("numerics: {}{}; oneDNN off for this process",
                    failures.get(0).describe(), failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
            LibTorch.setOneDnnEnabled(false);
            CHECKED.clear(); // every earlier verdict was about oneDNN
            collect(block, todo);
            failures = NumericsCheck.run(new ArrayList<>(todo.values()), 2, NumericsCheck.Fault.NONE).failures();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("wrong numbers on this CPU even without oneDNN: "
                    + failures.get(0).describe() + "; run the doctor: " + Doctor.COMMAND);
        }
        CHECKED.addAll(todo.keySet());
    }

    /**
     * The convolutions among {@code failures} run again with oneDNN off (and oneDNN put back): a wrong one that is
     * right there is one {@link #ensure} avoids per model. Empty when oneDNN is off already.
     */
    static Map<Kernel, NumericsCheck.Result> withoutOneDnn(List<NumericsCheck.Result> failures,
            NumericsCheck.Fault fault) {
        List<Kernel> convs = failures.stream().map(NumericsCheck.Result::kernel).filter(Kernel::convolution).toList();
        Map<Kernel, NumericsCheck.Result> out = new HashMap<>();
        if (convs.isEmpty() || !LibTorch.oneDnnEnabled()) {
            return out;
        }
        LibTorch.setOneDnnEnabled(false);
        try {
            NumericsCheck.run(convs, 2, fault).results().forEach(r -> out.put(r.kernel(), r));
        } finally {
            LibTorch.setOneDnnEnabled(true);
        }
        return out;
    }

    /** Every initialised 2-d convolution under {@code block}, keyed by configuration. */
    private static void collect(Block block, Map<String, Kernel> out) {
        if (block instanceof Conv2d conv) {
            Kernel k = kernel(conv);
            if (k != null) {
                out.putIfAbsent(k.name(), k);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), out);
        }
    }

    private static Kernel kernel(Convolution conv) {
        Parameter weight = null;
        for (Pair<String, Parameter> p : conv.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                weight = p.getValue();
            }
        }
        if (weight == null || !weight.isInitialized()) {
            return null;
        }
        long[] w = weight.getArray().getShape().getShape(); // [out, in / groups, kh, kw]
        int groups = conv.getGroups();
        long in = w[1] * groups;
        Shape stride = conv.getStride();
        Shape pad = conv.getPadding();
        Shape dilation = conv.getDilation();
        String name = String.format("conv2d %d->%d %dx%d stride %s pad %s dilation %s groups %d", in, w[0], w[2],
                w[3], stride, pad, dilation, groups);
        return Kernel.of(name, "oneDNN",
                l -> Conv2d.conv2d(l.get(0), l.get(1), null, stride, pad, dilation, groups),
                new Shape(8, in, SIZE, SIZE), new Shape(w));
    }
}
