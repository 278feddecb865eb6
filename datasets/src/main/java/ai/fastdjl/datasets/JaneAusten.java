package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.rdata.RObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Jane Austen's six completed novels as Project Gutenberg published them, line by line: a small English corpus for
 * language models and text classification. Offline from Debian's {@code r-cran-janeaustenr}.
 */
public final class JaneAusten {
    public static final DataSource SOURCE = RPackageData.JANEAUSTENR;

    /**
     * R object → title, in order of publication: the order and titles of {@code janeaustenr::austen_books()}
     * (R/austen_books.R), so a table here matches the one R users know.
     */
    public static final Map<String, String> BOOKS = books();

    private JaneAusten() {}

    /**
     * All six novels as one table "austen-books" of 73,422 lines, shaped like {@code austen_books()}:
     *
     * <ul>
     *   <li>{@code text} (String): one line of the Gutenberg text, up to about 70 characters, in reading order;
     *       blank lines are kept as empty strings because they mark paragraph breaks (tablesaw counts "" as
     *       missing, so {@code isMissing} is true for them and {@code get} returns "");</li>
     *   <li>{@code book} (String): the title, one of {@link #BOOKS}' values; the books follow each other in that
     *       order: Sense &amp; Sensibility (12,624 lines), Pride &amp; Prejudice (13,030), Mansfield Park (15,349),
     *       Emma (16,235), Northanger Abbey (7,856), Persuasion (8,328).</li>
     * </ul>
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table novels(DataLocation where) {
        return RPackageData.read(SOURCE, where, db -> {
            StringColumn text = StringColumn.create("text");
            StringColumn book = StringColumn.create("book");
            for (Map.Entry<String, String> b : BOOKS.entrySet()) {
                RObject lines = db.read(b.getKey());
                if (!(lines instanceof RObject.Strings s)) {
                    throw new IllegalArgumentException("R object '" + b.getKey() + "' in " + db.data() + " is "
                            + RObject.describe(lines) + ", expected a character vector of lines");
                }
                for (String line : s.values()) {
                    // janeaustenr has no NA lines; were one to appear, a blank line is the closest reading.
                    text.append(line == null ? "" : line);
                    book.append(b.getValue());
                }
            }
            return Table.create("austen-books", text, book);
        });
    }

    private static Map<String, String> books() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sensesensibility", "Sense & Sensibility");
        m.put("prideprejudice", "Pride & Prejudice");
        m.put("mansfieldpark", "Mansfield Park");
        m.put("emma", "Emma");
        m.put("northangerabbey", "Northanger Abbey");
        m.put("persuasion", "Persuasion");
        return Collections.unmodifiableMap(m);
    }
}
