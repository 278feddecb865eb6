package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.text.models.AwdLstm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncoderProbeTest {
    private static final int PAD = 1;

    /**
     * Texts of random filler tokens in which class 1 also has a few 10s and class 0 a few 11s: even a random encoder
     * carries which of the two it read into its mean-pooled output, so the probe separates the classes almost
     * perfectly; with the label tokens removed it is back at chance.
     */
    @Test
    void separatesClassesTheFeaturesCarryAndNotOthers() {
        Engine.getInstance().setRandomSeed(0);
        try (NDManager m = NDManager.newBaseManager()) {
            AwdLstm enc = new AwdLstm(12, AwdLstm.Config.classifier(16, 24, 2), false);
            enc.initialize(m, DataType.FLOAT32, new Shape(4, 8));
            Random r = new Random(1);
            List<int[]> train = new ArrayList<>();
            List<int[]> test = new ArrayList<>();
            int[] ytr = texts(train, 300, r, true);
            int[] yte = texts(test, 200, r, true);
            EncoderProbe.Result res = EncoderProbe.probe(enc, PAD, train, ytr, test, yte, 2, 0, m);
            assertTrue(res.accuracy() > 0.95, "accuracy " + res.accuracy());
            train.clear();
            test.clear();
            ytr = texts(train, 300, r, false);
            yte = texts(test, 200, r, false);
            double chance = EncoderProbe.probe(enc, PAD, train, ytr, test, yte, 2, 0, m).accuracy();
            assertTrue(chance > 0.35 && chance < 0.65, "accuracy without label tokens " + chance);
        }
    }

    /** Features are last, max and mean of the last layer (3 · emb), the same whatever the batch a text lands in. */
    @Test
    void featuresAreTheClassifiersConcatPooling() {
        Engine.getInstance().setRandomSeed(0);
        try (NDManager m = NDManager.newBaseManager()) {
            AwdLstm enc = new AwdLstm(12, AwdLstm.Config.classifier(16, 24, 2), false);
            enc.initialize(m, DataType.FLOAT32, new Shape(4, 8));
            int[] doc = {2, 5, 7, 3};
            double[][] alone = EncoderProbe.features(enc, List.of(doc), PAD, m);
            double[][] withLonger = EncoderProbe.features(enc, List.of(new int[] {4, 4, 4, 4, 4, 4, 4}, doc), PAD, m);
            assertEquals(48, alone[0].length);
            assertArrayEquals(alone[0], withLonger[1], 1e-5, "padding must not change a text's features");
        }
    }

    /** Appends {@code n} texts; returns their labels. */
    private static int[] texts(List<int[]> out, int n, Random r, boolean withLabelTokens) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            int[] d = new int[8 + r.nextInt(12)];
            for (int t = 0; t < d.length; t++) {
                d[t] = 2 + r.nextInt(8); // filler tokens 2..9
            }
            if (withLabelTokens) {
                for (int k = 0; k < 3; k++) {
                    d[r.nextInt(d.length)] = y[i] == 1 ? 10 : 11;
                }
            }
            out.add(d);
        }
        return y;
    }
}
