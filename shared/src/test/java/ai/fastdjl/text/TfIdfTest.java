package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) defaults, worked out by hand. */
class TfIdfTest {
    @Test
    void smoothedIdfTimesCountsScaledToUnitLength() {
        TfIdf t = new TfIdf(2);
        // words of one letter are not tokens ((?u)\b\w\w+\b); case is folded
        List<TfIdf.Row> rows = t.fitTransform(List.of("Cat dog a", "cat eel eel"));
        // features, sorted: cat, cat dog, cat eel, dog, eel, eel eel
        assertEquals(6, t.features());
        // idf(cat) = ln(3/3) + 1 = 1; any term in one of the two texts: ln(3/2) + 1 = 1.4054651
        // text 0: cat 1, "cat dog" 1.4054651, dog 1.4054651; norm sqrt(1 + 2 · 1.975332) = 2.2250088
        assertArrayEquals(new int[] {0, 1, 3}, rows.get(0).index());
        assertArrayEquals(new float[] {0.4494364f, 0.6316672f, 0.6316672f}, rows.get(0).value(), 1e-6f);
        // text 1: cat 1, "cat eel" 1.4054651, eel 2 · 1.4054651, "eel eel" 1.4054651;
        // norm sqrt(1 + 1.975332 + 7.901328 + 1.975332) = 3.5849676
        assertArrayEquals(new int[] {0, 2, 4, 5}, rows.get(1).index());
        assertArrayEquals(new float[] {0.2789425f, 0.3920440f, 0.7840880f, 0.3920440f}, rows.get(1).value(), 1e-6f);
        // unseen n-grams are ignored; the rest keep the fitted idf
        TfIdf.Row r = t.transform(List.of("dog yak")).get(0);
        assertArrayEquals(new int[] {3}, r.index());
        assertArrayEquals(new float[] {1f}, r.value(), 1e-6f);
    }
}
