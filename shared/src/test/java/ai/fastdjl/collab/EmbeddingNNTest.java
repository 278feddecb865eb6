package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class EmbeddingNNTest {
    /**
     * The same low-rank ratings as {@link EmbeddingDotBiasTest}: the net must learn the user × item interaction
     * through its ReLU layers rather than as a product, which costs it more data; measured 0.133 after 10 epochs.
     * It must get within 1.5σ of the noise floor and far under user + item biases alone (≈ 0.6), which cannot
     * represent any interaction.
     */
    @Test
    void learnsTheInteractionOfLowRankRatings() {
        Ratings ratings = LowRankRatings.generate(200, 150, 3, EmbeddingDotBiasTest.SIGMA, 0.5, 1);
        CollabData d = CollabData.split(ratings, CollabData.Split.RANDOM, 0.2, 1);
        float[] range = SigmoidRange.forRatings(ratings.minRating(), ratings.maxRating());
        double rmse = LowRankRatings.fit(d, CollabLearner.nn(d, new int[] {100, 50}, 0, range), 10, 1e-2);
        assertTrue(rmse < 1.5 * EmbeddingDotBiasTest.SIGMA, "valid RMSE " + rmse);
        assertTrue(rmse < BiasBaseline.fit(d).validRmse(d) / 3, "valid RMSE " + rmse);
    }

    /** fastai's {@code emb_sz_rule}: {@code min(600, round(1.6 · n^0.56))}. */
    @Test
    void embeddingSizesFollowFastaisRule() {
        // fastbook ch. 8 on MovieLens 100K: get_emb_sz gives (944, 74) for users and (1665, 102) for titles
        assertEquals(74, EmbeddingNN.embSizeRule(944));
        assertEquals(102, EmbeddingNN.embSizeRule(1665));
        assertEquals(9, EmbeddingNN.embSizeRule(20)); // 1.6 · 20^0.56 = 8.56
        assertEquals(600, EmbeddingNN.embSizeRule(1_000_000));
    }

    /** {@code --emb-szs U,I} (fastai's {@code emb_szs}) replaces the rule's sizes; null keeps the rule. */
    @Test
    void givenEmbeddingSizesReplaceTheRule() {
        Ratings ratings = LowRankRatings.generate(30, 20, 2, EmbeddingDotBiasTest.SIGMA, 0.5, 1);
        CollabData d = CollabData.split(ratings, CollabData.Split.RANDOM, 0.2, 1);
        EmbeddingNN given = CollabLearner.nn(d, new int[] {3, 5}, new int[] {4}, 0, 0, null);
        EmbeddingNN rule = CollabLearner.nn(d, null, new int[] {4}, 0, 0, null);
        try (NDManager m = NDManager.newBaseManager()) {
            for (EmbeddingNN net : new EmbeddingNN[] {given, rule}) {
                net.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            }
            assertEquals(new Shape(d.users().size(), 3), given.getParameters().get("user_emb").getArray().getShape());
            assertEquals(new Shape(d.items().size(), 5), given.getParameters().get("item_emb").getArray().getShape());
            assertEquals(new Shape(d.items().size(), EmbeddingNN.embSizeRule(d.items().size())),
                    rule.getParameters().get("item_emb").getArray().getShape());
        }
    }

    /**
     * fastai's {@code embed_p}: dropout on the concatenated embeddings, in training only. With no other dropout,
     * two training passes over the same batch differ only through it; inference passes are equal.
     */
    @Test
    void embeddingDropoutActsInTrainingOnly() {
        Ratings ratings = LowRankRatings.generate(30, 20, 2, EmbeddingDotBiasTest.SIGMA, 0.5, 1);
        CollabData d = CollabData.split(ratings, CollabData.Split.RANDOM, 0.2, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new long[] {1, 1, 2, 3, 3, 4, 5, 2, 6, 1, 7, 5}, new Shape(6, 2));
            for (float p : new float[] {0f, 0.5f}) {
                EmbeddingNN net = CollabLearner.nn(d, new int[] {8, 8}, new int[] {4}, p, 0f, null);
                net.initialize(m, DataType.FLOAT32, new Shape(6, 2));
                ParameterStore ps = new ParameterStore(m, false);
                float[] t1 = net.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
                float[] t2 = net.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
                float[] i1 = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                float[] i2 = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                assertTrue(java.util.Arrays.equals(i1, i2), "inference must not drop anything, p=" + p);
                assertEquals(p > 0, !java.util.Arrays.equals(t1, t2), "training passes differ only with p > 0, p=" + p);
            }
        }
    }
}
