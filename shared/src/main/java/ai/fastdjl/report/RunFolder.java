package ai.fastdjl.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The folder one run writes into: {@code <root>/<name>/<yyyyMMdd-HHmmss>/}, with {@code <root>/<name>/latest}
 * pointing at the newest, so a teacher can open {@code runs/FashionResNet/latest/README.md}.
 */
public final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The folder this JVM created last: a main's run, where a stopped run says so even from a nested learner. */
    private static volatile RunFolder current;
    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** A new, empty run folder under {@code root/name}. */
    public static RunFolder create(Path root, String name) {
        Path parent = root.resolve(name);
        String stamp = LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(parent);
            Path dir = parent.resolve(stamp);
            for (int i = 2; Files.exists(dir); i++) {
                dir = parent.resolve(stamp + "-" + i);
            }
            Files.createDirectories(dir);
            Path latest = parent.resolve("latest");
            try {
                Files.deleteIfExists(latest);
                Files.createSymbolicLink(latest, dir.getFileName());
            } catch (IOException | UnsupportedOperationException e) {
                // no symlinks on this file system: the timestamped folder is still there
            }
            current = new RunFolder(dir);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder under " + parent.toAbsolutePath(), e);
        }
    }

    /** An existing folder (resuming a run). */
    public static RunFolder at(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir.toAbsolutePath(), e);
        }
        return new RunFolder(dir);
    }

    /** The run folder this JVM created last ({@link #create}), if any. */
    public static java.util.Optional<RunFolder> current() {
        return java.util.Optional.ofNullable(current);
    }

    public Path dir() {
        return dir;
    }

    /** A file in the run folder. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
