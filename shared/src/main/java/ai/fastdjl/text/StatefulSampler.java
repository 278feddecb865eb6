package ai.fastdjl.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.callback.ModelResetter;
import ai.fastdjl.learner.Learner;
import java.util.Arrays;
import java.util.Random;

/**
 * Text from a language model that keeps its hidden state between calls (e.g. {@code RecurrentLm}): the prompt is
 * fed once, then each sampled token alone, each drawn from {@code softmax(logits / T)} (the course's
 * {@code sample_model}; below T = 1 safer and more repetitive, above it more surprising).
 */
public final class StatefulSampler {
    private StatefulSampler() {}

    /** {@code n} token ids continuing {@code prompt}; tokens with {@code banned[id]} are never drawn. */
    public static int[] sample(Learner learn, int[] prompt, int n, double temperature, boolean[] banned,
            Random random) {
        ModelResetter.reset(learn.block());
        int[] out = new int[n];
        try (NDManager m = learn.trainer().getManager().newSubManager()) {
            float[] logits = last(learn, m, prompt);
            for (int k = 0; k < n; k++) {
                out[k] = draw(logits, temperature, banned, random);
                logits = last(learn, m, new int[] {out[k]});
            }
        } finally {
            ModelResetter.reset(learn.block());
        }
        return out;
    }

    /** The logits after the last of {@code ids}. */
    private static float[] last(Learner learn, NDManager m, int[] ids) {
        try (NDManager p = m.newSubManager()) {
            float[] all = learn.predict(new NDList(p.create(ids).reshape(1, ids.length))).head().toFloatArray();
            int vocab = all.length / ids.length;
            return Arrays.copyOfRange(all, all.length - vocab, all.length);
        }
    }

    static int draw(float[] logits, double temperature, boolean[] banned, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if (!banned[i]) {
                max = Math.max(max, logits[i] / temperature);
            }
        }
        double[] w = new double[logits.length];
        boolean any = false;
        for (int i = 0; i < logits.length; i++) {
            w[i] = banned[i] ? 0 : Math.exp(logits[i] / temperature - max);
            any |= w[i] > 0;
        }
        if (any) {
            return TextGenerator.draw(w, random);
        }
        throw new IllegalArgumentException("every token is banned");
    }
}
