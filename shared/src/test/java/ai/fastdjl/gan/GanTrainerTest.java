package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.RmsProp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GAN loop on the shared Learner: who trains when, weight clipping, and that a small GAN learns. */
class GanTrainerTest {
    private static final float[] MEAN = {2f, -1f};

    /** 2-D points from N((2, -1), 0.5²·I): the "images" of a toy GAN. */
    private static DataLoaders points(NDManager m, int n, int bs) {
        Random r = new Random(7);
        float[] x = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = MEAN[i % 2] + 0.5f * (float) r.nextGaussian();
        }
        NDArray data = m.create(x, new Shape(n, 2));
        NDArray labels = m.zeros(new Shape(n));
        return DataLoaders.fromArrays(data, labels, data, labels, bs, List.of());
    }

    /**
     * A small MLP generator and critic. With {@code batchNorm} the critic has BatchNorm (running statistics that must
     * stay out of freezing); a BatchNorm straight after the input layer normalises each batch's mean away, so it could
     * not tell a shifted fake batch from a real one: the learning test goes without.
     */
    private static GanModule toyGan(boolean batchNorm) {
        Block g = new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build());
        SequentialBlock c = new SequentialBlock().add(Linear.builder().setUnits(16).build());
        if (batchNorm) {
            c.add(BatchNorm.builder().build());
        }
        c.add(Activation.leakyReluBlock(0.2f)).add(Linear.builder().setUnits(1).build());
        return new GanModule(g, c, 4);
    }

    private static List<float[]> values(Block b) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : b.getParameters().values()) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    private static boolean same(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Checks after every step that only the sub-model of the step's mode moved (BatchNorm statistics aside). */
    private static final class WhoMoved implements Callback {
        final GanModule gan;
        List<float[]> g;
        List<float[]> c;
        final List<String> log = new ArrayList<>();

        WhoMoved(GanModule gan) {
            this.gan = gan;
        }

        @Override
        public int order() {
            return GanTrainer.ORDER + 1;
        }

        @Override
        public void beforeBatch(Learner learn) {
            g = trainable(gan.generator());
            c = trainable(gan.critic());
        }

        @Override
        public void afterStep(Learner learn) {
            boolean gMoved = !same(g, trainable(gan.generator()));
            boolean cMoved = !same(c, trainable(gan.critic()));
            log.add(gan.mode() + (gMoved ? " G" : "") + (cMoved ? " C" : ""));
        }

        private static List<float[]> trainable(Block b) {
            List<float[]> out = new ArrayList<>();
            for (Parameter p : b.getParameters().values()) {
                if (GanModule.isTrainable(p)) {
                    out.add(p.getArray().toFloatArray());
                }
            }
            return out;
        }
    }

    @Test
    void eachStepTrainsOnlyTheSubModelOfItsMode() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanModule gan = toyGan(true);
            GanTrainer trainer = new GanTrainer(gan, 2, 0);
            WhoMoved who = new WhoMoved(gan);
            try (Learner learn = Learner.builder(points(m, 256, 32), gan).loss(GanLoss.bce()).opt(Adam.factory())
                    .callbacks(trainer, who).progress(Progress.NONE).build()) {
                learn.fit(1, 1e-2);
            }
            // 8 batches: critic, critic, generator, ... (n_critic = 2)
            assertEquals(List.of("CRITIC C", "CRITIC C", "GENERATOR G", "CRITIC C", "CRITIC C", "GENERATOR G",
                    "CRITIC C", "CRITIC C"), who.log);
            assertEquals(6, trainer.criticLosses().size());
            assertEquals(2, trainer.generatorLosses().size());
            assertEquals(1, trainer.criticEpochLosses().size());
        }
    }

    @Test
    void clippingKeepsEveryCriticWeightWithinTheBoundAfterEachStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanModule gan = toyGan(true);
            double[] extremes = new double[2]; // largest |w| seen after a critic step; smallest bound-hitting |w|
            Callback check = new Callback() {
                @Override
                public int order() {
                    return GanTrainer.ORDER + 1; // after the trainer's clipping
                }

                @Override
                public void afterStep(Learner learn) {
                    if (gan.mode() == GanModule.Mode.CRITIC) {
                        for (Parameter p : gan.critic().getParameters().values()) {
                            if (GanModule.isTrainable(p)) {
                                extremes[0] = Math.max(extremes[0], p.getArray().abs().max().getFloat());
                            }
                        }
                    }
                }
            };
            GanTrainer trainer = new GanTrainer(gan, 5, 0.01);
            try (Learner learn = Learner.builder(points(m, 384, 64), gan).loss(GanLoss.wasserstein())
                    .opt(RmsProp.factory()).callbacks(trainer, check).progress(Progress.NONE).build()) {
                learn.fit(1, 5e-3); // large enough that unclipped weights leave [-0.01, 0.01] at once
            }
            assertTrue(extremes[0] <= 0.01 + 1e-9, "a critic weight reached " + extremes[0]);
            assertEquals(0.01, extremes[0], 1e-7, "no weight at the bound: the test would pass without clipping");
        }
    }

    @Test
    void warmupGivesTheReferenceCodesExtraCriticSteps() {
        GanTrainer t = new GanTrainer(toyGan(false), 5, 0.01).withWarmup(25, 100);
        // WGAN reference: Diters = 100 if gen_iterations < 25 or gen_iterations % 500 == 0 else 5
        assertEquals(100, t.criticStepsBefore(0));
        assertEquals(100, t.criticStepsBefore(24));
        assertEquals(5, t.criticStepsBefore(25));
        assertEquals(5, t.criticStepsBefore(499));
        assertEquals(100, t.criticStepsBefore(500));
        assertEquals(5, new GanTrainer(toyGan(false), 5, 0.01).criticStepsBefore(0), "no warm-up by default");
    }

    @Test
    void clipClampsInPlaceAndLeavesSmallWeightsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block lin = Linear.builder().setUnits(3).build();
            lin.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1));
            NDArray w = lin.getParameters().get("weight").getArray();
            w.set(new ai.djl.ndarray.index.NDIndex("..."), m.create(new float[] {-0.5f, 0.003f, 2f}, new Shape(3, 1)));
            GanTrainer.clip(lin, 0.01);
            assertArrayEquals(new float[] {-0.01f, 0.003f, 0.01f}, w.toFloatArray());
        }
    }

    @Test
    void aToyGanLearnsWhereTheDataIs() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanModule gan = toyGan(false);
            GanTrainer trainer = new GanTrainer(gan, 1, 0);
            try (Learner learn = Learner.builder(points(m, 2048, 64), gan).loss(GanLoss.bce())
                    .opt(groups -> {
                        groups.forEach(g -> g.set(Hyper.MOM, 0.5).set(Hyper.WD, 0)); // DCGAN's β1
                        return new Adam(groups, false);
                    }).callbacks(trainer).seed(1).progress(Progress.NONE).build()) {
                float[] before = gan.generate(m.randomNormal(new Shape(1000, 4))).mean(new int[] {0}).toFloatArray();
                learn.fit(10, 1e-2); // 320 batches, 160 generator steps (fixed seed; seeds 1–3 end 0.1–0.6 away)
                float[] after = gan.generate(m.randomNormal(new Shape(1000, 4))).mean(new int[] {0}).toFloatArray();
                double d0 = Math.hypot(before[0] - MEAN[0], before[1] - MEAN[1]);
                double d1 = Math.hypot(after[0] - MEAN[0], after[1] - MEAN[1]);
                assertTrue(d0 > 1.5, "starts far from the data: " + d0);
                assertTrue(d1 < 0.6, "generated mean " + after[0] + ", " + after[1] + " is " + d1 + " from the data's");
                assertFalse(Double.isNaN(trainer.generatorEpochLosses().get(9)));
            }
        }
    }
}
