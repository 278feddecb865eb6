package ai.fastdjl.data;

import java.nio.file.Path;

/**
 * Where a lesson's data come from: the folder given with {@code --data} ({@code dir}; null for the project's cache
 * or the system's copy), and whether a copy missing from both may be fetched ({@code false} with {@code --no-fetch}:
 * fail with the command that would fetch it).
 */
public record DataLocation(Path dir, boolean fetch) {
    /** The cache or the system's copy, fetched when missing: what a run without {@code --data} uses. */
    public static DataLocation cache() {
        return new DataLocation(null, true);
    }
}
