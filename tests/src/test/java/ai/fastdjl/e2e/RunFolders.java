package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Assertions on the run folders the lesson mains write. */
final class RunFolders {
    private RunFolders() {}

    /** Where the {@code -Pexperiments} runs write their run folders (under the tests module's target). */
    static final String EXPERIMENTS = Path.of("target", "experiments").toString();

    /** Each of {@code names} is a non-empty file in {@code dir}. */
    static void assertFiles(Path dir, String... names) throws IOException {
        assertFiles(dir, List.of(names));
    }

    static void assertFiles(Path dir, List<String> names) throws IOException {
        for (String n : names) {
            Path f = dir.resolve(n);
            assertTrue(Files.isRegularFile(f) && Files.size(f) > 0, n + " missing or empty in " + dir);
        }
    }
}
