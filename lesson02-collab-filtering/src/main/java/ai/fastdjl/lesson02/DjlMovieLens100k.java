package ai.fastdjl.lesson02;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.basicdataset.tabular.MovieLens100k;
import ai.djl.repository.MRL;
import ai.djl.translate.TranslateException;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.Ratings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MovieLens 100K (GroupLens, 1998: 100,000 ratings of 1,682 movies by 943 users, whole stars 1 to 5) as DJL's
 * {@code MovieLens100k} data set ({@code ai.djl:basicdataset}) downloads it into DJL's cache on first use.
 *
 * <p>For online users only: DJL fetches it from {@code https://mlrepo.djl.ai/}, which no package registry mirrors,
 * so offline (as this project's tests run) it fails with one line. It is older data than the course's
 * ml-latest-small, so the course's RMSE does not apply to it. DJL's class serves its rows as featurised user and
 * movie attributes, not the ids collaborative filtering needs, so the ratings are read from the files it downloaded:
 * {@code ua.base} and {@code ua.test} (which DJL uses as train and test; together every rating) and {@code u.item}.
 */
final class DjlMovieLens100k {
    /** MovieLens100k's private artifact id and version, which locate the files its {@code prepare} downloads. */
    private static final String ARTIFACT = "movielens-100k";
    private static final String VERSION = "1.0";

    private DjlMovieLens100k() {}

    static Ratings load() {
        Path root;
        try {
            MovieLens100k.builder().setSampling(1, false).build().prepare(); // DJL's download and unzip
            MRL mrl = BasicDatasets.REPOSITORY.dataset(Application.Tabular.ANY, BasicDatasets.GROUP_ID, ARTIFACT,
                    VERSION);
            root = mrl.getRepository().getResourceDirectory(mrl.getDefaultArtifact()).resolve("ml-100k/ml-100k");
        } catch (IOException | TranslateException | RuntimeException e) {
            throw new UserInputException("DJL's MovieLens100k (--ml100k) is not in DJL's cache and could not be"
                    + " downloaded from " + BasicDatasets.DJL_REPO_URL + " (" + e + "); it needs the internet once"
                    + " (under Maven also -Ddjl.offline=false), or drop --ml100k for the offline MovieLens", e);
        }
        return read(root);
    }

    /** The ratings in {@code root} (an unzipped {@code ml-100k}), with titles from {@code u.item}. */
    static Ratings read(Path root) {
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        List<Float> ratings = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (String file : new String[] {"ua.base", "ua.test"}) {
            for (String line : lines(root.resolve(file), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                try {
                    ratings.add(Float.parseFloat(f[2].strip()));
                    times.add(Long.parseLong(f[3].strip()));
                } catch (RuntimeException e) { // too few fields, or not numbers
                    throw new UserInputException(root.resolve(file) + " (--ml100k): '" + line + "' is not user,"
                            + " item, rating and timestamp separated by tabs; delete DJL's copy to download it again");
                }
                users.add(f[0].strip());
                items.add(f[1].strip());
            }
        }
        float[] r = new float[ratings.size()];
        long[] t = new long[times.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = ratings.get(k);
            t[k] = times.get(k);
        }
        Map<String, String> titles = new HashMap<>();
        for (String line : lines(root.resolve("u.item"), StandardCharsets.ISO_8859_1)) { // GroupLens' 1998 encoding
            String[] f = line.split("\\|", 3);
            if (f.length >= 2) {
                titles.put(f[0].strip(), f[1].strip());
            }
        }
        return new Ratings(users.toArray(String[]::new), items.toArray(String[]::new), r, t, titles);
    }

    private static List<String> lines(Path file, java.nio.charset.Charset cs) {
        try {
            return Files.readAllLines(file, cs).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UserInputException(file + " (--ml100k) is missing or unreadable (" + e + "); delete DJL's copy"
                    + " to download it again", e);
        }
    }
}
