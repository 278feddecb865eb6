package ai.fastdjl.lesson02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.Ratings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlMovieLens100kTest {
    @TempDir
    Path tmp;

    /** The files DJL's MovieLens100k reads, in GroupLens' formats: tab-separated ratings, '|'-separated Latin-1 items. */
    @Test
    void readsTheRatingsAndTitlesDjlDownloads() throws Exception {
        Files.write(tmp.resolve("ua.base"), List.of("196\t242\t3\t881250949", "186\t302\t3\t891717742"));
        Files.write(tmp.resolve("ua.test"), List.of("22\t242\t1\t878887116", ""));
        Files.write(tmp.resolve("u.item"), ("242|Kolya (1996)|x\n302|L.A. Confidential (1997)|x\n"
                + "1|Caf\u00e9 (1995)|x\n").getBytes(StandardCharsets.ISO_8859_1));
        Ratings r = DjlMovieLens100k.read(tmp);
        assertEquals(3, r.size());
        assertEquals("22", r.user(2));
        assertEquals(1, r.rating(2));
        assertArrayEquals(new long[] {881250949, 891717742, 878887116}, r.times());
        assertEquals("Kolya (1996)", r.title("242"));
        assertEquals("Caf\u00e9 (1995)", r.title("1"), "Latin-1 titles decode");
    }

    @Test
    void aBrokenCopyIsOneLine() throws Exception {
        Files.write(tmp.resolve("ua.base"), List.of("196\t242\tthree\t881250949"));
        var e = assertThrows(UserInputException.class, () -> DjlMovieLens100k.read(tmp));
        assertTrue(e.getMessage().contains("(--ml100k)") && !e.getMessage().contains("\n"), e.getMessage());
    }

    /**
     * Without the internet (forced here through a proxy that refuses connections, and an empty DJL cache) the flag
     * fails with one line that says what to do, not with DJL's stack trace.
     */
    @Test
    void offlineItFailsWithOneLine() {
        String[] keys = {"https.proxyHost", "https.proxyPort", "DJL_CACHE_DIR"};
        String[] old = new String[keys.length];
        for (int k = 0; k < keys.length; k++) {
            old[k] = System.getProperty(keys[k]);
        }
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", "9"); // discard: nothing listens, so the connection is refused
        System.setProperty("DJL_CACHE_DIR", tmp.toString());
        try {
            var e = assertThrows(UserInputException.class, DjlMovieLens100k::load);
            assertTrue(e.getMessage().startsWith("DJL's MovieLens100k (--ml100k) is not in DJL's cache and could not"
                    + " be downloaded from https://mlrepo.djl.ai/"), e.getMessage());
            assertTrue(e.getMessage().endsWith("or drop --ml100k for the offline MovieLens"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        } finally {
            for (int k = 0; k < keys.length; k++) {
                if (old[k] == null) {
                    System.clearProperty(keys[k]);
                } else {
                    System.setProperty(keys[k], old[k]);
                }
            }
        }
    }
}
