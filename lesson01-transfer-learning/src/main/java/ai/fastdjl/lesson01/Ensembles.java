package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.callback.Snapshots;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.interpret.Interpretation;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Preds;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.schedule.Sgdr;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1, part 2 — ensembles (the 2017 notes: average several models reinitialised from scratch; or, for the
 * price of one, a snapshot ensemble: SGDR with restarts, weights kept at each cycle's end). Compares one model,
 * one model trained as long as the whole ensemble, an ensemble of {@code N} independently initialised models, and a
 * snapshot ensemble from one SGDR run of the same total epochs. Claim: averaging models beats any single one.
 */
@Command(name = "Ensembles", mixinStandardHelpOptions = true,
        description = "Lesson 1: independent ensemble vs SGDR snapshot ensemble vs single models.")
public final class Ensembles {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--models", defaultValue = "3", description = "Models (and SGDR cycles) in each ensemble (default ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--cycle-mult", defaultValue = "2", description = "SGDR's cycle_mult: each cycle this many times"
            + " longer than the last (default ${DEFAULT-VALUE}, as the 2017 course's fit(..., cycle_mult=2)).")
    int cycleMult;

    public record Result(Map<String, Double> accuracy, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        Ensembles o = new Ensembles();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        run.quickLimit(20_000); // a third of the data keeps all runs under 5 minutes
        int epochs = run.epochs(2, 5); // per model; every ensemble costs models × epochs
        double lr = run.lr(1e-2);
        Map<String, Double> acc = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = FashionMnist.loaders(m, run.options(), 128);
            NDArray y = null;
            List<NDArray> independent = new ArrayList<>();
            for (int i = 0; i < o.models; i++) {
                try (Learner learn = learner(run, dls, run.seed() + i)) {
                    learn.fitOneCycle(epochs, lr);
                    if (i == 0) {
                        acc.put("one model, " + epochs(epochs), learn.recorder().last().metrics().get("accuracy"));
                    }
                    Preds p = learn.getPreds(dls.valid(), m);
                    independent.add(p.output().softmax(-1));
                    y = p.target();
                }
            }
            // SGDR's cycles grow (1, 2, 4 … × cycleLen): the first cycle is as long as the total allows, so the
            // snapshot run costs about what the independent ensemble costs
            int growth = new Sgdr(o.models, 1, o.cycleMult).epochs();
            Sgdr sgdr = new Sgdr(o.models, Math.max(1, Math.round((float) o.models * epochs / growth)), o.cycleMult);
            int total = sgdr.epochs();
            try (Learner learn = learner(run, dls, run.seed())) {
                learn.fitOneCycle(total, lr);
                acc.put("one model, " + epochs(total), learn.recorder().last().metrics().get("accuracy"));
            }
            acc.put("ensemble of " + o.models + " independent models", accuracy(dls, independent, y));
            Snapshots snaps = new Snapshots(sgdr.cycleEnds());
            List<NDArray> snapshot = new ArrayList<>();
            try (Learner learn = learner(run, dls, run.seed())) {
                learn.fit(sgdr.epochs(), sgdr.scheds(LrSlice.flat(lr)), snaps);
                acc.put("SGDR, last cycle only", learn.recorder().last().metrics().get("accuracy"));
                for (int i = 0; i < snaps.size(); i++) {
                    snaps.restore(learn, i);
                    snapshot.add(learn.getPreds(dls.valid(), m).output().softmax(-1));
                }
            }
            acc.put("snapshot ensemble of " + o.models + " SGDR cycles", accuracy(dls, snapshot, y));
            List<List<String>> rows = new ArrayList<>();
            acc.forEach((k, v) -> rows.add(List.of(k, RunReport.format(v))));
            acc.forEach((k, v) -> System.out.printf("%-40s %.4f%n", k, v));
            run.report("Lesson 1: ensembles and snapshot ensembles")
                    .claim("Averaging the predictions of several models beats a single model; a snapshot ensemble from one"
                            + " SGDR run gets part of that gain for the cost of one training.")
                    .table(String.format("Fashion-MNIST test accuracy (%d training images, %d epochs per model):",
                            dls.train().size(), epochs), List.of("model", "test accuracy"), rows)
                    .text("SGDR: " + o.models + " cosine cycles, each " + o.cycleMult + "× the last, ending after epochs "
                            + java.util.Arrays.toString(sgdr.cycleEnds()) + "; the long single model trains as many epochs.")
                    .comparison("Test accuracy", "accuracy", acc)
                    .put("accuracy", acc)
                    .put("sgdr_cycle_ends", sgdr.cycleEnds())
                    .write();
            run.printReport();
            return new Result(acc, run.dir());
        }
    }

    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** One member: a row per epoch (none with --quiet), no live bar among so many trainings. */
    private static Learner learner(LessonRun run, DataLoaders dls, int seed) {
        return run.learner(VisionLearner.resnet(dls, 8, 16, 32, 64)).seed(seed)
                .progress(run.quiet() ? Progress.NONE : Progress.EPOCHS).build();
    }

    /** Accuracy of the average of the members' probabilities. */
    static double accuracy(DataLoaders dls, List<NDArray> members, NDArray y) {
        NDArray mean = NDArrays.stack(new NDList(members)).mean(new int[] {0});
        return Interpretation.fromOutputs(dls.valid(), dls.classes(), mean, y).accuracy();
    }
}
