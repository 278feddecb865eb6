package ai.fastdjl.bench;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.CmuDict;
import ai.fastdjl.lesson03.SpellingBee;
import ai.fastdjl.lesson03.SpellingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The spelling bee's words for its PyTorch peer ({@code tests/bench/spelling_peer.py}): the training, validation and
 * test words {@link SpellingBee} uses at its defaults, one {@code WORD<TAB>PH1 PH2 ...} line each, in
 * {@code train.tsv}, {@code valid.tsv} and {@code test.tsv}, so both sides train and score on the same words.
 */
@Command(name = "SpellingExport", mixinStandardHelpOptions = true, description = "Writes SpellingBee's words as TSV.")
public final class SpellingExport {
    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;
    @Option(names = "--limit", defaultValue = "30000", description = "Training words (SpellingBee's default).")
    int limit;
    @Option(names = "--data", description = "Data folder (default: the cache).")
    Path data;

    public static void main(String[] args) {
        Cli.main(args, () -> {
            SpellingExport o = new SpellingExport();
            if (Cli.parse(args, o)) {
                o.run();
            }
            return null;
        });
    }

    void run() {
        DataLocation where = data != null ? new DataLocation(data, false) : DataLocation.cache();
        SpellingData.Words w = SpellingData.words(where, limit, null);
        write("train.tsv", w.train());
        write("valid.tsv", w.valid());
        write("test.tsv", w.test());
        System.out.printf("%s: %d training, %d validation, %d test words%n", out, w.train().size(), w.valid().size(),
                w.test().size());
    }

    private void write(String name, List<CmuDict.Entry> words) {
        try {
            Files.createDirectories(out);
            Files.write(out.resolve(name), words.stream().map(e -> e.word() + "\t" + String.join(" ", e.phonemes()))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(name) + " (" + e.getMessage() + ")", e);
        }
    }
}
