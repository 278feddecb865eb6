package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson03.SpellingBee;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of lesson 3's sequence models on a few hundred dictionary words; bad input exits 2 with one line. */
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
    void badInputExitsTwoWithOneLine() throws Exception {
        MainProcess.Result bad = MainProcess.run(SpellingBee.class, Map.of(), "--beams", "0");
        MainProcess.assertOneLine(bad, "error: --beams 0: a beam keeps at least 1 hypothesis");
        bad = MainProcess.run(SpellingBee.class, Map.of(), "--spell", "R XX1 D");
        MainProcess.assertOneLine(bad, "error: unknown phoneme \"XX1\"");
        bad = MainProcess.run(SpellingBee.class, Map.of(), "--compare", "depth");
        MainProcess.assertOneLine(bad, "error: --compare depth: give attention, encoder, forcing or all");
    }
}
