package ai.fastdjl.lesson02;

import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.Ratings;
import ai.fastdjl.datasets.MovieLens;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the ratings come from (a picocli mixin): by default MovieLens ml-latest-small, offline from Debian's
 * {@code r-cran-dslabs}; or GroupLens' own download of it ({@code --grouplens DIR}); or DJL's MovieLens 100K
 * ({@code --ml100k}, online); or any ratings CSV.
 */
public class RatingsOptions {
    @Option(names = "--csv", description = "A ratings CSV with a header line, instead of MovieLens.")
    Path csv;

    @Option(names = "--user", description = "--csv: the user column (default: userId).")
    String user;

    @Option(names = "--item", description = "--csv: the item column (default: movieId).")
    String item;

    @Option(names = "--rating", description = "--csv: the rating column (default: rating).")
    String rating;

    @Option(names = "--time", description = "--csv: a numeric time column, for --split time.")
    String time;

    @Option(names = "--title", description = "--csv: a column naming the items, for the interpretation.")
    String title;

    // ml-latest has the same two files but 33 M ratings: more than these in-memory tables are meant for
    @Option(names = "--grouplens", description = "GroupLens' ml-latest-small download, unzipped (the folder with"
            + " ratings.csv and movies.csv), instead of the offline copy.")
    Path groupLens;

    @Option(names = "--ml100k", description = "DJL's MovieLens100k (older data: 943 users, 1998); downloaded into"
            + " DJL's cache on first use, so it needs the internet once.")
    boolean ml100k;

    /**
     * The ratings the flags name (a seeded sample of {@code --limit} of them); {@code --data} and {@code --no-fetch}
     * steer the offline MovieLens copy.
     */
    Ratings load(CommonOptions c) {
        int sources = (csv != null ? 1 : 0) + (groupLens != null ? 1 : 0) + (ml100k ? 1 : 0);
        if (sources > 1) {
            throw new UserInputException("--csv, --grouplens and --ml100k each name the ratings; pass one of them");
        }
        for (String[] f : new String[][] {{user, "--user"}, {item, "--item"}, {rating, "--rating"}, {time, "--time"},
                {title, "--title"}}) {
            if (f[0] != null && csv == null) {
                throw new UserInputException(f[1] + " picks a column of --csv FILE; pass --csv, or drop " + f[1]
                        + " (MovieLens' columns are known)");
            }
        }
        Ratings r;
        if (csv != null) {
            r = Ratings.readCsv(csv, or(user, "userId"), or(item, "movieId"), or(rating, "rating"), time, title);
        } else if (groupLens != null) {
            r = Ratings.groupLens(groupLens);
        } else if (ml100k) {
            r = DjlMovieLens100k.load();
        } else {
            r = MovieLens.load(c.data());
        }
        if (c.limit != null && c.limit < 2) {
            throw new UserInputException("--limit " + c.limit + " leaves nothing to split; pass at least 2 ratings");
        }
        return c.limit != null ? r.sample(c.limit, c.seed) : r;
    }

    private static String or(String value, String dflt) {
        return value != null ? value : dflt;
    }

    /** The offline ml-latest-small copy, whose RMSE the course reports. */
    boolean courseData() {
        return csv == null && groupLens == null && !ml100k;
    }

    /** What to call the data in the report. */
    String describe() {
        return csv != null ? csv.getFileName().toString() : groupLens != null ? "MovieLens (GroupLens download, "
                + groupLens.getFileName() + ")" : ml100k ? "MovieLens 100K (DJL's MovieLens100k)"
                : "MovieLens ml-latest-small (dslabs copy)";
    }
}
