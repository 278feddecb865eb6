package ai.fastdjl.datasets;

import ai.fastdjl.collab.Ratings;
import ai.fastdjl.data.DataLocation;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * MovieLens ml-latest-small of October 2016 (Harper &amp; Konstan 2015, GroupLens): the ratings the course's
 * collaborative-filtering lesson learns from, one row per (user, movie) rating, with the movie's title, year and
 * genres joined in. Offline from Debian's {@code r-cran-dslabs} ({@code dslabs::movielens}).
 *
 * <p>License: GroupLens' terms allow research use only, and redistribution only under those same terms; the data is
 * fetched on each machine and never committed (see {@link RPackageData#DSLABS}).
 */
public final class MovieLens {
    public static final DataSource SOURCE = RPackageData.DSLABS;

    /** The R object in dslabs' database. */
    static final String OBJECT = "movielens";

    private static final List<String> COLUMNS =
            List.of("userId", "movieId", "rating", "timestamp", "title", "year", "genres");
    private static final List<ColumnType> TYPES = List.of(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE,
            ColumnType.INTEGER, ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING);

    private MovieLens() {}

    /**
     * The 100,004 ratings by 671 users of 9,066 movies, in dslabs' order (by user, then movie), as a table named
     * "movielens" with columns:
     *
     * <ul>
     *   <li>{@code userId} (int): the user, 1 to 671;</li>
     *   <li>{@code movieId} (int): MovieLens' movie id, 1 to 163949 with gaps;</li>
     *   <li>{@code rating} (double): 0.5 to 5 stars in half-star steps;</li>
     *   <li>{@code timestamp} (int): when the rating was given, in seconds since 1970-01-01 UTC (1995-01-09 to
     *       2016-10-16);</li>
     *   <li>{@code title} (String): the movie's title without the year (not unique; missing for 7 ratings of 5
     *       movies);</li>
     *   <li>{@code year} (int): the year of release, 1902 to 2016 (missing for the same 7 ratings);</li>
     *   <li>{@code genres} (String): "|"-separated genres, e.g. "Animation|Children|Drama|Musical" (901 distinct
     *       combinations).</li>
     * </ul>
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table ratings(DataLocation where) {
        return RPackageData.read(SOURCE, where, db -> RPackageData.table(db, OBJECT, COLUMNS, TYPES));
    }

    /**
     * The ratings as the collaborative-filtering lesson reads them: users, movies, ratings, timestamps and titles
     * ("Toy Story (1995)", as GroupLens writes them; dslabs keeps the year in its own column).
     */
    public static Ratings load(DataLocation where) {
        Table t = ratings(where);
        StringColumn titles = StringColumn.create("name");
        for (int k = 0; k < t.rowCount(); k++) {
            String name = t.stringColumn("title").get(k);
            titles.append(name.isBlank() ? "" : name + (t.intColumn("year").isMissing(k) ? ""
                    : " (" + t.intColumn("year").get(k) + ")"));
        }
        t.addColumns(titles);
        return Ratings.of(t, "userId", "movieId", "rating", "timestamp", "name", "MovieLens (dslabs)");
    }
}
