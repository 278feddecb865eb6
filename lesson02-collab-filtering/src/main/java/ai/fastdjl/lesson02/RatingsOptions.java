package ai.fastdjl.lesson02;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.Ratings;
import ai.fastdjl.data.MovieLens;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where the ratings come from (a picocli mixin): by default MovieLens ml-latest-small, offline from Debian's
 * {@code r-cran-dslabs}; or GroupLens' own download of it ({@code --grouplens DIR}); or any ratings CSV.
 */
public class RatingsOptions {
    @Option(names = "--csv", description = "A ratings CSV with a header line, instead of MovieLens.")
    Path csv;

    @Option(names = "--user", defaultValue = "userId", description = "--csv: the user column (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--item", defaultValue = "movieId", description = "--csv: the item column (default: ${DEFAULT-VALUE}).")
    String item;

    @Option(names = "--rating", defaultValue = "rating", description = "--csv: the rating column (default: ${DEFAULT-VALUE}).")
    String rating;

    @Option(names = "--time", description = "--csv: a numeric time column, for --split time.")
    String time;

    @Option(names = "--title", description = "--csv: a column naming the items, for the interpretation.")
    String title;

    @Option(names = "--grouplens", description = "GroupLens' MovieLens download, unzipped (a folder with ratings.csv"
            + " and movies.csv: ml-latest-small, ml-latest, ml-25m, ml-32m).")
    Path groupLens;

    /** The ratings the flags name; {@code c.data}/{@code c.noFetch} steer the offline MovieLens copy. */
    Ratings load(CommonOptions c) {
        if (csv != null && groupLens != null) {
            throw new UserInputException("--csv and --grouplens both given; pass one of them");
        }
        Ratings r;
        if (csv != null) {
            r = Ratings.readCsv(csv, user, item, rating, time, title);
        } else if (groupLens != null) {
            r = Ratings.groupLens(groupLens);
        } else {
            Table t = MovieLens.ratings(c.data, !c.noFetch);
            // "Toy Story (1995)", as GroupLens writes titles; dslabs keeps the year in its own column
            StringColumn titles = StringColumn.create("name");
            for (int k = 0; k < t.rowCount(); k++) {
                String name = t.stringColumn("title").get(k);
                titles.append(name.isBlank() ? "" : name + (t.intColumn("year").isMissing(k) ? ""
                        : " (" + t.intColumn("year").get(k) + ")"));
            }
            t.addColumns(titles);
            r = Ratings.of(t, "userId", "movieId", "rating", "timestamp", "name", "MovieLens (dslabs)");
        }
        return c.limit != null ? r.head(c.limit) : r;
    }

    /** What to call the data in the report. */
    String describe() {
        return csv != null ? csv.getFileName().toString() : groupLens != null ? "MovieLens (GroupLens download, "
                + groupLens.getFileName() + ")" : "MovieLens ml-latest-small (dslabs copy)";
    }
}
