package ai.fastdjl.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.learner.Splitter;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How much does the {@link Learner}'s event loop cost? Trains lesson 1's ResNet for N batches through the Learner
 * and through a bare DJL loop ({@code GradientCollector} + {@code Trainer.step()}, the same model, data, loss and
 * optimizer), alternating the two, and prints samples/s of each and their ratio (medians).
 *
 * <p>The data are random images of Fashion-MNIST's shape: the arithmetic is what is measured, not the data.
 */
@Command(name = "LearnerOverhead", mixinStandardHelpOptions = true,
        description = "Learner vs bare GradientCollector loop: samples/s and ratio.")
public final class LearnerOverhead {
    @Option(names = "--batches", defaultValue = "120", description = "Timed batches per run (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed batches first in each run.")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Runs of each loop, alternated (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--bs", defaultValue = "128", description = "Batch size.")
    int bs;

    /** Medians of both loops. */
    public record Result(double learnerSamplesPerSec, double bareSamplesPerSec, double ratio) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        LearnerOverhead o = new LearnerOverhead();
        if (!Cli.parse(args, o)) {
            return null;
        }
        int n = (o.warmup + o.batches) * o.bs;
        List<Double> learner = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = BenchData.randomImages(m, n);
            NDArray y = m.randomInteger(0, 10, new Shape(n), ai.djl.ndarray.types.DataType.INT64);
            for (int r = 0; r < o.runs; r++) {
                learner.add(o.learnerRun(x, y));
                bare.add(o.bareRun(x, y));
                System.out.printf(Locale.ROOT, "run %d: Learner %.0f samples/s, bare loop %.0f samples/s%n",
                        r + 1, learner.get(r), bare.get(r));
            }
        }
        double[] ratios = new double[o.runs];
        for (int r = 0; r < o.runs; r++) {
            ratios[r] = learner.get(r) / bare.get(r);
        }
        Result res = new Result(median(learner), median(bare), median(ratios));
        System.out.printf(Locale.ROOT, "median: Learner %.0f samples/s, bare loop %.0f samples/s, Learner/bare %.3f"
                + " (overhead %.1f %%), %d batches of %d after %d warm-up, %d runs%n",
                res.learnerSamplesPerSec(), res.bareSamplesPerSec(), res.ratio(), 100 * (1 - res.ratio()),
                o.batches, o.bs, o.warmup, o.runs);
        return res;
    }

    /** The Learner with its default callbacks (recorder; progress off), constant LR, no validation. */
    private double learnerRun(NDArray x, NDArray y) {
        DataLoaders dls = new DataLoaders(DataLoaders.arrays(x, y, bs, false, true),
                DataLoaders.arrays(x.get("0:" + bs), y.get("0:" + bs), bs, false, false), bs, true, List.of());
        ModelBench.Timer timer = new ModelBench.Timer(warmup);
        try (Learner learn = Learner.builder(dls, ResNet.build(1, 10, 8, 16, 32, 64)).seed(1).progress(Progress.NONE)
                .callbacks(timer).build()) {
            learn.fit(1, 1e-3);
        }
        return timer.samplesPerSec();
    }

    /** What a DJL user writes by hand: EasyTrain.trainBatch's shape, no events. */
    private double bareRun(NDArray x, NDArray y) {
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("bare")) {
            model.setBlock(ResNet.build(1, 10, 8, 16, 32, 64));
            SoftTargetCrossEntropy loss = new SoftTargetCrossEntropy();
            List<ParamGroup> groups = List.of(new ParamGroup("all",
                    Splitter.single().split(model.getBlock()).get(0)).set(Hyper.LR, 1e-3));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(new Adam(groups, true));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                ArrayDataset ds = DataLoaders.arrays(x, y, bs, false, true);
                int i = 0;
                long start = 0;
                for (Batch batch : DataLoaders.batches(ds, trainer.getManager())) {
                    try (batch) {
                        if (i == warmup) {
                            start = System.nanoTime();
                        }
                        NDArray l;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(batch.getData(), batch.getLabels());
                            l = loss.evaluate(batch.getLabels(), pred);
                            gc.backward(l);
                        }
                        trainer.step();
                        l.getFloat(); // a loop that logs its loss reads it, as the Learner's recorder does
                    }
                    i++;
                }
                return (double) batches * bs / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static double median(List<Double> v) {
        return median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
