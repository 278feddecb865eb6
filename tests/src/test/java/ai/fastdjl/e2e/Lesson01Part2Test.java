package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.lesson01.Distillation;
import ai.fastdjl.lesson01.DistillationPaper;
import ai.fastdjl.lesson01.Ensembles;
import ai.fastdjl.lesson01.PseudoLabeling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of pseudo-labelling, distillation and ensembles with tiny budgets. */
class Lesson01Part2Test {
    @TempDir
    Path tmp;

    @Test
    void pseudoLabelingRunsARound() throws Exception {
        PseudoLabeling.Result r = PseudoLabeling.run("--limit", "3000", "--valid-limit", "500", "--per-class", "20",
                "--rounds", "1", "--seeds", "1", "--round-batches", "8", "--epochs", "3", "--out", tmp.toString());
        assertEquals(2, r.accuracy().size()); // labelled only, round 1
        assertTrue(Files.size(r.runDir().resolve("README.md")) > 0);
    }

    /** Flag values that would crash later or silently mean nothing are one line before any data is read. */
    @Test
    void badPseudoLabelingFlagsAreRefused() {
        for (String[] bad : new String[][] {{"--round-batches", "0"}, {"--threshold", "1.5"}, {"--pseudo-share", "2"},
                {"--rounds", "0"}, {"--seeds", "0"}, {"--per-class", "0"}}) {
            var e = assertThrows(UserInputException.class, () -> PseudoLabeling.run(bad[0], bad[1], "--out",
                    tmp.toString()), String.join(" ", bad));
            assertTrue(e.getMessage().startsWith("--threshold must be in (0, 1]"), e.getMessage());
        }
        assertTrue(!Files.exists(tmp.resolve("PseudoLabeling")), "no run folder");
    }

    @Test
    void distillationTrainsEveryStudent() throws Exception {
        Distillation.Result r = Distillation.run("--limit", "1000", "--valid-limit", "500", "--teacher-epochs", "1",
                "--max-batches", "20", "--epochs", "1", "--seeds", "1", "--quiet", "--out", tmp.toString());
        assertEquals(List.of("hard labels", "distilled, T=1", "distilled, T=4", "distilled, T=8"),
                List.copyOf(r.students().keySet()));
        assertTrue(r.teacherParams() > 10 * r.studentParams(), r.teacherParams() + " vs " + r.studentParams());
    }

    @Test
    void distillationPaperRunsItsThreeSettings() throws Exception {
        DistillationPaper.Result r = DistillationPaper.run("--limit", "1000", "--valid-limit", "500",
                "--teacher-images", "2000", "--epochs", "1", "--few", "0.01", "--quiet", "--out", tmp.toString());
        assertEquals(List.of("hard labels", "soft targets, T = 1", "soft targets, T = 2", "soft targets, T = 4",
                "soft targets, T = 8", "soft targets, T = 20"), List.copyOf(r.temperatures().keySet()));
        assertEquals(List.of("hard labels", "soft targets, T = 8"), List.copyOf(r.few().keySet()));
        assertEquals(List.of("hard labels", "hard labels, bias adjusted", "soft targets, T = 8",
                "soft targets, T = 8, bias adjusted"), List.copyOf(r.omittedRecall().keySet()));
        r.omittedRecall().values().forEach(s -> assertTrue(s.mean() >= 0 && s.mean() <= 1, s.toString()));
        // the teacher of a smoke run (2,000 images, one epoch) is near chance, so only the hard labels teach here
        assertTrue(r.temperatures().get("hard labels").mean() > 0.3, "above chance: " + r.temperatures());
        r.temperatures().values().forEach(s -> assertTrue(s.mean() >= 0 && s.mean() <= 1, s.toString()));
        assertTrue(Files.size(r.runDir().resolve("README.md")) > 0);
        MainProcess.Result bad = MainProcess.run(DistillationPaper.class, Map.of(), "--omit", "10");
        MainProcess.assertOneLine(bad, "error: --omit 10 --few 0.03: give a class 0-9");
        MainProcess.assertOneLine(MainProcess.run(DistillationPaper.class, Map.of(), "--temperature", "0"),
                "error: --temperature 0.0 --temperatures [1.0, 2.0, 4.0, 8.0, 20.0]: softmax temperatures must be"
                        + " above 0");
    }

    /** The teacher in the loop (TeacherTargets) through all three settings, with setting 1's temperatures chosen. */
    @Test
    void distillationPaperWithAConsistentTeacher() throws Exception {
        DistillationPaper.Result r = DistillationPaper.run("--limit", "1000", "--valid-limit", "500",
                "--teacher-images", "2000", "--epochs", "1", "--few", "0.01", "--consistent", "--temperatures", "2",
                "--quiet", "--out", tmp.toString());
        assertEquals(List.of("hard labels", "soft targets, T = 2"), List.copyOf(r.temperatures().keySet()));
        r.temperatures().values().forEach(s -> assertTrue(s.mean() > 0.1 && s.mean() <= 1, s.toString()));
        r.omittedRecall().values().forEach(s -> assertTrue(s.mean() >= 0 && s.mean() <= 1, s.toString()));
        assertTrue(Files.readString(r.runDir().resolve("README.md")).contains("the teacher labelling each batch"));
    }

    @Test
    void ensemblesCompareFourWays() throws Exception {
        Ensembles.Result r = Ensembles.run("--limit", "1000", "--valid-limit", "300", "--epochs", "1", "--models", "2",
                "--quiet", "--out", tmp.toString());
        // SGDR with cycle_mult 2: cycles of 1 and 2 epochs, so the long single model trains 3
        assertEquals(List.of("one model, 1 epoch", "one model, 3 epochs", "ensemble of 2 independent models",
                "SGDR, last cycle only", "snapshot ensemble of 2 SGDR cycles"), List.copyOf(r.accuracy().keySet()));
    }
}
