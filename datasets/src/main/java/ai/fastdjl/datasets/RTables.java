package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.rdata.RFrames;
import ai.fastdjl.datasets.rdata.RObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Any data frame of the pinned R packages ({@link RPackageData}) as a table or a CSV file: the R packages ship
 * dozens of tables no lesson uses (modeldata's {@code ames} house prices, {@code credit_data}, {@code hpc_data};
 * ggplot2's {@code diamonds}), which is what a user needs to try the lessons' "any CSV" paths on data they have
 * never seen, offline. {@code datasets/fetch.sh --tables r-modeldata} lists them; {@code --export
 * r-modeldata:ames --to ames.csv} writes one.
 */
public final class RTables {
    private RTables() {}

    /** The R package sources, by their {@code fetch.sh} name. */
    static DataSource source(String name) {
        DataSource s = Sources.all().get(name);
        if (s == null || !s.name().startsWith("r-")) {
            throw new UserInputException("'" + name + "' is not an R package data set; pass one of "
                    + String.join(", ", Sources.all().keySet().stream().filter(n -> n.startsWith("r-")).toList()));
        }
        return s;
    }

    /** {@code name (rows × columns)} for every data frame in {@code src}. */
    public static List<String> list(DataSource src, DataLocation where) {
        return RPackageData.read(src, where, db -> {
            List<String> out = new ArrayList<>();
            for (String n : db.names()) {
                RObject o = db.read(n);
                if (RFrames.isDataFrame(o)) {
                    out.add(n + " (" + RFrames.rowCount(o) + " × " + o.length() + ")");
                }
            }
            return out;
        });
    }

    /** Data frame {@code object} of {@code src}, every column as {@link RFrames#toTable} converts it. */
    public static Table read(DataSource src, DataLocation where, String object) {
        return RPackageData.read(src, where, db -> {
            if (!db.contains(object)) {
                throw new UserInputException("no table '" + object + "' in " + src.name() + "; list them with"
                        + " datasets/fetch.sh --tables " + src.name());
            }
            return RFrames.toTable(object, db.read(object));
        });
    }

    /** Writes {@code SOURCE:OBJECT} (e.g. {@code r-modeldata:ames}) to {@code csv}; returns rows written. */
    public static int export(String spec, Path csv, DataLocation where) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new UserInputException("--export '" + spec + "' is not SOURCE:TABLE, e.g. r-modeldata:ames");
        }
        Table t = read(source(spec.substring(0, colon)), where, spec.substring(colon + 1));
        try {
            Path parent = csv.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            t.write().csv(csv.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        return t.rowCount();
    }
}
