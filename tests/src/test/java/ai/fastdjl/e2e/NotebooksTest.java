package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every lesson's Java notebooks, executed top to bottom at their CI budget by Jupyter's own client with the project's
 * kernel ({@code tests/notebooks/notebooks.py execute}): a notebook whose code no longer matches the API, or whose
 * cell fails, fails here with the notebook and the cell named. The executed copies land in
 * {@code target/notebooks/executed/}.
 */
class NotebooksTest {

    @Test
    void everyLessonNotebookRunsTopToBottom() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "notebooks/notebooks.py", "execute")
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line); // each notebook's time and status, as it finishes
                out.append(line).append('\n');
            }
        }
        p.waitFor(30, TimeUnit.MINUTES);
        assertEquals(0, p.exitValue(), "notebooks failed:\n" + out);
    }
}
