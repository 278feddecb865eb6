package ai.fastdjl.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.fastdjl.callback.Checkpoint;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.callback.MixUp;
import ai.fastdjl.callback.ValidateAtEnd;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.optim.Sgd;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerTest {
    @TempDir
    Path tmp;

    private static Learner learner(DataLoaders dls, int seed, RunFolder run, Callback... cbs) {
        return Learner.builder(dls, TinyProblem.mlp()).metrics(Metrics.accuracy()).seed(seed).run(run)
                .progress(Progress.NONE).callbacks(cbs).build();
    }

    private static Map<String, float[]> weights(Learner learn) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : learn.block().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void learnsATinyProblemWithOneCycle() {
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = learner(TinyProblem.blobs(m, 600, 300, 32), 1, null)) {
            learn.fitOneCycle(5, 1e-2);
            Recorder.EpochRow first = learn.recorder().epochs().get(0);
            Recorder.EpochRow last = learn.recorder().last();
            assertTrue(last.metrics().get("accuracy") > 0.95, "accuracy " + last.metrics());
            assertTrue(last.validLoss() < 0.25, "valid loss " + last.validLoss());
            assertTrue(learn.recorder().losses().get(0) > 2 * last.trainLoss(), "loss did not fall by half");
            assertTrue(first.validLoss() > last.validLoss());
        }
    }

    @Test
    void anEpochWithoutValidationShowsNotComputedNotNaN() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = learner(TinyProblem.blobs(m, 200, 100, 32), 1, RunFolder.at(tmp.resolve("run")),
                        new ValidateAtEnd(), new ProgressCallback(
                                new PrintStream(printed, true, "UTF-8"), false, false))) {
            learn.fitOneCycle(2, 1e-2);
            assertFalse(learn.recorder().epochs().get(0).validated());
            assertTrue(learn.recorder().last().validated());
            new RunReport(RunFolder.at(tmp.resolve("run")), "t").add(learn.recorder()).write();
        }
        List<String> lines = printed.toString("UTF-8").lines().toList();
        assertTrue(lines.get(0).matches("epoch\\s+train_loss\\s+valid_loss\\s+accuracy\\s+time"), lines.get(0));
        assertTrue(lines.get(1).matches("0\\s+\\d\\.\\d+\\s+#na#\\s+#na#\\s+\\d\\d:\\d\\d"), lines.get(1));
        assertTrue(lines.get(2).matches("1\\s+\\d\\.\\d+\\s+\\d\\.\\d+\\s+\\d\\.\\d+\\s+\\d\\d:\\d\\d"), lines.get(2));
        String report = Files.readString(tmp.resolve("run/README.md"));
        assertTrue(report.contains("| epoch | train_loss | valid_loss | accuracy | seconds |"), report);
        assertTrue(report.matches("(?s).*\\| 0 \\| [0-9.]+ \\| #na# \\| #na# \\|.*"), report);
        assertFalse(report.contains("NaN"), report);
    }

    @Test
    void theSameSeedRepeatsARunExactly() {
        List<List<Recorder.EpochRow>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (NDManager m = NDManager.newBaseManager();
                    Learner learn = learner(TinyProblem.blobs(m, 300, 150, 32), 7, null, new MixUp())) {
                learn.fitOneCycle(2, 1e-2);
                runs.add(learn.recorder().epochs());
            }
        }
        for (int e = 0; e < 2; e++) {
            Recorder.EpochRow a = runs.get(0).get(e);
            Recorder.EpochRow b = runs.get(1).get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
            assertEquals(a.validLoss(), b.validLoss(), 0.0);
            assertEquals(a.metrics(), b.metrics());
        }
    }

    @Test
    void lrFinderSuggestsASaneRateAndPutsTheWeightsBack() {
        RunFolder run = RunFolder.at(tmp);
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = learner(TinyProblem.blobs(m, 2000, 100, 16), 3, run)) {
            Map<String, float[]> before = weights(learn);
            LrFinder.Result r = learn.lrFind();
            assertTrue(r.valley() > 1e-4 && r.valley() < 1, "valley " + r.valley());
            assertTrue(r.steep() > 1e-5 && r.steep() < 3, "steep " + r.steep());
            Map<String, float[]> after = weights(learn);
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), 0f, k));
            assertTrue(Files.exists(run.file("lr_find.png")));
            learn.fitOneCycle(1, r.valley()); // and the learner still trains from the restored weights
            assertTrue(learn.recorder().last().metrics().get("accuracy") > 0.9);
        }
    }

    @Test
    void freezeLeavesTheBodyBitIdenticalButTrainsBatchNormAndHead() {
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = Learner.builder(TinyProblem.blobs(m, 300, 60, 32), TinyProblem.mlp())
                        .splitter(Splitter.bodyHead()).progress(Progress.NONE).build()) {
            Map<String, float[]> before = weights(learn);
            learn.freeze();
            learn.fit(1, 1e-2);
            Map<String, float[]> after = weights(learn);
            for (String k : before.keySet()) {
                boolean same = java.util.Arrays.equals(before.get(k), after.get(k));
                if (k.startsWith("01SequentialBlock_01Linear")) {
                    assertTrue(same, k + " is frozen and must not change");
                } else if (k.contains("BatchNorm") && (k.endsWith("gamma") || k.endsWith("beta"))) {
                    assertFalse(same, k + " stays trainable when frozen (fastai train_bn)");
                } else if (k.startsWith("02Linear")) {
                    assertFalse(same, k + " is the head and trains");
                }
            }
            learn.unfreeze();
            learn.fit(1, 1e-2);
            assertFalse(java.util.Arrays.equals(after.get("01SequentialBlock_01Linear_weight"),
                    weights(learn).get("01SequentialBlock_01Linear_weight")));
        }
    }

    /** Stops the fit once the checkpoint of epoch {@code epoch} is on disk. */
    private record StopAfter(int epoch) implements Callback {
        @Override
        public int order() {
            return 90;
        }

        @Override
        public void afterEpoch(Learner learn) {
            if (learn.epoch() == epoch) {
                throw new CancelException.Fit("simulated interruption");
            }
        }
    }

    @Test
    void aResumedRunEndsWithTheMetricsOfAnUninterruptedOne() {
        Recorder.EpochRow uninterrupted;
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = learner(TinyProblem.blobs(m, 300, 150, 32), 5, RunFolder.at(tmp.resolve("a")),
                        new Checkpoint())) {
            learn.fitOneCycle(3, 1e-2);
            uninterrupted = learn.recorder().last();
        }
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = learner(TinyProblem.blobs(m, 300, 150, 32), 5, RunFolder.at(tmp.resolve("b")),
                        new Checkpoint(), new StopAfter(0))) {
            learn.fitOneCycle(3, 1e-2);
            assertEquals(1, learn.recorder().epochs().size());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint ckpt = new Checkpoint();
            try (Learner learn = learner(TinyProblem.blobs(m, 300, 150, 32), 5, RunFolder.at(tmp.resolve("b")), ckpt)) {
                assertEquals(1, ckpt.resume(learn, tmp.resolve("b")));
                learn.fitOneCycle(3, 1e-2);
                Recorder.EpochRow resumed = learn.recorder().last();
                assertEquals(3, learn.recorder().epochs().size());
                assertEquals(uninterrupted.validLoss(), resumed.validLoss(), 0.0);
                assertEquals(uninterrupted.trainLoss(), resumed.trainLoss(), 0.0);
                assertEquals(uninterrupted.metrics(), resumed.metrics());
            }
        }
        assertTrue(Files.exists(tmp.resolve("a").resolve(Checkpoint.BEST)));
    }

    @Test
    void nanGuardStopsAndKeepsTheLastGoodWeights() {
        NanGuard guard = new NanGuard();
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = Learner.builder(TinyProblem.blobs(m, 300, 60, 30), TinyProblem.mlp())
                        .opt(Sgd.factory()).callbacks(guard).progress(Progress.NONE).build()) {
            learn.fit(1, 1e-2);
            Map<String, float[]> good = weights(learn);
            learn.fit(3, 1e12); // diverges within a few batches
            assertNotNull(guard.stopped(), "the guard should have stopped training");
            // the second fit's epochs count from 0 again: the good weights are those it started from
            assertTrue(guard.stopped().contains("restored the weights from before this fit"), guard.stopped());
            Map<String, float[]> now = weights(learn);
            good.forEach((k, v) -> assertArrayEquals(v, now.get(k), 0f, k));
        }
    }

    @Test
    void everyLearnerStopsOnANonFiniteLossWithAStoppedReportAndTheLastGoodWeights(@TempDir Path tmp) throws Exception {
        RunFolder run = RunFolder.create(tmp, "diverges");
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = Learner.builder(TinyProblem.blobs(m, 300, 60, 30), TinyProblem.mlp())
                        .opt(Sgd.factory()).run(run).progress(Progress.NONE).build()) {
            learn.fit(1, 1e-2);
            Map<String, float[]> good = weights(learn);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> learn.fit(3, 1e12));
            assertTrue(e.getMessage().startsWith("training stopped: loss is "), e.getMessage());
            assertTrue(e.getMessage().contains("at epoch 0, batch ") && e.getMessage().contains("(lr 1.00e+12)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            Map<String, float[]> now = weights(learn);
            good.forEach((k, v) -> assertArrayEquals(v, now.get(k), 0f, k));
            assertTrue(Files.size(run.file("last-good-weights.params")) > 0);
            String readme = Files.readString(run.file("README.md"));
            assertTrue(readme.startsWith("# Stopped: no result"), readme);
            assertTrue(Files.readString(run.file("metrics.json")).contains("\"status\": \"stopped\""));
        }
    }

    @Test
    void theLrFinderSweepMayDivergeWithoutTrippingTheDefaultGuard() {
        try (NDManager m = NDManager.newBaseManager();
                Learner learn = Learner.builder(TinyProblem.blobs(m, 3000, 60, 30), TinyProblem.mlp())
                        .opt(Sgd.factory()).progress(Progress.NONE).build()) {
            LrFinder.Result r = learn.lrFind(); // sweeps to lr 10, where this SGD net's loss explodes
            assertTrue(r.valley() > 1e-7 && r.valley() < 10, "valley " + r.valley());
            learn.fit(1, r.valley()); // and training afterwards is unaffected
        }
    }

    @Test
    void gradientClippingScalesTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3});
            NDArray b = m.create(new float[] {4});
            double norm = GradientClipping.clip(List.of(a, b), 1.0);
            assertEquals(5.0, norm, 1e-6);
            assertEquals(0.6f, a.getFloat(0), 1e-5f);
            assertEquals(0.8f, b.getFloat(0), 1e-5f);
            NDArray c = m.create(new float[] {0.3f});
            GradientClipping.clip(List.of(c), 1.0); // under the bound: untouched
            assertEquals(0.3f, c.getFloat(0), 0f);
        }
    }
}
