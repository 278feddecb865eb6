package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.lesson03.FineTuneLm;
import ai.fastdjl.lesson03.PretrainLm;
import ai.fastdjl.lesson03.ProbeEncoder;
import ai.fastdjl.lesson03.Ulmfit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of lesson 3's three stages on tiny text: a stage-1 model from 20,000 tokens of the English corpus
 * (saved in a temporary folder, never the cache's), stage 2 and the classifier comparison on a small CSV and on a
 * stratified sample of the Amazon reviews; resume checks; bad input exits 2 with one line.
 */
class Lesson03Test {
    @TempDir
    static Path tmp;

    private static Path lm;
    private static PretrainLm.Result stage1;


    @BeforeAll
    static void pretrainATinyLanguageModel() throws Exception {
        lm = tmp.resolve("lm");
        stage1 = PretrainLm.run("--max-tokens", "20000", "--epochs", "1", "--bs", "16", "--model-dir", lm.toString(),
                "--out", tmp.resolve("runs").toString(), "--quiet");
    }

    @Test
    void pretrainSavesAReusableModelAndResumesOnlyWithTheSameFlags() throws Exception {
        assertTrue(stage1.trainTokens() > 15_000 && stage1.trainTokens() <= 18_000, "" + stage1.trainTokens());
        // one epoch on 18k tokens: far from good, but better than a uniform guess over the vocabulary
        assertTrue(stage1.perplexity() < stage1.vocabSize() / 2.0, stage1.perplexity() + " vs " + stage1.vocabSize());
        assertFiles(stage1.runDir(), "README.md", "metrics.json", "loss.png", "flags.json", "vocab.txt", "last.ckpt",
                "model/lm.ndlist");
        assertFiles(lm, "lm.ndlist", "vocab.txt", "config.json");
        UserInputException e = assertThrows(UserInputException.class, () -> PretrainLm.run("--max-tokens", "20000",
                "--epochs", "1", "--bs", "16", "--emb", "64", "--model-dir", lm.toString(), "--resume",
                stage1.runDir().toString(), "--quiet"));
        assertTrue(e.getMessage().contains("was started with --emb 128 (now 64)"), e.getMessage());
        // the same flags: every epoch is done, so it only reports again
        PretrainLm.Result again = PretrainLm.run("--max-tokens", "20000", "--epochs", "1", "--bs", "16",
                "--model-dir", tmp.resolve("lm-again").toString(), "--resume", stage1.runDir().toString(), "--quiet");
        assertEquals(stage1.perplexity(), again.perplexity(), 1e-9);
    }

    @Test
    void fineTuneThenCompareClassifiersOnAnyCsv() throws Exception {
        Path csv = reviewsCsv(tmp.resolve("reviews.csv"));
        FineTuneLm.Result ft = FineTuneLm.run("--csv", csv.toString(), "--text", "body", "--label", "verdict",
                "--lm-dir", lm.toString(), "--lm-epochs", "2", "--bptt", "20", "--bs", "16", "--out",
                tmp.resolve("runs").toString(), "--quiet");
        // the CSV's few template sentences are far easier to predict once the model has read them
        assertTrue(ft.perplexity() < ft.pretrainedPerplexity() / 2, ft.pretrainedPerplexity() + " → "
                + ft.perplexity());
        assertFiles(ft.runDir(), "README.md", "metrics.json", "loss.png", "model/lm.ndlist", "model/vocab.txt");
        Ulmfit.Result r = Ulmfit.run("--csv", csv.toString(), "--text", "body", "--label", "verdict", "--lm-dir",
                lm.toString(), "--finetuned", ft.modelDir().toString(), "--seeds", "1", "--bs", "16", "--out",
                tmp.resolve("runs").toString(), "--quiet");
        assertEquals(List.of("majority class", "TF-IDF 1-2-grams + logistic regression",
                "AWD-LSTM classifier from scratch", "ULMFiT without stage 2", "ULMFiT"),
                List.copyOf(r.accuracy().keySet()));
        assertTrue(r.accuracy().get("TF-IDF 1-2-grams + logistic regression").mean() > 0.9, r.accuracy().toString());
        assertEquals(ft.perplexity(), r.finetunedPerplexity(), 1e-9, "--finetuned reuses stage 2's numbers");
        String readme = Files.readString(r.runDir().resolve("README.md"));
        assertTrue(readme.contains("| ULMFiT without stage 2 |") && readme.contains("| stage 2 | held-out task text |"),
                readme);
        assertFiles(r.runDir(), "README.md", "metrics.json", "loss.png");
    }

    @Test
    void aNewCsvWithoutALanguageModelGetsTheRowsThatNeedNoneAtOnce() throws Exception {
        Path csv = reviewsCsv(tmp.resolve("new-reviews.csv"));
        String before = System.getProperty("fastdjl.data");
        System.setProperty("fastdjl.data", tmp.resolve("fresh-cache").toString()); // no PretrainLm model in it
        try {
            Ulmfit.Result r = Ulmfit.run("--csv", csv.toString(), "--text", "body", "--label", "verdict", "--seeds",
                    "1", "--bs", "16", "--max-batches", "4", "--out", tmp.resolve("runs").toString(), "--quiet");
            assertEquals(List.of("majority class", "TF-IDF 1-2-grams + logistic regression",
                    "AWD-LSTM classifier from scratch"), List.copyOf(r.accuracy().keySet()));
            assertTrue(Double.isNaN(r.stage1Perplexity()) && Double.isNaN(r.finetunedPerplexity()));
            String readme = Files.readString(r.runDir().resolve("README.md"));
            assertTrue(readme.contains("No stage-1 language model in " + tmp.resolve("fresh-cache")
                    .resolve("models").resolve("ulmfit-lm")) && readme.contains("./fastdjl PretrainLm"), readme);
            assertFiles(r.runDir(), "README.md", "metrics.json", "loss.png");
        } finally {
            if (before == null) {
                System.clearProperty("fastdjl.data");
            } else {
                System.setProperty("fastdjl.data", before);
            }
        }
    }

    @Test
    void probeTheEncodersLinearly() throws Exception {
        Path csv = reviewsCsv(tmp.resolve("probe-reviews.csv"));
        ProbeEncoder.Result r = ProbeEncoder.run("--csv", csv.toString(), "--text", "body", "--label", "verdict",
                "--lm-dir", lm.toString(), "--lm-epochs", "1", "--bptt", "20", "--bs", "16", "--out",
                tmp.resolve("runs").toString(), "--quiet");
        assertEquals(List.of("random encoder", "stage-1 encoder (general English)",
                "stage-2 encoder (fine-tuned on the task's texts)",
                "TF-IDF 1-2-grams + logistic regression (reference)"), List.copyOf(r.accuracy().keySet()));
        // one word ("stale", "tasty", ...) decides each template review: any encoder's mean pooling keeps it
        for (var e : r.accuracy().entrySet()) {
            assertTrue(e.getValue() > 0.8, e.toString());
        }
        assertFiles(r.runDir(), "README.md", "metrics.json", "comparison.png", "stage2/model/lm.ndlist");
    }

    @Test
    void theAmazonReviewsWithStage2InsideTheRun() throws Exception {
        Ulmfit.Result r = Ulmfit.run("--limit", "160", "--valid-limit", "100", "--lm-dir", lm.toString(), "--seeds",
                "1", "--bs", "32", "--max-batches", "4", "--all-layers", "--out", tmp.resolve("runs").toString(),
                "--quiet");
        // a stratified sample of the test set keeps its 65.8 % "great": 66 of 100
        assertEquals(0.66, r.accuracy().get("majority class").mean(), 1e-9);
        // 4 batches per epoch prove the plumbing, not the learning (fineTuneThenCompareClassifiersOnAnyCsv does)
        assertTrue(Double.isFinite(r.pretrainedPerplexity()) && Double.isFinite(r.finetunedPerplexity()));
        assertEquals(stage1.perplexity(), r.stage1Perplexity(), 1e-9);
        for (var e : r.accuracy().entrySet()) {
            assertTrue(e.getValue().mean() >= 0.3 && e.getValue().mean() <= 1, e.toString());
        }
        assertFiles(r.runDir(), "README.md", "metrics.json", "loss.png", "stage2/README.md", "stage2/model/lm.ndlist");
        assertTrue(Files.readString(r.runDir().resolve("README.md")).contains("epochs, all layers"));
    }

    @Test
    void badInputIsOneLineAndStatus2() throws Exception {
        String out = tmp.resolve("bad").toString();
        MainProcess.Result r = MainProcess.run(PretrainLm.class, Map.of(), "--max-tokens", "50", "--model-dir",
                tmp.resolve("never").toString(), "--out", out);
        MainProcess.assertOneLine(r, "error: the language model's training text has 45 tokens, fewer than 128 (2 per row of --bs"
                + " 64); raise --max-tokens or lower --bs");
        r = MainProcess.run(Ulmfit.class, Map.of(), "--lm-dir", tmp.resolve("no-model").toString(), "--out", out);
        MainProcess.assertOneLine(r, "error: no pretrained language model in " + tmp.resolve("no-model") + " (missing lm.ndlist);"
                + " run PretrainLm first");
        r = MainProcess.run(PretrainLm.class, Map.of(), "--resume", tmp.resolve("no-run").toString(), "--out", out);
        MainProcess.assertOneLine(r, "error: --resume " + tmp.resolve("no-run") + " is not a folder");
        assertTrue(!Files.exists(Path.of(out)), "bad input leaves no run folder");
    }

    /** 300 short reviews from templates, 60 % "yes" (praise) and 40 % "no" (complaints), in columns body/verdict. */
    static Path reviewsCsv(Path file) throws Exception {
        Random r = new Random(0);
        String[] food = {"coffee", "tea", "cookies", "soup", "pasta", "honey", "chips", "cereal"};
        String[] good = {"delicious", "wonderful", "fresh", "perfect", "tasty"};
        String[] bad = {"stale", "awful", "bland", "broken", "bitter"};
        List<String> lines = new ArrayList<>(List.of("body,verdict"));
        for (int i = 0; i < 300; i++) {
            String f = food[r.nextInt(food.length)];
            boolean yes = r.nextDouble() < 0.6;
            String text = yes ? "I loved this " + f + ". It was " + good[r.nextInt(good.length)] + " and I will buy"
                    + " it again!" : "The " + f + " was " + bad[r.nextInt(bad.length)] + ". I would not buy it again.";
            lines.add("\"" + text + "\"," + (yes ? "yes" : "no"));
        }
        Files.write(file, lines);
        return file;
    }
}
