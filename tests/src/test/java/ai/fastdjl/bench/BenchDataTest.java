package ai.fastdjl.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.seq.Seq2Seq;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchDataTest {
    @Test
    void decileLabelsRankImagesByTheirMeanPixel() {
        // 20 one-pixel "images" with values 19, 18, ..., 0: the brightest two are class 9, the darkest two class 0
        float[] px = new float[20];
        for (int i = 0; i < 20; i++) {
            px[i] = 19 - i;
        }
        int[] labels = BenchData.decileLabels(px, 20);
        assertArrayEquals(new int[] {9, 9, 8, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0}, labels);
        // two pixels per image: the mean decides, not the first pixel
        assertArrayEquals(new int[] {5, 0}, BenchData.decileLabels(new float[] {0, 4, 3, -2}, 2));
    }

    @Test
    void targetsStayInTheModelsRangesAndFollowTheirRules() {
        Random r = new Random(1);
        long[] users = {0, 1, 2, 0};
        long[] items = {3, 4, 5, 3};
        float[] y = BenchData.dotRatings(users, items, 3, 6, r);
        assertEquals(y[0], y[3], "the same pair gets the same rating");
        for (float v : y) {
            assertTrue(v >= 0.5f && v <= 5f, "rating " + v);
        }
        float[] t = BenchData.tabularTargets(new long[][] {{0, 1}, {0, 1}}, new int[] {2, 3},
                new float[][] {{0, 0}, {1, 0}}, new Random(2));
        // the second row differs only by cont0 = 1: +0.3 (neither is clipped: 8 ± a few 0.3 · N(0, 1))
        assertEquals(0.3, t[1] - t[0], 1e-5);
        // Zipf over 3 tokens: P = 1, 1/2, 1/3 over 11/6, i.e. 6/11, 3/11, 2/11
        int[] doc = BenchData.zipfTokens(110_000, 3, new Random(3));
        int[] count = new int[3];
        for (int k : doc) {
            count[k]++;
        }
        assertEquals(60_000, count[0], 600);
        assertEquals(30_000, count[1], 600);
        assertEquals(20_000, count[2], 600);
    }

    @Test
    void aBenchmarkRunLearnsItsDataAndSaysSo() {
        ModelBench.Result r = ModelBench.run("--model", "mlp", "--batches", "40", "--warmup", "2");
        assertTrue(r.finite());
        assertTrue(r.lossLast() < r.lossFirst() - 0.05, r.lossFirst() + " -> " + r.lossLast());
        assertTrue(r.samplesPerSec() > 0);
    }

    @Test
    void spellingsGiveOneLetterPerSoundThenTheEnd() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] st = BenchData.spellings(m, 50, 70, 7);
            assertEquals(new Shape(50, 7), st[0].getShape());
            assertEquals(new Shape(50, 8), st[1].getShape());
            int[] src = st[0].toIntArray();
            int[] tgt = st[1].toIntArray();
            for (int i = 0; i < 50; i++) {
                for (int t = 0; t < 7; t++) {
                    int sound = src[i * 7 + t];
                    assertTrue(sound >= 3 && sound < 70, "sound " + sound + " is a special or out of the vocabulary");
                    assertEquals(3 + (sound - 3) % 26, tgt[i * 8 + t]);
                }
                assertEquals(Seq2Seq.EOS, tgt[i * 8 + 7]);
            }
        }
    }

    @Test
    void theEncoderDecoderLearnsToSpellInTheBenchmark() {
        ModelBench.Result r = ModelBench.run("--model", "seq2seq", "--bs", "32", "--batches", "40", "--warmup", "2");
        assertTrue(r.finite());
        assertTrue(r.lossLast() < r.lossFirst() - 0.05, r.lossFirst() + " -> " + r.lossLast());
    }

    @Test
    void lessonOnesSceneModelsRunInTheBenchmark() {
        for (String model : new String[] {"unet", "ssd"}) {
            ModelBench.Result r = ModelBench.run("--model", model, "--bs", "4", "--batches", "4", "--warmup", "1");
            assertTrue(r.finite(), model);
            assertTrue(r.samplesPerSec() > 0, model);
        }
    }
}
