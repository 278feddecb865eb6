package ai.fastdjl.lesson03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTaskTest {

    @Test
    void limitTakesASeededSampleThatKeepsEachClassShare() {
        // 65 % class 0 in the first rows, then 35 % class 1: the first N rows would be one class only
        int[] labels = new int[1000];
        Arrays.fill(labels, 650, 1000, 1);
        int[] s = TextTask.stratifiedSample(labels, 100, 42);
        assertEquals(100, s.length);
        assertEquals(65, Arrays.stream(s).filter(i -> labels[i] == 0).count());
        assertEquals(35, Arrays.stream(s).filter(i -> labels[i] == 1).count());
        assertEquals(100, Arrays.stream(s).distinct().count());
        assertTrue(s[99] > 650, "drawn from all rows, not the first 100");
        assertArrayEquals(s, TextTask.stratifiedSample(labels, 100, 42), "the same seed, the same sample");
        assertFalse(Arrays.equals(s, TextTask.stratifiedSample(labels, 100, 43)));
    }

    @Test
    void roundingGoesToTheLargestRemaindersAndNeverExceedsN() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2}; // a third each: 7 = 2 + 2 + 2 + one more
        int[] s = TextTask.stratifiedSample(labels, 7, 1);
        assertEquals(7, s.length);
        long[] perClass = new long[3];
        for (int i : s) {
            perClass[labels[i]]++;
        }
        assertTrue(Arrays.stream(perClass).allMatch(c -> c == 2 || c == 3), Arrays.toString(perClass));
        assertEquals(9, TextTask.stratifiedSample(labels, 50, 1).length, "a limit above the size keeps all");
    }

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
