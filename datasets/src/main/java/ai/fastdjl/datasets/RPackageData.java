package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.rdata.LazyLoadDb;
import ai.fastdjl.datasets.rdata.RFrames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Data sets that R libraries ship, taken from Debian's {@code r-cran-*} packages: an installed R package keeps its
 * data in a lazy-load database, {@code data/Rdata.rdx} (the index) + {@code data/Rdata.rdb} (the records), which
 * {@link LazyLoadDb} reads without R.
 *
 * <p>One {@link DataSource} per Debian package; the loaders ({@link MovieLens}, {@link AmazonReviews},
 * {@link ChicagoRidership}, {@link TxHousing}, {@link JaneAusten}) each read one object from one of them. The
 * sources have no download URL: CRAN's source tarballs hold {@code data/*.rda} rather than these files, and the
 * Windows/macOS binaries that do hold them are zips, rebuilt per R release, so no URL serves a file whose checksum
 * could be pinned; Debian's build is the pinned copy.
 *
 * <p>The SHA-256 values are those of the files unpacked from the pinned {@code .deb}s (bookworm), computed with
 * {@code sha256sum} and checked by a fetch into an empty cache.
 */
public final class RPackageData {

    /** The two files of a package's lazy-load database, as R's {@code tools:::data2LazyLoadDB} names them. */
    static final String INDEX = "Rdata.rdx";
    static final String RECORDS = "Rdata.rdb";

    /**
     * dslabs 0.7.4 (Irizarry &amp; Gill): {@code movielens}, GroupLens' ml-latest-small of October 2016. The package
     * is Artistic-2.0, but the ratings keep GroupLens' terms (the data set's README): research use only, no
     * commercial use without permission, redistribution only under those same terms. This project therefore fetches
     * it on each machine and never commits any of it, not even a sample as a test fixture.
     */
    public static final DataSource DSLABS = source("r-dslabs", "dslabs (MovieLens ratings)", "dslabs", "0.7.4-1",
            "7f740c8802abcf5de56096417560b2d5be317c59f30d50c9d37548695952aa3b",
            "97e59cc21906407fe85a369cd92a765ea050e69346d4043545471972bd02a6b3",
            "MovieLens: GroupLens terms (research, non-commercial; never commit it); dslabs: Artistic-2.0");

    /**
     * modeldata 1.1.0 (Kuhn): {@code training_data}/{@code testing_data} (Amazon fine-food reviews, from SNAP's
     * web-FineFoods) and {@code Chicago} (L ridership, from Kuhn &amp; Johnson's Feature Engineering and Selection).
     */
    public static final DataSource MODELDATA = source("r-modeldata", "modeldata (reviews, Chicago)", "modeldata",
            "1.1.0-1",
            "2ecef5e8da0f782ae4e3f65d928fe769702accffd8981cc358a3097f6736f58f",
            "c23e1be60f2730fb526ce158a307e154c91a953169fcb8e73350c4e032e14538",
            "MIT (modeldata, Max Kuhn / RStudio); reviews from SNAP web-FineFoods");

    /** ggplot2 3.4.1 (Wickham): {@code txhousing}, from the TAMU Real Estate Center. */
    public static final DataSource GGPLOT2 = source("r-ggplot2", "ggplot2 (txhousing)", "ggplot2", "3.4.1+dfsg-1",
            "0d6ab8598fdc514c171b5bb17584fdb0e5b2c05dde0202f6a386292222d521d5",
            "da42a94883a022aa1347c3eac680eeff5855a824fb6df61b942a5467c647a97c",
            "GPL-2.0+ (ggplot2, Hadley Wickham); data from the TAMU Real Estate Center");

    /** janeaustenr 1.0.0 (Silge): the six novels, as Project Gutenberg published them. */
    public static final DataSource JANEAUSTENR = source("r-janeaustenr", "janeaustenr (six novels)", "janeaustenr",
            "1.0.0-1",
            "8fb5198960d0da724b1562f96e4221e5c1b41ff455000280b02c55980c3d8f21",
            "cab8cbe4ce965d3b42b35c03383bafccc0eb78151f70e4748ead45270470c22f",
            "MIT (janeaustenr, Julia Silge); texts public domain (Project Gutenberg)");

