package ai.fastdjl.datasets.rdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by R 4.2.2 itself (src/test/resources/rdata, made by make-fixtures.R, described in its README), so
 * the reader is checked against R's bytes and not only against our own writer.
 */
class RFixturesTest {

    static Path fixture(String name) {
        try {
            return Path.of(RFixturesTest.class.getResource("/rdata/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The frame R built, with the latin1-marked column only R can write. */
    private static void assertRFrame(RObject frame) {
        RTestFrames.assertFrameValues(frame);
        RTestFrames.assertFrameTable(RFrames.toTable("frame", frame));
        RObject latin = ((RObject.ListVector) frame).values().get(8);
        assertArrayEquals(new String[] {"plain", "na\u00efve", null}, ((RObject.Strings) latin).values());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"frame-v3.rds", "frame-v2-xz.rds"})
    void rdsFromR(String file) throws IOException {
        assertRFrame(RFiles.readRds(fixture(file)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"workspace-gzip-v2.rda", "workspace-bzip2.rda", "workspace-xz.rda"})
    void rdaFromR(String file) throws IOException {
        Map<String, RObject> vars = RFiles.readRda(fixture(file));
        assertEquals(List.of("frame", "words"), List.copyOf(vars.keySet()));
        assertRFrame(vars.get("frame"));
        assertArrayEquals(new String[] {"alpha", "beta"}, ((RObject.Strings) vars.get("words")).values());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lazyload-zlib", "lazyload-bzip2", "lazyload-xz"})
    void lazyLoadDatabaseFromR(String dir) throws IOException {
        LazyLoadDb db = LazyLoadDb.open(fixture(dir));
        assertEquals(List.of("f", "frame", "words"), db.names());
        assertRFrame(db.read("frame"));
        assertArrayEquals(new String[] {"alpha", "beta"}, ((RObject.Strings) db.read("words")).values());
        // A function beside the data: refused by name, the rest of the database still reads.
        RDataException e = assertThrows(RDataException.class, () -> db.read("f"));
        assertTrue(e.getMessage().contains("'f'") && e.getMessage().contains("CLOSXP, code 3"), e.getMessage());
    }

    @Test
    void altrepObjectsExpand() throws IOException {
        RObject.ListVector list = (RObject.ListVector) RFiles.readRds(fixture("altrep.rds"));
        assertEquals(List.of("intseq", "down", "realseq", "named", "deferred", "wrapped_int", "wrapped_real",
                "wrapped_chr"), list.names());
        List<RObject> v = list.values();
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, ((RObject.Integers) v.get(0)).values());
        assertArrayEquals(new int[] {10, 9, 8}, ((RObject.Integers) v.get(1)).values());
        assertArrayEquals(new double[] {1, 2, 3}, ((RObject.Doubles) v.get(2)).values());
        assertArrayEquals(new int[] {1, 2}, ((RObject.Integers) v.get(3)).values());
        assertEquals(List.of("a", "b"), v.get(3).names());
        assertArrayEquals(new String[] {"101", "102", "103"}, ((RObject.Strings) v.get(4)).values());
        assertArrayEquals(new int[] {3, 1, RObject.NA_INTEGER}, ((RObject.Integers) v.get(5)).values());
        assertArrayEquals(new double[] {2.5, 1.5}, ((RObject.Doubles) v.get(6)).values());
        assertArrayEquals(new String[] {"x", "y"}, ((RObject.Strings) v.get(7)).values());
    }

    @Test
    void refusalsNameTheObjectAndTheFix() {
        RDataException closure = assertThrows(RDataException.class, () -> RFiles.readRds(fixture("closure.rds")));
        assertTrue(closure.getMessage().contains("'closure[[2]]'")
                && closure.getMessage().contains("CLOSXP, code 3"), closure.getMessage());

        RDataException deferred = assertThrows(RDataException.class,
                () -> RFiles.readRds(fixture("altrep-deferred-double.rds")));
        assertTrue(deferred.getMessage().contains("deferred") && deferred.getMessage().contains("paste0"),
                deferred.getMessage());

        RDataException ascii = assertThrows(RDataException.class, () -> RFiles.readRds(fixture("ascii.rds")));
        assertTrue(ascii.getMessage().contains("ASCII"), ascii.getMessage());
    }
}
