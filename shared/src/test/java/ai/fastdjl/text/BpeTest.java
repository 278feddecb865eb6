package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTest {
    /** Sennrich et al.'s Algorithm 1 vocabulary: low ×5, lower ×2, newest ×6, widest ×3. */
    static final Map<String, Integer> PAPER = Map.of("low", 5, "lower", 2, "newest", 6, "widest", 3);

    @Test
    void mergesOfThePapersExampleByHand() {
        // pair counts at the start: e s 9, s t 9, t </w> 9 (newest + widest), w e 8, l o 7, o w 7, n e 6, e w 6, ...
        // ties go to string order: "e s" first; then es t 9 and t </w> 9: "es t"; then est </w> 9; then the
        // 7s: l o (before o w), then lo w 7; then the 6s of newest, e w before n e and w est</w>: e w, ew est</w>,
        // n ewest</w>; then low </w> 5 (low ×5). The paper's Python, taking the first pair seen, merges n e first.
        Bpe bpe = Bpe.learn(PAPER, 9);
        List<String> merges = bpe.merges().stream().map(m -> m[0] + " " + m[1]).toList();
        assertEquals(List.of("e s", "es t", "est </w>", "l o", "lo w", "e w", "ew est</w>", "n ewest</w>",
                "low </w>"),
                merges);
        assertEquals(List.of("newest</w>"), bpe.encode("newest"));
        assertEquals(List.of("low", "e", "r", "</w>"), bpe.encode("lower"));
        // an unseen word is written in known pieces, never as an unknown token
        assertEquals(List.of("low", "est</w>"), bpe.encode("lowest"));
        assertEquals(List.of("w", "i", "d", "e", "r", "</w>"), bpe.encode("wider"));
    }

    @Test
    void decodeUndoesEncode() {
        Bpe bpe = Bpe.learn(PAPER, 20);
        List<String> words = List.of("the", "lowest", "newer", "widest", "zebra");
        assertEquals("the lowest newer widest zebra", Bpe.decode(bpe.encodeAll(words)));
    }

    @Test
    void stopsWhenNoPairRepeats() {
        // one word seen once: no pair occurs twice, so nothing is worth merging
        assertEquals(0, Bpe.learn(Map.of("abc", 1), 10).merges().size());
        assertEquals(3, Bpe.learn(Map.of("abc", 2), 10).merges().size()); // a b, ab c, abc </w>
    }
}
