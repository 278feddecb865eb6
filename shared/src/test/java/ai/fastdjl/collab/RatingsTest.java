package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String... lines) throws Exception {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void readsAnyColumnsOfACsv() throws Exception {
        Path f = write("r.csv", "who,what,stars,when,name", "ann,m1,4.5,10,Alien", "bob,m1,3,20,Alien",
                "bob,m2,1,30,Brazil");
        Ratings r = Ratings.readCsv(f, "who", "what", "stars", "when", "name");
        assertEquals(3, r.size());
        assertEquals("bob", r.user(2));
        assertEquals(4.5f, r.rating(0));
        assertArrayEquals(new long[] {10, 20, 30}, r.times());
        assertEquals("Brazil", r.title("m2"));
        assertEquals("m9", r.title("m9"), "an item without a title is called by its id");
        assertEquals(1, r.minRating());
        assertEquals(4.5f, r.maxRating());
    }

    @Test
    void csvProblemsNameTheFileRowAndFlag() throws Exception {
        Path f = write("r.csv", "userId,movieId,rating", "1,10,4", "2,10,five");
        var missing = assertThrows(UserInputException.class,
                () -> Ratings.readCsv(f, "userId", "movieId", "stars", null, null));
        assertEquals(f + " has no column 'stars' (--rating); its columns: userId, movieId, rating",
                missing.getMessage());
        var text = assertThrows(UserInputException.class,
                () -> Ratings.readCsv(f, "userId", "movieId", "rating", null, null));
        assertTrue(text.getMessage().startsWith(f + ": data row 2 of column 'rating' (--rating) is 'five', not a"
                + " number"), text.getMessage());
        Path blank = write("b.csv", "userId,movieId,rating", "1,,4");
        var noItem = assertThrows(UserInputException.class,
                () -> Ratings.readCsv(blank, "userId", "movieId", "rating", null, null));
        assertTrue(noItem.getMessage().contains("data row 1 has no value in column 'movieId' (--item)"),
                noItem.getMessage());
        var none = assertThrows(UserInputException.class,
                () -> Ratings.readCsv(tmp.resolve("no.csv"), "u", "i", "r", null, null));
        assertTrue(none.getMessage().contains("not found (--csv)"), none.getMessage());
    }

    @Test
    void groupLensProblemsBlameGroupLensNotCsv() throws Exception {
        Path dir = tmp.resolve("ml");
        write("ml/ratings.csv", "userId,movieId,rating,timestamp", "1,10,4,100", "1,11,oops,101");
        write("ml/movies.csv", "movieId,title,genres", "10,Heat (1995),Action");
        var bad = assertThrows(UserInputException.class, () -> Ratings.groupLens(dir));
        assertTrue(bad.getMessage().startsWith(dir.resolve("ratings.csv") + " (--grouplens): data row 2 of column"
                + " 'rating' is 'oops'"), bad.getMessage());
        assertFalse(bad.getMessage().contains("--csv") || bad.getMessage().contains("--rating"), bad.getMessage());
        write("ml/ratings.csv", "userId,movieId,stars,timestamp", "1,10,4,100");
        var col = assertThrows(UserInputException.class, () -> Ratings.groupLens(dir));
        assertTrue(col.getMessage().contains("(--grouplens) has no column 'rating'"), col.getMessage());
        assertFalse(col.getMessage().contains("--csv"), col.getMessage());
        var none = assertThrows(UserInputException.class, () -> Ratings.groupLens(tmp.resolve("nowhere")));
        assertTrue(none.getMessage().contains("not found (--grouplens)"), none.getMessage());
        write("ml/ratings.csv", "userId,movieId,rating,timestamp", "1,10,4,100", "2,11,3,101");
        Ratings r = Ratings.groupLens(dir);
        assertEquals("Heat (1995)", r.title("10"));
        assertArrayEquals(new long[] {100, 101}, r.times());
    }

    @Test
    void aSampleIsSeededAndSpreadOverTheFile() {
        int n = 1000;
        String[] u = new String[n];
        float[] y = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = "u" + k / 10; // sorted by user, as MovieLens is
            y[k] = k;
            t[k] = k;
        }
        Ratings all = new Ratings(u, u.clone(), y, t, null);
        Ratings a = all.sample(100, 1);
        assertEquals(100, a.size());
        List<Float> kept = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            kept.add(a.rating(k));
            assertEquals(a.rating(k), a.times()[k], "rows stay whole");
        }
        assertTrue(kept.get(0) < 100 && kept.get(99) > 900, "from all over the file: " + kept);
        assertEquals(kept, kept.stream().sorted().toList(), "in file order");
        assertEquals(kept.size(), kept.stream().distinct().count(), "no row twice");
        Ratings again = all.sample(100, 1);
        Ratings other = all.sample(100, 2);
        assertEquals(a.rating(50), again.rating(50));
        assertNotEquals(List.of(a.rating(10), a.rating(50)), List.of(other.rating(10), other.rating(50)));
        assertEquals(n, all.sample(n + 5, 1).size());
    }
}