    private RPackageData() {}

    /** Debian installs R package {@code pkg} under {@code /usr/lib/R/site-library/<pkg>}, as {@code r-cran-<pkg>}. */
    private static DataSource source(String name, String title, String pkg, String version, String rdbSha256,
            String rdxSha256, String license) {
        String dataDir = "usr/lib/R/site-library/" + pkg + "/data/";
        return new DataSource(
                name,
                title,
                List.of(new DataSource.DataFile(RECORDS, dataDir + RECORDS, rdbSha256),
                        new DataSource.DataFile(INDEX, dataDir + INDEX, rdxSha256)),
                new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.DEBIAN, "r-cran-" + pkg, version),
                Path.of("/" + dataDir),
                null, // CRAN ships source tarballs (data/*.rda), not these files: see the class comment
                license);
    }

    /** Reads something from a package's lazy-load database; may throw for a damaged or unexpected object. */
    @FunctionalInterface
    interface DbReader<T> {
        T read(LazyLoadDb db) throws IOException;
    }

    /**
     * Finds {@code src} through {@link DataResolver} and reads from its database. Any failure to read (a damaged
     * file, a missing object, columns other than expected) becomes one line naming the folder and the fix.
     */
    static <T> T read(DataSource src, DataLocation where, DbReader<T> reader) {
        Path dir = DataResolver.resolve(src, where);
        try {
            return reader.read(LazyLoadDb.open(dir.resolve(INDEX)));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw unreadable(src, dir, e.getMessage(), e);
        } catch (RuntimeException e) {
            // The R reader reports damage as RDataException; anything else escaping it means bytes it did not
            // expect, which a damaged file explains best; the cause keeps the stack trace for --debug.
            throw unreadable(src, dir, e.toString(), e);
        }
    }

    /**
     * Object {@code object} as a table (see {@link RFrames#toTable} for the column types) with the columns
     * {@code names}, in that order, checked to have the given types: a package other than the pinned one (a system
     * copy, a {@code --data} folder) may have renamed or retyped them.
     *
     * @throws IllegalArgumentException naming what differs
     */
    static Table table(LazyLoadDb db, String object, List<String> names, List<ColumnType> types) throws IOException {
        Table t = RFrames.toTable(object, db.read(object));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!t.containsColumn(names.get(i))) {
                problems.add("no column '" + names.get(i) + "'");
            } else if (!t.column(names.get(i)).type().equals(types.get(i))) {
                problems.add("column '" + names.get(i) + "' is " + t.column(names.get(i)).type() + ", expected "
                        + types.get(i));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("R object '" + object + "' in " + db.data() + " has "
                    + String.join(", ", problems) + " (its columns: " + t.columnNames() + ")");
        }
        Table out = Table.create(object);
        for (String n : names) {
            out.addColumns(t.column(n));
        }
        return out;
    }

    /**
     * One line naming the folder, the problem and the fix. A cache copy is deleted and fetched again; a system copy
     * is not ours to delete, but a fetch puts a good copy in the cache, which is read first; a {@code --data} folder
     * is the user's, so they replace its files or use the cache.
     */
    static DataNotFoundException unreadable(DataSource src, Path dir, String problem, Throwable cause) {
        String oneLine = String.valueOf(problem).replaceAll("\\s*\\R\\s*", " ");
        String fetch = DataResolver.fetchCommand(src);
        String fix;
        if (dir.equals(DataResolver.cacheDir(src))) {
            fix = "delete " + dir + " and run " + fetch;
        } else if (dir.equals(src.systemDir())) {
            fix = "run " + fetch + " (the cache is read before " + dir + ") or reinstall " + src.pkg().name();
        } else {
            fix = "replace " + RECORDS + " and " + INDEX + " there with the files of " + src.pkg().name() + " "
                    + src.pkg().version() + ", or drop --data to use the cache (" + fetch + " fills it)";
        }
        return new DataNotFoundException(src.title() + " in " + dir + " is unreadable: " + oneLine + "; " + fix, cause);
    }
}
