package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.fastdjl.callback.ActivationStats;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.NanGuard;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.models.Hook;
import ai.fastdjl.models.Init;
import ai.fastdjl.models.SimpleCnn;
import ai.fastdjl.optim.Sgd;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 1 — BatchNorm and initialisation, seen through the activations.
 *
 * <p>The same plain CNN (five stride-2 conv layers), trained with SGD and momentum (one-cycle), with and without
 * BatchNorm, at a learning rate and at 10× it;
 * then without BatchNorm under three initialisations: Kaiming, PyTorch's default and LSUV. An activation-statistics
 * callback records every layer's mean, std and histogram per batch and draws the "colorful dimension". Claims: BatchNorm
 * lets the net train at ~10× the learning rate; without it, Kaiming or LSUV init keeps activations alive where
 * PyTorch's default lets them shrink.
 */
@Command(name = "BatchNormAndInit", mixinStandardHelpOptions = true,
        description = "Lesson 1: BatchNorm vs none at 1x and 10x LR; Kaiming vs default vs LSUV init.")
public final class BatchNormAndInit {
    @Mixin
    CommonOptions common = new CommonOptions();

    private static final int[] WIDTHS = {8, 16, 32, 64, 128};

    private record Setup(String name, boolean bn, double lrMult, String init) {}

    private static final List<Setup> SETUPS = List.of(
            new Setup("BatchNorm, lr", true, 1, "kaiming"),
            new Setup("BatchNorm, 10x lr", true, 10, "kaiming"),
            new Setup("no BatchNorm, lr, Kaiming init", false, 1, "kaiming"),
            new Setup("no BatchNorm, 10x lr, Kaiming init", false, 10, "kaiming"),
            new Setup("no BatchNorm, lr, PyTorch default init", false, 1, "default"),
            new Setup("no BatchNorm, lr, LSUV init", false, 1, "lsuv"));

    /** Per setup: test accuracy (NaN when training diverged), first-batch std of the last conv layer. */
    public record Row(double accuracy, double firstStdLastLayer, double nearZeroLastLayer, String stopped) {}

    public record Result(Map<String, Row> rows, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        BatchNormAndInit o = new BatchNormAndInit();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        run.quickLimit(10_000); // six trainings in a few minutes
        int epochs = run.epochs(2, 6);
        // SGD with momentum, the setting of the BatchNorm paper's claim (Ioffe & Szegedy 2015); at 0.05 every setup
        // trains, so the 10x row tests whether a network survives 0.5
        double lr = run.lr(0.05);
        Map<String, Row> rows = new LinkedHashMap<>();
        List<List<String>> table = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = FashionMnist.loaders(m, run.options(), 128);
            RunReport report = run.report("Lesson 1: BatchNorm and initialisation");
            for (int i = 0; i < SETUPS.size(); i++) {
                Setup s = SETUPS.get(i);
                Initializer init = s.init().equals("default") ? Init.pytorchDefault() : Init.kaiming();
                Hook.Hooked net = Hook.bodyLayers(Init.weights(SimpleCnn.build(10, s.bn(), WIDTHS), init));
                NanGuard guard = new NanGuard();
                try (Learner learn = run.learner(VisionLearner.of(dls, net.model())).opt(Sgd.factory()).callbacks(guard)
                        .build()) {
                    if (s.init().equals("lsuv")) {
                        try (Batch b = DataLoaders.batches(dls.train(), m).iterator().next()) {
                            Init.lsuv(learn, net.hooks(), b.getData().head());
                        }
                    }
                    List<String> names = new ArrayList<>();
                    for (int l = 0; l < WIDTHS.length; l++) {
                        names.add("conv" + (l + 1) + " (" + WIDTHS[l] + ")");
                    }
                    ActivationStats stats = new ActivationStats(net.hooks(), names);
                    learn.addCallback(stats);
                    System.out.println("== " + s.name());
                    learn.fitOneCycle(epochs, lr * s.lrMult());
                    stats.remove();
                    var last = learn.recorder().last();
                    double acc = guard.stopped() != null || last == null ? Double.NaN : last.metrics().get("accuracy");
                    List<double[]> lastLayer = stats.stats().get(WIDTHS.length - 1);
                    double[] nearZero = stats.nearZero().get(WIDTHS.length - 1);
                    Row row = new Row(acc, lastLayer.isEmpty() ? Double.NaN : lastLayer.get(0)[1],
                            nearZero.length == 0 ? Double.NaN : nearZero[nearZero.length - 1], guard.stopped());
                    rows.put(s.name(), row);
                    String png = "colorful_" + i + ".png";
                    stats.plotColorfulDimension(run.file(png));
                    stats.plotStats(run.file("stats_" + i + ".png"));
                    report.image(png, s.name() + ": activation histograms per batch (colorful dimension)");
                    table.add(List.of(s.name(), Double.isNaN(acc) ? "diverged" : RunReport.format(acc),
                            String.format(Locale.ROOT, "%.3f", row.firstStdLastLayer()),
                            String.format(Locale.ROOT, "%.2f", row.nearZeroLastLayer())));
                    System.out.printf("%-40s accuracy %s%n", s.name(), table.get(table.size() - 1).get(1));
                }
            }
            report.claim("BatchNorm lets a CNN train at about 10x the learning rate; without BatchNorm, Kaiming or LSUV"
                            + " initialisation keeps activations alive where PyTorch's default init lets them shrink.")
                    .table(String.format(Locale.ROOT, "Test accuracy after %d epochs at lr %.0e (%d training images):"
                                    + " last conv layer's activation std at the first batch, and its share of"
                                    + " activations below 0.5 at the last batch.", epochs, lr, dls.train().size()),
                            List.of("setup", "accuracy", "first std", "near zero"), table)
                    .put("rows", rows)
                    .write();
            run.printReport();
            return new Result(rows, run.dir());
        }
    }
}
