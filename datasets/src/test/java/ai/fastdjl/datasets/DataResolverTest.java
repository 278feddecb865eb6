package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.data.DataLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolution order: --data, then the cache, then the system copy, then (not here) fetching. */
class DataResolverTest {
    @TempDir
    Path tmp;
    private DataSource src;
    private Path cache;
    private Path system;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty(DataResolver.CACHE_PROPERTY, tmp.resolve("cache").toString());
        system = Files.createDirectories(tmp.resolve("system"));
        String sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"; // sha256("foo")
        src = new DataSource("toy", "Toy data", List.of(new DataSource.DataFile("a.txt", "pkg/a.txt", sha)),
                null, system, null, "public domain");
        cache = DataResolver.cacheDir(src);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(DataResolver.CACHE_PROPERTY);
    }

    @Test
    void explicitFolderWinsAndMustHoldTheFiles() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> DataResolver.resolve(src, new DataLocation(mine, false)));
        assertTrue(e.getMessage().contains("missing a.txt") && e.getMessage().contains("--data"), e.getMessage());
        Files.writeString(mine.resolve("a.txt"), "foo");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("a.txt"), "foo");
        Files.writeString(cache.resolve(DataResolver.COMPLETE), "");
        assertEquals(mine, DataResolver.resolve(src, new DataLocation(mine, false)));
    }

    @Test
    void cacheBeforeSystemCopyAndOnlyWhenComplete() throws Exception {
        Files.writeString(system.resolve("a.txt"), "foo");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("a.txt"), "foo");
        assertEquals(system, DataResolver.resolve(src, new DataLocation(null, false)), "an unmarked (interrupted) cache is skipped");
        Files.writeString(cache.resolve(DataResolver.COMPLETE), "");
        assertEquals(cache, DataResolver.resolve(src, new DataLocation(null, false)));
        assertTrue(Fetcher.isComplete(src, cache));
        Files.writeString(cache.resolve("a.txt"), "bar");
        assertTrue(!Fetcher.isComplete(src, cache), "a changed file fails its checksum");
    }

    @Test
    void nothingFoundSaysWhereItLookedAndHowToFetch() {
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> DataResolver.resolve(src, new DataLocation(null, false)));
        String msg = e.getMessage();
        assertTrue(msg.contains(cache.toString()) && msg.contains(system.toString()), msg);
        assertTrue(msg.contains("./datasets/fetch.sh toy") && msg.contains("--data DIR"), msg);
        assertEquals(1, msg.lines().count());
    }
}
