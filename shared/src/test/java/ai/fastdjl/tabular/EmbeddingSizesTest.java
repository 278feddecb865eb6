package ai.fastdjl.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbeddingSizesTest {

    @Test
    void fastaiRuleByHand() {
        // 1.6 · 2^0.56 = 2.36 → 2; 1.6 · 10^0.56 = 5.81 → 6; 1.6 · 47^0.56 = 13.8 → 14; 1.6 · 1115^0.56 = 81.4 → 81
        assertEquals(2, EmbeddingSizes.FASTAI.size(2));
        assertEquals(6, EmbeddingSizes.FASTAI.size(10));
        assertEquals(14, EmbeddingSizes.FASTAI.size(47));
        assertEquals(81, EmbeddingSizes.FASTAI.size(1115));
        assertEquals(600, EmbeddingSizes.FASTAI.size(10_000_000)); // 1.6 · 1e7^0.56 ≈ 13,900, capped
    }

    @Test
    void course2018RuleByHand() {
        // min(50, (n + 1) // 2)
        assertEquals(1, EmbeddingSizes.COURSE_2018.size(2));
        assertEquals(5, EmbeddingSizes.COURSE_2018.size(10));
        assertEquals(24, EmbeddingSizes.COURSE_2018.size(47));
        assertEquals(50, EmbeddingSizes.COURSE_2018.size(99));
        assertEquals(50, EmbeddingSizes.COURSE_2018.size(1115));
    }
}
