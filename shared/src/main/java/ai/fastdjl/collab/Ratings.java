package ai.fastdjl.collab;

import ai.fastdjl.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Who rated what, how much and when: the input of collaborative filtering, from any table with a user, an item and
 * a rating column (fastai's {@code CollabDataLoaders.from_df(ratings, user_name, item_name, rating_name)}).
 *
 * <p>Users and items are kept as strings, so ids may be numbers or names; ratings must be numbers. Timestamps (for
 * a time-based split) and item titles (for interpretation) are optional.
 */
public final class Ratings {
    /** The flags that pick the user, item, rating, time and title columns of a {@code --csv}. */
    private static final String[] FLAGS = {"--user", "--item", "--rating", "--time", "--title"};

    private final String[] users;
    private final String[] items;
    private final float[] ratings;
    private final long[] times;
    private final Map<String, String> titles;

    public Ratings(String[] users, String[] items, float[] ratings, long[] times, Map<String, String> titles) {
        if (users.length != items.length || users.length != ratings.length
                || (times != null && times.length != users.length)) {
            throw new IllegalArgumentException("users, items, ratings and times must have the same length");
        }
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.times = times;
        this.titles = titles == null ? Map.of() : Map.copyOf(titles);
    }

    /**
     * Reads columns of {@code t}; {@code time} and {@code title} may be null. Every problem (a missing column, a
     * rating that is not a number, a missing user or item) is one line naming {@code where} and the flag to fix.
     */
    public static Ratings of(Table t, String user, String item, String rating, String time, String title,
            String where) {
        return of(t, new String[] {user, item, rating, time, title}, where, true);
    }

    /**
     * {@code cols}: user, item, rating, time, title (the last two may be null). With {@code flags}, messages name
     * the flag that picks the column; without, the columns are the format's and only the file can be fixed.
     */
    private static Ratings of(Table t, String[] cols, String where, boolean flags) {
        for (int c = 0; c < cols.length; c++) {
            if (cols[c] != null && !t.containsColumn(cols[c])) {
                throw new UserInputException(where + " has no column '" + cols[c] + "'" + flag(c, flags)
                        + "; its columns: " + String.join(", ", t.columnNames()));
            }
        }
        int n = t.rowCount();
        if (n == 0) {
            throw new UserInputException(where + " has no ratings; pass a file with a header line and one rating a row");
        }
        String[] u = strings(t.column(cols[0]), where, flag(0, flags));
        String[] i = strings(t.column(cols[1]), where, flag(1, flags));
        float[] r = new float[n];
        Column<?> rc = t.column(cols[2]);
        for (int k = 0; k < n; k++) {
            r[k] = (float) number(rc, k, where, flag(2, flags));
        }
        long[] ts = null;
        if (cols[3] != null) {
            ts = new long[n];
            Column<?> tc = t.column(cols[3]);
            for (int k = 0; k < n; k++) {
                ts[k] = (long) number(tc, k, where, flag(3, flags));
            }
        }
        Map<String, String> names = new HashMap<>();
        if (cols[4] != null) {
            Column<?> tc = t.column(cols[4]);
            for (int k = 0; k < n; k++) {
                if (!tc.isMissing(k) && !tc.getString(k).isBlank()) {
                    names.putIfAbsent(i[k], tc.getString(k));
                }
            }
        }
        return new Ratings(u, i, r, ts, names);
    }

    private static String flag(int column, boolean flags) {
        return flags ? " (" + FLAGS[column] + ")" : "";
    }

    /**
     * A ratings CSV with a header line; {@code time} and {@code title} may be null. Every column is read as text
     * and parsed here, so a bad value is reported with its row rather than guessed into another column type.
     */
    public static Ratings readCsv(Path file, String user, String item, String rating, String time, String title) {
        return of(readTable(file, "--csv", "pass an existing ratings CSV"), new String[] {user, item, rating, time,
            title}, file.toString(), true);
    }

    /**
     * GroupLens' own MovieLens download, unzipped: {@code ratings.csv} (userId, movieId, rating, timestamp) and
     * {@code movies.csv} (movieId, title, genres), as in ml-latest-small and ml-latest. Problems are reported against
     * {@code --grouplens}, whose columns are fixed by GroupLens' format.
     */
    public static Ratings groupLens(Path dir) {
        String fix = "pass the folder of an unzipped GroupLens download such as ml-latest-small";
        Path ratingsCsv = dir.resolve("ratings.csv");
        Ratings r = of(readTable(ratingsCsv, "--grouplens", fix), new String[] {"userId", "movieId", "rating",
            "timestamp", null}, ratingsCsv + " (--grouplens)", false);
        Path moviesCsv = dir.resolve("movies.csv");
        Table movies = readTable(moviesCsv, "--grouplens", fix);
        for (String c : List.of("movieId", "title")) {
            if (!movies.containsColumn(c)) {
                throw new UserInputException(moviesCsv + " (--grouplens) has no column '" + c + "'; its columns: "
                        + String.join(", ", movies.columnNames()) + "; " + fix);
            }
        }
        Map<String, String> names = new HashMap<>();
        for (int k = 0; k < movies.rowCount(); k++) {
            names.put(movies.stringColumn("movieId").get(k).strip(), movies.stringColumn("title").get(k));
        }
        return new Ratings(r.users, r.items, r.ratings, r.times, names);
    }

    private static Table readTable(Path file, String flag, String fix) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " not found (" + flag + "); " + fix);
        }
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(name -> ColumnType.STRING)
                    .maxCharsPerColumn(65_536).build());
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new UserInputException(file + " (" + flag + ") is not a readable CSV (" + msg + "); pass a"
                    + " comma-separated file with a header line", e);
        }
    }

    private static String[] strings(Column<?> c, String where, String flag) {
        String[] out = new String[c.size()];
        for (int k = 0; k < out.length; k++) {
            if (c.isMissing(k) || c.getString(k).isBlank()) {
                throw new UserInputException(where + ": data row " + (k + 1) + " has no value in column '" + c.name()
                        + "'" + flag + "; fill it in or drop the row");
            }
            out[k] = c.getString(k).strip();
        }
        return out;
    }

    private static double number(Column<?> c, int k, String where, String flag) {
        double v;
        if (c instanceof tech.tablesaw.api.NumericColumn<?> && !c.isMissing(k)) {
            v = ((tech.tablesaw.api.NumericColumn<?>) c).getDouble(k);
        } else {
            try {
                v = c.isMissing(k) ? Double.NaN : Double.parseDouble(c.getString(k).strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        if (!Double.isFinite(v)) {
            throw new UserInputException(where + ": data row " + (k + 1) + " of column '" + c.name() + "'" + flag
                    + " is '" + (c.isMissing(k) ? "" : c.getString(k)) + "', not a number; fix the file"
                    + (flag.isEmpty() ? "" : " or pick another column"));
        }
        return v;
    }

    public int size() {
        return ratings.length;
    }

    public String user(int k) {
        return users[k];
    }

    public String item(int k) {
        return items[k];
    }

    public float rating(int k) {
        return ratings[k];
    }

    /** Null when the data has no time column. */
    public long[] times() {
        return times;
    }

    public boolean hasTimes() {
        return times != null;
    }

    /** The item's title, or its id when there is none. */
    public String title(String item) {
        return titles.getOrDefault(item, item);
    }

    public float minRating() {
        float m = Float.POSITIVE_INFINITY;
        for (float r : ratings) {
            m = Math.min(m, r);
        }
        return m;
    }

    public float maxRating() {
        float m = Float.NEGATIVE_INFINITY;
        for (float r : ratings) {
            m = Math.max(m, r);
        }
        return m;
    }

    /** The ratings at {@code rows}, in that order, with the same titles. */
    public Ratings rows(int[] rows) {
        String[] u = new String[rows.length];
        String[] i = new String[rows.length];
        float[] r = new float[rows.length];
        long[] t = times == null ? null : new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            u[k] = users[rows[k]];
            i[k] = items[rows[k]];
            r[k] = ratings[rows[k]];
            if (t != null) {
                t[k] = times[rows[k]];
            }
        }
        return new Ratings(u, i, r, t, titles);
    }

    /**
     * A seeded random {@code n} of the ratings, kept in their original order (smoke runs, quick demos); all of them
     * when {@code n >= size()}. A sample of ratings, not of users: taking the first rows would keep only the first
     * users of a file sorted by user, as MovieLens is.
     */
    public Ratings sample(int n, long seed) {
        if (n >= size()) {
            return this;
        }
        int[] order = new int[size()];
        Arrays.setAll(order, k -> k);
        Random rnd = new Random(seed);
        for (int k = 0; k < n; k++) { // partial Fisher-Yates: the first n places get a uniform sample
            int j = k + rnd.nextInt(order.length - k);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
        }
        int[] rows = Arrays.copyOf(order, n);
        Arrays.sort(rows);
        return rows(rows);
    }
}
