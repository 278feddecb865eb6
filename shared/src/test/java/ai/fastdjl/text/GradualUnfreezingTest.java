package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.ParamGroup;
import ai.fastdjl.text.models.AwdLstm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradualUnfreezingTest {

    @Test
    void stagesUnfreezeOneMoreGroupWithLearningRatesThatShrinkBy2point6() {
        GradualUnfreezing gu = GradualUnfreezing.fastai();
        assertArrayEquals(new int[] {-1, -2, -3, 0}, new int[] {gu.freezeTo(0), gu.freezeTo(1), gu.freezeTo(2),
                gu.freezeTo(3)});
        // a 3-layer classifier has 5 groups: embedding, 3 LSTMs, head
        assertArrayEquals(new double[] {2e-2, 2e-2, 2e-2, 2e-2, 2e-2}, gu.lr(0).forGroups(5), 1e-12);
        double[] lr = gu.lr(1).forGroups(5);
        assertArrayEquals(new double[] {1e-2 / 45.6976, 1e-2 / 17.576, 1e-2 / 6.76, 1e-2 / 2.6, 1e-2}, lr, 1e-12);
        assertEquals(5e-3, gu.lr(2).forGroups(5)[4], 1e-15);
        assertEquals(1e-3 / Math.pow(2.6, 4), gu.lr(3).forGroups(5)[0], 1e-15);
        assertEquals(5e-3, gu.scaled(1e-2).lr(1).forGroups(5)[4], 1e-15, "--lr scales every stage alike");
        assertEquals(5, gu.totalEpochs());
        assertEquals(4, gu.epochs(1, 1, 1, 1).totalEpochs());
    }

    /** Per fit: which groups train and the learning rates the optimizer used, at the middle batch. */
    static final class Watch implements Callback {
        final List<boolean[]> trains = new ArrayList<>();
        final List<double[]> lrs = new ArrayList<>();

        @Override
        public void beforeFit(Learner learn) {
            List<ParamGroup> groups = learn.opt().groups();
            boolean[] t = new boolean[groups.size()];
            for (int g = 0; g < t.length; g++) {
                t[g] = groups.get(g).params().stream().anyMatch(Parameter::requiresGradient);
            }
            trains.add(t);
        }

        @Override
        public void afterBatch(Learner learn) {
            if (learn.training() && learn.iter() == learn.nIter() / 2) {
                lrs.add(learn.opt().hyper(Hyper.LR).clone());
            }
        }
    }

    @Test
    void aClassifierTrainsTheHeadFirstThenOneMoreLayerGroupPerStage() {
        Random r = new Random(0);
        List<int[]> docs = new ArrayList<>();
        int[] y = new int[64];
        for (int i = 0; i < 64; i++) {
            docs.add(new int[] {2, 10 + r.nextInt(10), 10 + r.nextInt(10), 10 + r.nextInt(10)});
            y[i] = i % 2;
        }
        DataLoaders dls = SortedTextDataset.loaders(docs, y, docs.subList(0, 16), new int[16], 16, 1,
                List.of("a", "b"));
        Watch w = new Watch();
        try (Learner learn = TextLearners.classifier(dls, 24, AwdLstm.Config.classifier(8, 12, 3), 2, 1).seed(1)
                .progress(Progress.NONE).callbacks(w).build()) {
            GradualUnfreezing.fastai().epochs(1, 1, 1, 1).fit(learn, false);
            assertEquals(4, learn.recorder().epochs().size());
            assertTrue(Double.isNaN(learn.recorder().epochs().get(0).validLoss()), "only the last stage is scored");
            assertTrue(!Double.isNaN(learn.recorder().last().validLoss()));
        }
        boolean[][] expected = {
                {false, false, false, false, true},
                {false, false, false, true, true},
                {false, false, true, true, true},
                {true, true, true, true, true}};
        for (int s = 0; s < 4; s++) {
            assertArrayEquals(expected[s], w.trains.get(s), "stage " + s);
            double[] lr = w.lrs.get(s);
            for (int g = 1; g < lr.length; g++) {
                assertEquals(s == 0 ? 1 : 2.6, lr[g] / lr[g - 1], 1e-9, "stage " + s + ", group " + g);
            }
        }
    }
}
