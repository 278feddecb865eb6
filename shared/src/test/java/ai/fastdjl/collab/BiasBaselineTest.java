package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BiasBaselineTest {
    /**
     * Training (times 0–3): a rates x 5 and y 3, b rates x 3 and y 1, so μ = 3 and the ratings are exactly
     * μ + b_u + b_i with b_a = +1, b_b = -1, b_x = +1, b_y = -1. Validation (time 4): newcomer c rates x 4.
     */
    static CollabData tiny() {
        Ratings r = new Ratings(new String[] {"a", "a", "b", "b", "c"}, new String[] {"x", "y", "x", "y", "x"},
                new float[] {5, 3, 3, 1, 4}, new long[] {0, 1, 2, 3, 4}, null);
        return CollabData.split(r, CollabData.Split.TIME, 0.2, 0);
    }

    @Test
    void withoutShrinkageOneRoundRecoversAdditiveBiases() {
        CollabData d = tiny();
        BiasBaseline b = BiasBaseline.fit(d, 0, 0, 1);
        // items first, users at 0: b_x = ((5-3) + (3-3)) / 2 = 1; then users: b_a = ((5-3-1) + (3-3+1)) / 2 = 1
        assertEquals(1, b.itemBias(d.itemIndex("x")), 1e-12);
        assertEquals(-1, b.itemBias(d.itemIndex("y")), 1e-12);
        assertEquals(1, b.userBias(d.userIndex("a")), 1e-12);
        assertEquals(-1, b.userBias(d.userIndex("b")), 1e-12);
        assertEquals(5, b.predict(d.userIndex("a"), d.itemIndex("x")), 1e-12);
        // c is unseen (#na#, bias 0): 3 + 0 + 1 = 4, exactly its rating
        assertEquals(0, b.validRmse(d), 1e-12);
    }

    @Test
    void shrinkageDividesByLambdaPlusCount() {
        CollabData d = tiny();
        BiasBaseline b = BiasBaseline.fit(d, 2, 2, 1);
        // b_x = 2 / (2 + 2) = 0.5; b_a = ((5-3-0.5) + (3-3+0.5)) / (2 + 2) = 0.5
        assertEquals(0.5, b.itemBias(d.itemIndex("x")), 1e-12);
        assertEquals(-0.5, b.itemBias(d.itemIndex("y")), 1e-12);
        assertEquals(0.5, b.userBias(d.userIndex("a")), 1e-12);
        assertEquals(-0.5, b.userBias(d.userIndex("b")), 1e-12);
        assertEquals(4, b.predict(d.userIndex("a"), d.itemIndex("x")), 1e-12);
        assertEquals(0.5, b.validRmse(d), 1e-12); // c × x: 3 + 0 + 0.5 against 4
        assertEquals(1, BiasBaseline.globalMeanRmse(d), 1e-12); // 3 against 4
    }

    @Test
    void predictionsStayInTheTrainingRange() {
        // μ = 4; one round without shrinkage: b_x = b_a = +1, b_y = b_b = -1, so a × x sums to 6, above any rating
        Ratings r = new Ratings(new String[] {"a", "a", "b", "b", "c"}, new String[] {"x", "y", "x", "y", "x"},
                new float[] {5, 5, 5, 1, 4}, new long[] {0, 1, 2, 3, 4}, null);
        CollabData d = CollabData.split(r, CollabData.Split.TIME, 0.2, 0);
        BiasBaseline b = BiasBaseline.fit(d, 0, 0, 1);
        assertEquals(1, b.userBias(d.userIndex("a")), 1e-12);
        assertEquals(1, b.itemBias(d.itemIndex("x")), 1e-12);
        assertEquals(5, b.predict(d.userIndex("a"), d.itemIndex("x")), 1e-12);
        assertEquals(2, b.predict(d.userIndex("b"), d.itemIndex("y")), 1e-12);
    }

    /** λ is chosen on the training ratings alone: changing every validation rating changes nothing fitted. */
    @Test
    void lambdaIsChosenWithoutLookingAtValidation() {
        Ratings base = LowRankRatings.generate(60, 40, 1, 0.5, 0.5, 3);
        int n = base.size();
        long[] t = new long[n];
        java.util.Arrays.setAll(t, k -> k);
        String[] u = new String[n];
        String[] i = new String[n];
        float[] y = new float[n];
        float[] shifted = new float[n];
        for (int k = 0; k < n; k++) {
            u[k] = base.user(k);
            i[k] = base.item(k);
            y[k] = base.rating(k);
            shifted[k] = k < n * 0.8 ? y[k] : y[k] + 100;
        }
        CollabData a = CollabData.split(new Ratings(u, i, y, t, null), CollabData.Split.TIME, 0.2, 0);
        CollabData b = CollabData.split(new Ratings(u, i, shifted, t, null), CollabData.Split.TIME, 0.2, 0);
        BiasBaseline fa = BiasBaseline.fit(a);
        BiasBaseline fb = BiasBaseline.fit(b);
        assertTrue(java.util.Arrays.stream(BiasBaseline.LAMBDAS).anyMatch(l -> l == fa.lambda()), "λ " + fa.lambda());
        assertEquals(fa.lambda(), fb.lambda());
        assertEquals(fa.itemBias(1), fb.itemBias(1), 0);
        assertEquals(fa.userBias(1), fb.userBias(1), 0);
        // and the chosen λ does at least as well on validation as Koren's Netflix λs here
        assertTrue(fa.validRmse(a) <= BiasBaseline.fit(a, 25, 10, 10).validRmse(a) + 1e-3);
    }
}
