package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson03.BytePairLm;
import ai.fastdjl.lesson03.CharRnn;
import ai.fastdjl.lesson03.SpellingBee;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of lesson 3's sequence models: the spelling bee on a few hundred dictionary words, character models
 * and BPE on 20,000 characters or words of Moby-Dick; bad input exits 2 with one line.
 */
class Lesson03Part2Test {
    @TempDir
    static Path tmp;

    @Test
    void spellingBeeComparesAttentionAndBeams() throws Exception {
        SpellingBee.Result r = SpellingBee.run("--limit", "600", "--valid-limit", "200", "--epochs", "1", "--beams",
                "1,3", "--spell", "R EH1 D", "--out", tmp.toString(), "--quiet");
        assertEquals(List.of("attention, bidirectional, forcing always", "no attention, bidirectional, forcing always"),
                List.copyOf(r.variants().keySet()));
        assertEquals(List.of(1, 3), List.copyOf(r.beams().keySet()));
        r.variants().values().forEach(s -> {
            assertTrue(s.charErrorRate() > 0 && Double.isFinite(s.charErrorRate()), "CER " + s.charErrorRate());
            assertEquals(200, s.predicted().size());
        });
        assertTrue(r.spelled().matches("[A-Z]*"), r.spelled());
        assertFiles(r.runDir(), "README.md", "metrics.json", "attention.png");
        String readme = Files.readString(r.runDir().resolve("README.md"));
        assertTrue(readme.contains("| 10+ letters |") && readme.contains("| 1 (greedy) |"), readme);
    }

    @Test
    void charModelsTrainAndWrite() throws Exception {
        CharRnn.Result r = CharRnn.run("--limit", "20000", "--epochs", "1", "--hidden", "32", "--out", tmp.toString(),
                "--quiet");
        assertEquals(List.of("RNN, identity init", "RNN, random init", "GRU", "LSTM"), List.copyOf(r.models().keySet()));
        r.models().values().forEach(s -> {
            // one epoch on 20,000 characters: better than a uniform guess over the ~80 characters (6.3 bits)
            assertTrue(s.bitsPerChar() > 0 && s.bitsPerChar() < 6.3, "bits per char " + s.bitsPerChar());
            assertTrue(s.sample().startsWith("Call me ") && s.sample().length() == "Call me ".length() + 300);
        });
        // the same width: a GRU has three gate blocks where the LSTM has four
        assertTrue(r.models().get("GRU").parameters() < r.models().get("LSTM").parameters());
        assertFiles(r.runDir(), "README.md", "metrics.json");
    }

    @Test
    void bytePairsLeaveNoWordUnknown() throws Exception {
        BytePairLm.Result r = BytePairLm.run("--limit", "20000", "--epochs", "1", "--merges", "300", "--out",
                tmp.toString(), "--quiet");
        assertTrue(r.roundTrip(), r.example());
        BytePairLm.Score words = r.scores().get("words (min frequency 3)");
        BytePairLm.Score bpe = r.scores().get("BPE, 300 merges");
        assertTrue(words.unknown() > 0, "a 20,000-word vocabulary knows every held-out word?");
        assertTrue(bpe.unknown() < words.unknown() / 10, bpe.unknown() + " vs " + words.unknown());
        assertTrue(bpe.tokensPerWord() > 1 && Double.isFinite(bpe.bitsPerChar()), bpe.toString());
        assertFiles(r.runDir(), "README.md", "metrics.json");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        MainProcess.Result bad = MainProcess.run(SpellingBee.class, Map.of(), "--beams", "0");
        MainProcess.assertOneLine(bad, "error: --beams 0: a beam keeps at least 1 hypothesis");
        bad = MainProcess.run(SpellingBee.class, Map.of(), "--spell", "R XX1 D");
        MainProcess.assertOneLine(bad, "error: unknown phoneme \"XX1\"");
        bad = MainProcess.run(SpellingBee.class, Map.of(), "--compare", "depth");
        MainProcess.assertOneLine(bad, "error: --compare depth: give attention, encoder, forcing or all");
        // a dictionary of the user's own (--data) with a line that has no phonemes
        Path dict = tmp.resolve("bad-dict");
        Files.createDirectories(dict);
        Files.write(dict.resolve("dict.txt"), List.of(";;; a comment", "READ  R EH1 D", "WRITE"));
        bad = MainProcess.run(SpellingBee.class, Map.of(), "--data", dict.toString());
        MainProcess.assertOneLine(bad, "error: " + dict.resolve("dict.txt") + " line 3: \"WRITE\" has no phonemes");
        bad = MainProcess.run(CharRnn.class, Map.of(), "--models", "rnn,gru");
        MainProcess.assertOneLine(bad, "error: --models rnn: give rnn-identity, rnn-random, gru or lstm");
        bad = MainProcess.run(BytePairLm.class, Map.of(), "--merges", "0");
        MainProcess.assertOneLine(bad, "error: --merges 0: give 1 or more");
    }
}
