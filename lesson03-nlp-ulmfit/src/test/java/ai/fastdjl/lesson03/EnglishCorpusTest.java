package ai.fastdjl.lesson03;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnglishCorpusTest {

    @Test
    void austenChaptersStartAtHeadingsAndDropTitlePagesAndEndMarks() {
        List<String> lines = List.of("EMMA", "", "By Jane Austen", "", "VOLUME I", "", "CHAPTER I", "",
                "Emma Woodhouse, handsome,", "clever, and rich.", "", "She was the youngest.", "", "VOLUME II", "",
                "CHAPTER II", "", "Mr. Weston was a native.", "", "FINIS", "Persuasion", "", "by", "", "Jane Austen",
                "", "Chapter 1", "", "Sir Walter Elliot.", "", "A NOTE ON THE TEXT", "", "Editors wrote this.");
        List<String> books = new ArrayList<>(Collections.nCopies(20, "Emma")); // "EMMA" … "FINIS"
        books.addAll(Collections.nCopies(lines.size() - 20, "Persuasion"));
        assertEquals(List.of("Emma Woodhouse, handsome, clever, and rich.\n\nShe was the youngest.",
                "Mr. Weston was a native.", "Sir Walter Elliot."), EnglishCorpus.austenChapters(lines, books));
    }
}
