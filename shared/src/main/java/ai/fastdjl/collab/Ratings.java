package ai.fastdjl.collab;

import ai.fastdjl.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
        for (String[] c : new String[][] {{user, "--user"}, {item, "--item"}, {rating, "--rating"}, {time, "--time"},
                {title, "--title"}}) {
            if (c[0] != null && !t.containsColumn(c[0])) {
                throw new UserInputException(where + " has no column '" + c[0] + "' (" + c[1] + "); its columns: "
                        + String.join(", ", t.columnNames()));
            }
        }
        int n = t.rowCount();
        if (n == 0) {
            throw new UserInputException(where + " has no ratings; pass a file with a header line and one rating a row");
        }
        String[] u = strings(t.column(user), where, "--user");
        String[] i = strings(t.column(item), where, "--item");
        float[] r = new float[n];
        Column<?> rc = t.column(rating);
        for (int k = 0; k < n; k++) {
            r[k] = (float) number(rc, k, where, "--rating");
        }
        long[] ts = null;
        if (time != null) {
            ts = new long[n];
            Column<?> tc = t.column(time);
            for (int k = 0; k < n; k++) {
                ts[k] = (long) number(tc, k, where, "--time");
            }
        }
        Map<String, String> names = new HashMap<>();
        if (title != null) {
            Column<?> tc = t.column(title);
            for (int k = 0; k < n; k++) {
                if (!tc.isMissing(k) && !tc.getString(k).isBlank()) {
                    names.putIfAbsent(i[k], tc.getString(k));
                }
            }
        }
        return new Ratings(u, i, r, ts, names);
    }

    /**
     * A ratings CSV with a header line; {@code time} and {@code title} may be null. Every column is read as text
     * and parsed here, so a bad value is reported with its row rather than guessed into another column type.
     */
    public static Ratings readCsv(Path file, String user, String item, String rating, String time, String title) {
        return of(readTable(file, "--csv"), user, item, rating, time, title, file.toString());
    }

    /**
     * GroupLens' own MovieLens download, unzipped: {@code ratings.csv} (userId, movieId, rating, timestamp) and
     * {@code movies.csv} (movieId, title, genres), as in ml-latest-small, ml-latest, ml-25m and ml-32m.
     */
    public static Ratings groupLens(Path dir) {
        Ratings r = readCsv(dir.resolve("ratings.csv"), "userId", "movieId", "rating", "timestamp", null);
        Table movies = readTable(dir.resolve("movies.csv"), "--grouplens");
        Map<String, String> names = new HashMap<>();
        if (movies.containsColumn("movieId") && movies.containsColumn("title")) {
            for (int k = 0; k < movies.rowCount(); k++) {
                names.put(movies.stringColumn("movieId").get(k), movies.stringColumn("title").get(k));
            }
        }
        return new Ratings(r.users, r.items, r.ratings, r.times, names);
    }

    private static Table readTable(Path file, String flag) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " not found (" + flag + "); pass an existing CSV file");
        }
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(name -> ColumnType.STRING)
                    .maxCharsPerColumn(65_536).build());
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new UserInputException(file + " is not a readable CSV (" + msg + "); pass a comma-separated file"
                    + " with a header line", e);
        }
    }

    private static String[] strings(Column<?> c, String where, String flag) {
        String[] out = new String[c.size()];
        for (int k = 0; k < out.length; k++) {
            if (c.isMissing(k) || c.getString(k).isBlank()) {
                throw new UserInputException(where + ": row " + (k + 1) + " has no value in column '" + c.name()
                        + "' (" + flag + "); fill it in or drop the row");
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
            throw new UserInputException(where + ": row " + (k + 1) + " of column '" + c.name() + "' (" + flag
                    + ") is '" + (c.isMissing(k) ? "" : c.getString(k)) + "', not a number; fix the file or pick"
                    + " another column");
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

    /** The first {@code n} ratings (smoke runs). */
    public Ratings head(int n) {
        int k = Math.min(n, size());
        return new Ratings(java.util.Arrays.copyOf(users, k), java.util.Arrays.copyOf(items, k),
                java.util.Arrays.copyOf(ratings, k), times == null ? null : java.util.Arrays.copyOf(times, k), titles);
    }
}
