package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every lesson's Java notebooks, executed top to bottom at their CI budget by Jupyter's own client with the project's
 * kernel ({@code tests/notebooks/notebooks.py execute}): a notebook whose code no longer matches the API, or whose
 * cell fails, fails here with the notebook and the cell named. The executed copies land in
 * {@code target/notebooks/executed/}. Then the teacher's pages (each lesson module's {@code runs/index.html}) are
 * written from the run folders and opened in headless Chromium.
 */
class NotebooksTest {

    @Test
    void everyLessonNotebookRunsTopToBottomAndTheTeachersPagesShowTheirRuns() throws Exception {
        notebooks("execute");
        // the pages list the runs the notebooks just made; Chromium must show each lesson's title and runs
        notebooks("index", "--check");
    }

    private static void notebooks(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "notebooks/notebooks.py"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line); // each notebook's time and status, as it finishes
                out.append(line).append('\n');
            }
        }
        p.waitFor(30, TimeUnit.MINUTES);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
    }
}
