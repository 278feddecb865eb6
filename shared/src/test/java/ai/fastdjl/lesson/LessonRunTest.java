package ai.fastdjl.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.lesson.sample.SampleMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonRunTest {
    @TempDir
    Path tmp;

    @Test
    void everySharedFlagIsCheckedTheSameWayBeforeAnyWork() {
        String[][] cases = {
            {"--lr", "-1", "--lr -1.0 must be positive"},
            {"--lr", "NaN", "--lr NaN must be positive"},
            {"--epochs", "0", "--epochs must be at least 1; got 0"},
            {"--bs", "0", "--bs must be at least 1; got 0"},
            {"--max-batches", "-3", "--max-batches must be at least 1; got -3"},
            {"--limit", "0", "--limit must be at least 1; got 0"},
            {"--valid-limit", "0", "--valid-limit must be at least 1; got 0"},
            {"--epoch", "3", "Unknown options: '--epoch', '3'"},
        };
        for (String[] c : cases) {
            var e = assertThrows(UserInputException.class, () -> LessonRun.start(new SampleMain(), c[0], c[1],
                    "--out", tmp.toString()), String.join(" ", c));
            assertTrue(e.getMessage().startsWith(c[2]), e.getMessage());
            // one line wherever it surfaces (a main, a notebook cell): frames only with --debug
            assertEquals(0, e.getStackTrace().length, String.join(" ", c));
        }
        assertFalse(Files.exists(tmp.resolve("SampleMain")), "bad input leaves no run folder");
    }

    @Test
    void defaultsComeFromTheLessonUnlessAFlagSaysOtherwise() {
        LessonRun plain = LessonRun.start(new SampleMain(), "--out", tmp.toString());
        assertEquals(3e-3, plain.lr(3e-3));
        assertEquals(4, plain.epochs(4, 8));
        assertEquals(64, plain.batchSize(64));
        assertEquals(5_000, plain.quickLimit(5_000).limit());
        assertEquals(42, plain.seed());
        assertNull(plain.data().dir());
        assertTrue(plain.data().fetch());

        LessonRun given = LessonRun.start(new SampleMain(), "--lr", "0.1", "--epochs", "2", "--bs", "16", "--limit",
                "100", "--full", "--no-fetch", "--data", "somewhere", "--out", tmp.toString());
        assertEquals(0.1, given.lr(3e-3));
        assertEquals(0.1, given.lr(() -> {
            throw new AssertionError("the LR finder must not run when --lr is given");
        }));
        assertEquals(2, given.epochs(4, 8));
        assertEquals(16, given.batchSize(64));
        assertEquals(100, given.quickLimit(5_000).limit());
        assertEquals(Path.of("somewhere"), given.data().dir());
        assertFalse(given.data().fetch());

        LessonRun full = LessonRun.start(new SampleMain(), "--full", "--out", tmp.toString());
        assertEquals(8, full.epochs(4, 8));
        assertNull(full.quickLimit(5_000).limit(), "--full trains on everything");
        assertNull(full.quickMaxBatches(150).maxBatches());
    }

    @Test
    void theReportSaysTheCommandThatReproducesTheRun() throws Exception {
        LessonRun run = LessonRun.start(new SampleMain(), "--epochs", "2", "--title", "two words", "--out",
                tmp.toString());
        assertEquals(new Reproduce("SampleMain", List.of("--epochs", "2", "--title", "two words",
                "--out", tmp.toString())), run.reproduce());
        assertEquals("./fastdjl SampleMain --epochs 2 --title 'two words' --out " + tmp, run.reproduce().toString());
        assertEquals("./fastdjl M 'it'\\''s'", new Reproduce("M", List.of("it's")).toString());
        Path readme = run.report("A title").claim("A claim.").write();
        assertEquals(tmp.resolve("SampleMain"), run.dir().getParent());
        assertTrue(Files.readString(readme).contains("Reproduce: `" + run.reproduce() + "`"));
    }

    @Test
    void aNotebookSetsTheSameOptionsAndGetsTheSameChecks() {
        var options = new ai.fastdjl.cli.CommonOptions();
        assertEquals(42, options.seed, "the flags' defaults hold without picocli");
        options.out = tmp;
        options.epochs = 0;
        var e = assertThrows(UserInputException.class, () -> LessonRun.notebook("01-sample", options));
        assertEquals("--epochs must be at least 1; got 0", e.getMessage());
        options.epochs = 2;
        LessonRun run = LessonRun.notebook("01-sample", options);
        assertEquals(2, run.epochs(4, 8));
        assertEquals(tmp.resolve("01-sample"), run.dir().getParent());
        assertTrue(run.command().contains("01-sample.ipynb"), run.command());
    }

    @Test
    void helpPrintsAndReturnsNoRun() {
        assertNull(LessonRun.start(new SampleMain(), "--help"));
    }
}
