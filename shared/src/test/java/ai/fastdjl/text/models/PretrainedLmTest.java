package ai.fastdjl.text.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.learner.Weights;
import ai.fastdjl.text.Vocab;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastai's match_embeds: known tokens keep their pretrained rows, new tokens start at the mean row. */
class PretrainedLmTest {
    @TempDir
    Path tmp;

    @Test
    void remapRowsCopiesKnownRowsAndGivesNewOnesTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray old = m.create(new float[] {1, 2, 3, 4, 5, 12}, new Shape(3, 2));
            // new row 0 ← old row 2, new row 1 is new, new row 2 ← old row 0; mean row = (3, 6)
            NDArray rows = PretrainedLm.remapRows(old, new int[] {2, -1, 0}, m);
            assertEquals(new Shape(3, 2), rows.getShape());
            assertArrayEquals(new float[] {5, 12, 3, 6, 1, 2}, rows.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void saveThenLoadIntoAnotherVocabulary() {
        Vocab old = new Vocab(List.of("xxunk", "xxpad", "cat", "dog", "eel", "fox", "gnu", "hen"));
        Vocab now = new Vocab(List.of("xxunk", "xxpad", "dog", "yak", "cat", "zebu", "xxfake", "xxfake"));
        AwdLstm.Config cfg = AwdLstm.Config.languageModel(4, 6, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            LanguageModel saved = new LanguageModel(old.size(), cfg);
            saved.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            Weights.copyInto(saved.decoder().bias().getArray(), m.arange(8f)); // biases 0..7: mean 3.5
            PretrainedLm.save(tmp, saved, old, Map.of("valid_perplexity", 42.0, "task", "amazon"));
            PretrainedLm.Info info = PretrainedLm.read(tmp, "make one");
            assertEquals(cfg, info.config());
            assertEquals(old.itos(), info.vocab().itos());
            assertEquals(42.0, info.number("valid_perplexity"));
            assertTrue(Double.isNaN(info.number("task")) && Double.isNaN(info.number("missing")));

            LanguageModel loaded = new LanguageModel(now.size(), cfg);
            loaded.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            int known = PretrainedLm.load(tmp, old, now, loaded.encoder(), loaded.decoder());
            assertEquals(4, known); // xxunk, xxpad, dog, cat
            float[][] was = rows(saved.encoder().embedding().getArray());
            float[][] is = rows(loaded.encoder().embedding().getArray());
            float[] mean = new float[4];
            for (float[] r : was) {
                for (int c = 0; c < 4; c++) {
                    mean[c] += r[c] / was.length;
                }
            }
            assertArrayEquals(was[3], is[2], 1e-6f); // dog
            assertArrayEquals(was[2], is[4], 1e-6f); // cat
            assertArrayEquals(mean, is[3], 1e-6f); // yak: new
            assertArrayEquals(mean, is[6], 1e-6f); // xxfake is never matched
            float[] wasBias = saved.decoder().bias().getArray().toFloatArray();
            float[] isBias = loaded.decoder().bias().getArray().toFloatArray();
            assertArrayEquals(new float[] {0, 1, 3, 3.5f, 2, 3.5f, 3.5f, 3.5f}, isBias, 1e-6f);
            assertEquals(wasBias[3], isBias[2], 1e-6f);
            // the LSTM weights are copied as they are
            assertArrayEquals(saved.encoder().rnns().get(1).hiddenWeights().getArray().toFloatArray(),
                    loaded.encoder().rnns().get(1).hiddenWeights().getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void aMissingModelIsOneLineNamingTheFix() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> PretrainedLm.read(tmp.resolve("none"), "run PretrainLm first"));
        assertTrue(e.getMessage().contains("missing lm.ndlist") && e.getMessage().endsWith("run PretrainLm first"),
                e.getMessage());
    }

    private static float[][] rows(NDArray a) {
        int r = (int) a.getShape().get(0);
        int c = (int) a.getShape().get(1);
        float[] f = a.toFloatArray();
        float[][] out = new float[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(f, i * c, out[i], 0, c);
        }
        return out;
    }
}
