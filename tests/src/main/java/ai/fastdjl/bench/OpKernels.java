package ai.fastdjl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.Cli;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Microseconds per call of the native kernels that decide EmbeddingDotBias's speed, on a table of lesson 2's item
 * embeddings (9,725 × 50): DJL's fused {@code adamUpdate} (what {@link ai.fastdjl.optim.Adam} calls once per
 * parameter and step), {@code sqrt} (one per Adam step) and element-wise ops with a scalar and with a tensor.
 * {@code tests/bench/torch_ops.py} times the same ops in PyTorch; RESULTS.md compares the two.
 */
@Command(name = "OpKernels", mixinStandardHelpOptions = true, description = "µs per call of a few native kernels.")
public final class OpKernels {
    @Option(names = "--calls", defaultValue = "500", description = "Timed calls per op (default ${DEFAULT-VALUE}).")
    int calls;

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    /** µs per call of each op, in the order timed (null when the arguments only asked for help). */
    public static Map<String, Double> run(String... args) {
        OpKernels o = new OpKernels();
        if (!Cli.parse(args, o)) {
            return null;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Shape table = new Shape(BenchModels.ITEMS, BenchModels.FACTORS);
            NDArray w = m.randomNormal(table).muli(0.01f);
            w.setRequiresGradient(true); // adamUpdate clears the weight's gradient after the step
            NDArray g = m.randomNormal(table);
            NDArray pos = m.randomUniform(0.5f, 1.5f, table);
            NDArray mean = w.zerosLike();
            NDArray var = w.zerosLike();
            // the call Adam makes: AdamW, fastai's betas and eps, no clipping
            o.time("adamUpdate (DJL's fused AdamW)", () -> w.getNDArrayInternal().adamUpdate(
                    new NDList(w, g, mean, var), new NDList(w), 1e-3f, 1e-3f, 0.01f, 1f, -1f, 0.9f, 0.99f, 1e-5f,
                    false, true));
            o.time("sqrt", () -> pos.sqrt().close());
            o.time("exp", () -> pos.exp().close());
            o.time("add scalar (new tensor)", () -> pos.add(1e-5f).close());
            o.time("mul tensor (new tensor)", () -> pos.mul(g).close());
            o.time("mul scalar in place", () -> w.muli(1f));
        }
        return o.micros;
    }

    private final Map<String, Double> micros = new LinkedHashMap<>();

    private void time(String op, Runnable call) {
        for (int i = 0; i < calls / 10 + 1; i++) {
            call.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        micros.put(op, (System.nanoTime() - t0) / 1e3 / calls);
        System.out.printf(Locale.ROOT, "%-32s %8.1f µs%n", op, micros.get(op));
    }
}
