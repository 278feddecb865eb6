package ai.fastdjl.data;

import ai.fastdjl.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A user's CSV file as a tablesaw table, with one-line errors for the ways such a file goes wrong. */
public final class Csv {
    /** The usual spellings of "missing" in CSV exports (R, pandas, spreadsheets). */
    private static final String[] MISSING = {"", "NA", "N/A", "NaN", "nan", "null", "NULL"};
    /** A review or an article in one cell can be long; tablesaw's default cap is 4,096 characters. */
    private static final int MAX_CHARS_PER_CELL = 1 << 20;

    private Csv() {}

    /**
     * Reads {@code file} whole (column types from every row, not a sample; {@code types} fixes some), named after the
     * file.
     */
    public static Table read(Path file, Map<String, ColumnType> types) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("no CSV file " + file + "; pass an existing file with a header row");
        }
        // tablesaw reads an empty file as a table without columns: say what is wrong instead of "no such column"
        if (file.toFile().length() == 0) {
            throw new UserInputException(file + " is empty; a CSV needs a header line and data rows");
        }
        try {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).sample(false)
                    .maxCharsPerColumn(MAX_CHARS_PER_CELL).missingValueIndicator(MISSING).columnTypesPartial(types))
                    .setName(file.getFileName().toString());
            if (t.rowCount() == 0) {
                throw new UserInputException(file + " has a header line but no data rows");
            }
            return t;
        } catch (UserInputException e) {
            throw e;
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            throw new UserInputException(file + " could not be read as CSV (" + why + "); check the file", e);
        }
    }

    /** {@link #read(Path, Map)} with every column's type read from the data. */
    public static Table read(Path file) {
        return read(file, Map.of());
    }

    /** Column {@code name} as strings, a missing cell as "" ({@code flag} names the option that chose the column). */
    public static List<String> strings(Table t, String name, String flag) {
        if (!t.containsColumn(name)) {
            throw new UserInputException("no column '" + name + "' in " + t.name() + " (columns: " + t.columnNames()
                    + "); pass " + flag + " with one of them");
        }
        var col = t.column(name);
        List<String> out = new ArrayList<>(col.size());
        for (int i = 0; i < col.size(); i++) {
            out.add(col.isMissing(i) ? "" : col.getString(i));
        }
        return out;
    }
}
