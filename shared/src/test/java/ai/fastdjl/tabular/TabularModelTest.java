package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TabularModelTest {
    @TempDir
    Path tmp;

    /** y = effect[shop] + 0.5·x + noise (sd 0.1): 12 shops with effects spread over ±1.5. */
    static Table shops(int n, long seed) {
        Random r = new Random(seed);
        String[] shop = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int s = r.nextInt(12);
            shop[i] = "shop" + s;
            x[i] = r.nextGaussian() * 2;
            y[i] = 5 + (s - 5.5) * 0.27 + 0.5 * x[i] + 0.1 * r.nextGaussian();
        }
        return Table.create("shops", StringColumn.create("shop", shop), DoubleColumn.create("x", x),
                DoubleColumn.create("y", y));
    }

    @Test
    void theOutputRangeIsTheCoursesMaxTimes1point2() {
        assertArrayEquals(new double[] {0, 3.6}, TabularModel.yRange(new float[] {1, 2, 3}), 1e-6);
        assertArrayEquals(new double[] {-2.4, 3.6}, TabularModel.yRange(new float[] {-2, 3}), 1e-6);
    }

    @Test
    void itLearnsShopEffectsAndASlope() throws Exception {
        ColumnRoles roles = new ColumnRoles("y", List.of("shop"), List.of("x"));
        TabularProcessor p = TabularProcessor.fit(shops(2000, 1), roles, false);
        TabularData train = p.process(shops(2000, 1));
        TabularData valid = p.process(shops(400, 2));
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = TabularData.loaders(m, train, valid, 64);
            double[] range = TabularModel.yRange(train.y());
            TabularModel model = TabularModel.builder(p.cardinalities(), 1).layers(32, 16)
                    .yRange(range[0], range[1]).build();
            try (Learner learn = TabularLearner.regression(dls, model, false).seed(3).progress(Progress.NONE).build()) {
                learn.fitOneCycle(6, 1e-2);
                double rmse = learn.recorder().last().metrics().get("rmse");
                // y's spread is about 1.2; the noise floor is 0.1
                assertTrue(rmse < 0.2, "valid rmse " + rmse);
                // shop embeddings: 13 levels (#na# + 12) of width round(1.6 · 13^0.56) = 7
                List<float[][]> emb = model.embeddingWeights();
                assertEquals(13, emb.get(0).length);
                assertEquals(7, emb.get(0)[0].length);
                EmbeddingProjection.plot(emb.get(0), p.categorify().vocab("shop"), "shop", tmp.resolve("shop.png"), 42);
                assertTrue(Files.size(tmp.resolve("shop.png")) > 1000);
            }
        }
    }

    @Test
    void categoriesOnlyAndNumbersOnlyBothWork() {
        try (NDManager m = NDManager.newBaseManager()) {
            Table t = shops(300, 5);
            for (ColumnRoles roles : List.of(new ColumnRoles("y", List.of("shop"), List.of()),
                    new ColumnRoles("y", List.of(), List.of("x")))) {
                TabularProcessor p = TabularProcessor.fit(t, roles, false);
                TabularData d = p.process(t);
                NDList in = d.inputs(m);
                assertEquals(1, in.size());
                DataLoaders dls = TabularData.loaders(m, d, d, 32);
                TabularModel model = TabularModel.builder(p.cardinalities(), roles.conts().size()).layers(8).build();
                try (Learner learn = TabularLearner.regression(dls, model, false).progress(Progress.NONE).build()) {
                    learn.fit(1, 1e-3);
                    assertEquals(300, learn.getPreds(dls.valid(), m).output().getShape().get(0));
                }
            }
        }
    }

    @Test
    void oneHotLinearRecoversAdditiveEffects() {
        ColumnRoles roles = new ColumnRoles("y", List.of("shop"), List.of("x"));
        Table t = shops(500, 4);
        // remove the noise: y is then exactly linear in the one-hot shop and x
        double[] y = t.doubleColumn("y").asDoubleArray();
        double[] x = t.doubleColumn("x").asDoubleArray();
        for (int i = 0; i < y.length; i++) {
            int s = Integer.parseInt(t.stringColumn("shop").get(i).substring(4));
            y[i] = 5 + (s - 5.5) * 0.27 + 0.5 * x[i];
        }
        t.replaceColumn("y", DoubleColumn.create("y", y));
        TabularProcessor p = TabularProcessor.fit(t, roles, false);
        TabularData d = p.process(t);
        OneHotLinear lin = OneHotLinear.fit(d, p.cardinalities());
        assertTrue(TabularMetrics.rmse(d.yDouble(), lin.predict(d)) < 1e-3);
    }
}
