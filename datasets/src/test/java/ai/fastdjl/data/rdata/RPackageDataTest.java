package ai.fastdjl.data.rdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * The real data sets the course uses, read from the Debian packages of the R libraries that ship them. Expected
 * values were read with R 4.2.2 from the same files.
 *
 * <p>Runs only where the packages are unpacked: in the data cache, {@code ${FASTDJL_DATA:-~/.cache/fastdjl}/
 * <debian-package>/usr/lib/R/site-library/<pkg>/data/}, or under the folder named by the environment variable
 * {@code FASTDJL_RDATA_TEST_DIR} (or system property {@code fastdjl.rdata.test.dir}) laid out the same way.
 */
class RPackageDataTest {

    static Path root() {
        String dir = System.getProperty("fastdjl.rdata.test.dir", System.getenv("FASTDJL_RDATA_TEST_DIR"));
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String cache = System.getenv("FASTDJL_DATA");
        return cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "fastdjl");
    }

    /** The package's data folder, or the test is skipped. */
    static LazyLoadDb open(String pkg) throws IOException {
        Path data = root().resolve("r-cran-" + pkg.toLowerCase()).resolve("usr/lib/R/site-library")
                .resolve(pkg).resolve("data");
        assumeTrue(Files.isRegularFile(data.resolve("Rdata.rdx")), "no " + data + "; set FASTDJL_RDATA_TEST_DIR");
        return LazyLoadDb.open(data);
    }

    @Test
    void movielens() throws IOException {
        LazyLoadDb db = open("dslabs");
        long start = System.nanoTime();
        Table m = RFrames.toTable("movielens", db.read("movielens"));
        double seconds = (System.nanoTime() - start) / 1e9;
        // About 0.15 s on a 2-core machine with a cold JVM; the bound catches a quadratic slip, not jitter.
        assertTrue(seconds < 5, "movielens took " + seconds + " s");

        assertEquals(100_004, m.rowCount());
        assertEquals(List.of("movieId", "title", "year", "genres", "userId", "rating", "timestamp"), m.columnNames());
        assertEquals(List.of(ColumnType.INTEGER, ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING,
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.INTEGER), m.types());
        assertEquals(671, m.intColumn("userId").countUnique());
        assertEquals(0.5, m.doubleColumn("rating").min());
        assertEquals(5.0, m.doubleColumn("rating").max());
        assertEquals(7, m.stringColumn("title").countMissing());
        assertEquals(7, m.intColumn("year").countMissing());
        assertEquals(901, m.stringColumn("genres").countUnique()); // the factor's 901 levels, all used

        assertEquals(List.of(31, "Dangerous Minds", 1995, "Drama", 1, 2.5, 1260759144), row(m, 0));
        assertEquals(List.of(1029, "Dumbo", 1941, "Animation|Children|Drama|Musical", 1, 3.0, 1260759179),
                row(m, 1));
        assertEquals(List.of(6565, "Seabiscuit", 2003, "Drama", 671, 3.5, 1074784724), row(m, 100_003));
    }

    private static List<Object> row(Table t, int i) {
        return t.columns().stream().map(c -> (Object) c.get(i)).toList();
    }

    @Test
    void txhousing() throws IOException {
        Table tx = RFrames.toTable("txhousing", open("ggplot2").read("txhousing"));
        assertEquals(8_602, tx.rowCount());
        assertEquals(List.of("city", "year", "month", "sales", "volume", "median", "listings", "inventory", "date"),
                tx.columnNames());
        assertEquals(List.of("Abilene", 2000, 1, 72.0, 5_380_000.0, 71_400.0, 701.0, 6.3, 2000.0), row(tx, 0));
        assertEquals(List.of("Wichita Falls", 2015, 7, 172.0, 23_850_905.0, 116_700.0, 811.0, 6.5, 2015.5),
                row(tx, 8_601));
        assertEquals(568, tx.doubleColumn("sales").countMissing());
        assertEquals(1_467, tx.doubleColumn("inventory").countMissing());
    }

    @Test
    void modeldataChicagoAndFoodReviews() throws IOException {
        LazyLoadDb db = open("modeldata");
        assertEquals(41, db.names().size());
        Table chicago = RFrames.toTable("Chicago", db.read("Chicago"));
        assertEquals(5_698, chicago.rowCount());
        assertEquals(50, chicago.columnCount());
        assertEquals(ColumnType.LOCAL_DATE, chicago.column("date").type());
        assertEquals(LocalDate.of(2001, 1, 22), chicago.dateColumn("date").get(0));
        assertEquals(LocalDate.of(2016, 8, 28), chicago.dateColumn("date").get(5_697));
        assertEquals(15.732, chicago.doubleColumn("ridership").getDouble(0));
        assertEquals(5.627, chicago.doubleColumn("ridership").getDouble(5_697));

        // Amazon fine-food reviews: product, review text, score factor great/other.
        Table train = RFrames.toTable("training_data", db.read("training_data"));
        Table test = RFrames.toTable("testing_data", db.read("testing_data"));
        assertEquals(List.of("product", "review", "score"), train.columnNames());
        assertEquals(4_000, train.rowCount());
        assertEquals(1_000, test.rowCount());
        assertEquals(2_600, train.stringColumn("score").isEqualTo("great").size());
        assertEquals(1_400, train.stringColumn("score").isEqualTo("other").size());
        assertEquals(658, test.stringColumn("score").isEqualTo("great").size());
        assertEquals("this stuff is  not stuffing  its  not good at all  save your money",
                train.stringColumn("review").get(0));
        assertEquals("B00473JLA6", train.stringColumn("product").get(3_999));
    }

    @Test
    void janeAustenNovelsAreCharacterVectorsOfLines() throws IOException {
        LazyLoadDb db = open("janeaustenr");
        assertEquals(List.of("emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice",
                "sensesensibility"), db.names().stream().sorted().toList());
        Table emma = RFrames.toTable("emma", db.read("emma"));
        assertEquals(16_235, emma.rowCount());
        assertEquals("EMMA", emma.stringColumn("emma").get(0));
        assertEquals(2_552, emma.stringColumn("emma").countMissing()); // tablesaw reads R's "" lines as missing
        assertEquals("PRIDE AND PREJUDICE", ((RObject.Strings) db.read("prideprejudice")).values()[0]);
        String[] persuasion = ((RObject.Strings) db.read("persuasion")).values();
        assertEquals(8_328, persuasion.length);
        // R's sum(nchar(persuasion)): every character decoded, none lost to encoding.
        assertEquals(458_526, Arrays.stream(persuasion).mapToInt(String::length).sum());
    }

    @Test
    void everyObjectOfEveryPackageReads() throws IOException {
        for (String pkg : List.of("dslabs", "modeldata", "ggplot2", "janeaustenr")) {
            LazyLoadDb db = open(pkg);
            for (String name : db.names()) {
                RObject value = db.read(name);
                if (RFrames.isDataFrame(value)) {
                    assertEquals(RFrames.rowCount(value), RFrames.toTable(name, value).rowCount(), pkg + "::" + name);
                }
            }
        }
    }
}
