package ai.fastdjl.bench;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DJL's libtorch running a whole training step that {@code tests/bench/scripted_step.py} scripted with Debian's
 * PyTorch (forward, loss, backward and AdamW of one of {@link ModelBench}'s models, in ONE native call per batch),
 * trained on {@link BenchData}'s data as {@link ModelBench} trains the model. Prints {@link ModelBench}'s JSON line.
 * The same file timed by {@code scripted_step.py time} in PyTorch 1.13 gives the ratio of the two libtorch builds on
 * identical ops, with no Java, no Python and no DJL operator between them ({@code tests/bench/scripted_ab.sh}).
 */
@Command(name = "ScriptedStep", mixinStandardHelpOptions = true,
        description = "Samples/s of a TorchScript training step in DJL's libtorch.")
public final class ScriptedStep {
    @Option(names = "--model", required = true, description = "cnn, mlp, dotbias, unet or ssd: the model the file"
            + " trains.")
    String model;

    @Option(names = "--file", required = true, description = "The step scripted by tests/bench/scripted_step.py.")
    Path file;

    @Option(names = "--batches", description = "Timed batches (default ModelBench's for the model).")
    Integer batches;

    @Option(names = "--warmup", description = "Untimed batches first (default ModelBench's for the model).")
    Integer warmup;

    @Option(names = "--bs", description = "Batch size (default ModelBench's for the model).")
    Integer bs;

    @Option(names = "--profile", description = "Also write libtorch's profile of the timed batches to this file"
            + " (Chrome trace JSON; tests/bench/profile_ops.py sums it per op). Profiling slows the run.")
    Path profile;

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static ModelBench.Result run(String... args) {
        ScriptedStep o = new ScriptedStep();
        if (!Cli.parse(args, o)) {
            return null;
        }
        if (!Files.isRegularFile(o.file)) {
            throw new UserInputException(o.file + " does not exist: build it with /usr/bin/python3"
                    + " tests/bench/scripted_step.py build " + o.model + " " + o.file);
        }
        // the graph executor's rewriting off, as scripted_step.py turns it off in PyTorch: both interpreters then run
        // the graph's own ops, those eager code runs. Read once, when the engine starts (PtEngine), so set it first.
        System.setProperty("ai.djl.pytorch.graph_optimizer", System.getProperty("ai.djl.pytorch.graph_optimizer",
                "false"));
        int batches = o.batches != null ? o.batches : ModelBench.defaultBatches(o.model);
        int warmup = o.warmup != null ? o.warmup : ModelBench.defaultBatches(o.model);
        int pool = Math.min(warmup + batches, ModelBench.POOL); // cycled, as ModelBench and torch_bench.py do
        int bs = o.bs != null ? o.bs : ModelBench.defaultBatchSize(o.model);
        int n = pool * bs;
        List<Double> losses = new ArrayList<>();
        long start = 0;
        long end;
        long last = 0;
        List<Double> batchMs = new ArrayList<>();
        try (Model step = Model.newInstance("scripted-step", "PyTorch")) {
            try {
                // trainParam: DJL loads TorchScript parameters frozen (requires_grad off) unless told otherwise
                String name = o.file.getFileName().toString().replaceFirst("\\.pt$", "");
                step.load(o.file.toAbsolutePath().getParent(), name, Map.of("trainParam", "true"));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + o.file, e);
            } catch (MalformedModelException e) {
                throw new UserInputException(o.file + " is not a TorchScript archive DJL's libtorch loads: rebuild it"
                        + " with tests/bench/scripted_step.py build " + o.model + " " + o.file);
            }
            PtSymbolBlock block = (PtSymbolBlock) step.getBlock();
            JniUtils.enableTrainingMode(block); // BatchNorm's batch statistics, as PyTorch's step.train()
            NDManager data = step.getNDManager().newSubManager();
            NDArray[] xy = switch (o.model) {
                case "cnn", "mlp" -> BenchData.images(data, n);
                case "dotbias" -> BenchData.ratings(data, n, BenchModels.USERS, BenchModels.ITEMS);
                case "unet" -> BenchModels.sceneArrays(data, n, true);
                case "ssd" -> BenchModels.sceneArrays(data, n, false);
                default -> throw new UserInputException("--model " + o.model + " is not one of: cnn, mlp, dotbias,"
                        + " unet, ssd");
            };
            // the script's cross-entropy takes int64 classes, as PyTorch's; the masks come as int32
            xy[1] = o.model.equals("unet") ? xy[1].toType(DataType.INT64, false) : xy[1];
            ParameterStore store = new ParameterStore(data, false); // the script holds its parameters itself
            // DJL keeps libtorch's grad mode off outside a gradient collector; the script's backward needs it on
            try (GradientCollector grad = Engine.getInstance().newGradientCollector()) {
                for (int i = 0; i < warmup + batches; i++) {
                    if (i == warmup) {
                        start = System.nanoTime();
                        last = start;
                        if (o.profile != null) {
                            JniUtils.startProfile(false, false, false);
                        }
                    }
                    // a sub-manager per batch: the slices and the returned loss are freed with it
                    try (NDManager batch = data.newSubManager()) {
                        String rows = i % pool * bs + ":" + (i % pool + 1) * bs;
                        NDArray x = xy[0].get(rows);
                        NDArray y = xy[1].get(rows);
                        x.attach(batch);
                        y.attach(batch);
                        // DJL's forward with training on: autograd stays on (IValue calls run under no_grad)
                        NDList out = block.forward(store, new NDList(x, y, batch.create((long) i + 1)), true);
                        double v = out.singletonOrThrow().getFloat(); // a scalar copy per batch, as both other sides
                        if (i >= warmup) {
                            losses.add(v);
                            long now = System.nanoTime();
                            batchMs.add((now - last) / 1e6);
                            last = now;
                        }
                    }
                }
                end = System.nanoTime();
                if (o.profile != null) {
                    JniUtils.stopProfile(o.profile.toAbsolutePath().toString());
                }
            }
        }
        double seconds = (end - start) / 1e9;
        System.err.println("batch ms: " + BatchTimes.of(batchMs));
        double[] firstLast = ModelBench.LossTrend.firstLast(losses);
        ModelBench.Result res = new ModelBench.Result(o.model, batches * bs / seconds, ModelBench.peakRssMb(),
                firstLast[0], firstLast[1], ModelBench.LossTrend.finite(losses));
        System.out.println(res.json(null));
        return res;
    }
}
