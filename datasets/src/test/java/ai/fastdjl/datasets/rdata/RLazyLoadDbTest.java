package ai.fastdjl.datasets.rdata;

import static ai.fastdjl.datasets.rdata.RTestFrames.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lazy-load databases (Rdata.rdx + Rdata.rdb) written by RTestWriter with each of R's record compressions. */
class RLazyLoadDbTest {

    @TempDir
    Path dir;

    private Path writeDb(int method, List<String> stored) throws IOException {
        Map<String, RObject> vars = new LinkedHashMap<>();
        vars.put("frame", RTestFrames.frame());
        vars.put("words", strings("alpha", "beta"));
        Path data = Files.createDirectories(dir.resolve("pkg").resolve("data"));
        RTestWriter.writeLazyLoadDb(data.resolve("Rdata"), vars, method, stored);
        return data;
    }

    /** 1: zlib after the length; 2 and 3: a type byte ('2' bzip2, 'Z' raw LZMA2, '0' stored) after it. */
    @ParameterizedTest(name = "method {0}")
    @ValueSource(ints = {1, 2, 3})
    void recordsOfEveryCompressionReadBack(int method) throws IOException {
        Path data = writeDb(method, method == 1 ? List.of() : List.of("words"));
        LazyLoadDb db = LazyLoadDb.open(data);
        assertEquals(List.of("frame", "words"), db.names());
        RTestFrames.assertFrameValues(db.read("frame"));
        RTestFrames.assertFrameTable(RFrames.toTable("frame", db.read("frame")));
        assertArrayEquals(new String[] {"alpha", "beta"}, ((RObject.Strings) db.read("words")).values());
    }

    @Test
    void opensFromTheFilesTheFolderOrThePackage() throws IOException {
        Path data = writeDb(1, List.of());
        for (Path p : List.of(data, data.getParent(), data.resolve("Rdata"), data.resolve("Rdata.rdx"),
                data.resolve("Rdata.rdb"))) {
            assertEquals(data.resolve("Rdata.rdb"), LazyLoadDb.open(p).data(), p.toString());
        }
    }

    @Test
    void unknownObjectListsWhatIsThere() throws IOException {
        LazyLoadDb db = LazyLoadDb.open(writeDb(3, List.of()));
        RDataException e = assertThrows(RDataException.class, () -> db.read("movies"));
        assertTrue(e.getMessage().contains("'movies'") && e.getMessage().contains("frame, words"), e.getMessage());
    }

    @Test
    void damagedRecordsAndMissingFilesSaySo() throws IOException {
        Path data = writeDb(3, List.of());
        Path rdb = data.resolve("Rdata.rdb");
        byte[] bytes = Files.readAllBytes(rdb);
        Files.write(rdb, Arrays.copyOf(bytes, bytes.length / 2));
        LazyLoadDb db = LazyLoadDb.open(data);
        RDataException truncated = assertThrows(RDataException.class, () -> db.read("words"));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        Files.delete(rdb);
        RDataException missing = assertThrows(RDataException.class, () -> LazyLoadDb.open(data));
        assertTrue(missing.getMessage().contains("Rdata.rdb"), missing.getMessage());

        RDataException none = assertThrows(RDataException.class, () -> LazyLoadDb.open(dir.resolve("elsewhere")));
        assertTrue(none.getMessage().contains("no R lazy-load database"), none.getMessage());
    }
}
