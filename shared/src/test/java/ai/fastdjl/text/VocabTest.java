package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTest {
    @TempDir
    Path tmp;

    /** "the" 4 times, "cat" 3, "sat" 3, "\n\n" 3, "a\\b" 3, "mat" 2, "dog" 1. */
    private static final List<List<String>> DOCS = List.of(
            List.of("xxbos", "the", "cat", "sat", "\n\n", "a\\b", "the", "mat"),
            List.of("xxbos", "the", "cat", "sat", "\n\n", "a\\b", "dog"),
            List.of("xxbos", "the", "cat", "sat", "\n\n", "a\\b", "mat"));

    @Test
    void specialTokensFirstThenFrequentTokensPaddedToAMultipleOf8() {
        Vocab v = Vocab.build(DOCS, 3, 60_000);
        // fastai: xxunk 0, xxpad 1, the 9 special tokens, then by count (ties alphabetical), min_freq 3
        assertEquals(0, v.index("xxunk"));
        assertEquals(1, v.pad());
        assertEquals(List.of("the", "\n\n", "a\\b", "cat", "sat"), v.itos().subList(9, 14));
        assertEquals(16, v.size()); // 14 → padded with xxfake to 16
        assertEquals(Vocab.FAKE, v.token(15));
        assertFalse(v.contains("mat")); // 2 < min_freq
        assertEquals(0, v.index("mat"));
        // max_vocab cuts the least frequent; fastai adds 8 fakes when the length is already a multiple of 8
        assertEquals(List.of("the"), Vocab.build(DOCS, 3, 10).itos().subList(9, 10));
        assertEquals(24, Vocab.build(DOCS, 1, 60_000).size()); // 9 + 7 tokens = 16, plus 8
    }

    @Test
    void numericalizeAndTextifyRoundTripWithUnknownsAsXxunk() {
        Vocab v = Vocab.build(DOCS, 3, 60_000);
        List<String> text = List.of("xxbos", "the", "dog", "sat", "\n\n");
        int[] ids = v.numericalize(text);
        assertArrayEquals(new int[] {2, 9, 0, 13, 10}, ids);
        assertEquals(List.of("xxbos", "the", "xxunk", "sat", "\n\n"), v.textify(ids));
    }

    @Test
    void saveAndLoadKeepEveryTokenIncludingLineBreaksAndBackslashes() {
        Vocab v = Vocab.build(DOCS, 3, 60_000);
        Path file = tmp.resolve("sub/vocab.txt");
        v.save(file);
        Vocab back = Vocab.load(file);
        assertEquals(v.itos(), back.itos());
        assertEquals(v.index("a\\b"), back.index("a\\b"));
        assertEquals(v.index("\n\n"), back.index("\n\n"));
    }

    @Test
    void mapFromGivesEachTokensOldIndexOrMinusOne() {
        Vocab old = new Vocab(List.of("xxunk", "xxpad", "cat", "dog"));
        Vocab now = new Vocab(List.of("xxunk", "xxpad", "dog", "eel", Vocab.FAKE));
        assertArrayEquals(new int[] {0, 1, 3, -1, -1}, now.mapFrom(old));
        assertTrue(now.contains("eel"));
    }
}
