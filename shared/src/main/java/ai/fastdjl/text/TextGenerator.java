package ai.fastdjl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.callback.ModelResetter;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.text.models.AwdLstm;
import ai.fastdjl.text.models.LanguageModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Text from a trained {@link LanguageModel}: sampling with a temperature (fastai's {@code LMLearner.predict}) and
 * beam search (fastai v1's {@code beam_search}). Sampling picks each next token from {@code softmax(logits / T)}:
 * below 1 the text is safer and more repetitive, above 1 more surprising. Beam search keeps the {@code beamSize}
 * most probable continuations of the whole text at every step, so it finds sentences that are likely as a whole,
 * which greedy choices miss (the course notes: "beam search is better"). Neither ever emits {@code xxunk},
 * {@code xxpad} or filler tokens (fastai's {@code no_unk}).
 */
public final class TextGenerator {
    /** fastai v1's beam_search defaults: top_k=10 continuations per beam, beam_sz=1000 beams. */
    public static final int TOP_K = 10;
    public static final int BEAM_SIZE = 1000;
    private final Learner learn;
    private final Vocab vocab;
    private final AwdLstm encoder;
    private final boolean[] banned;

    public TextGenerator(Learner learn, Vocab vocab) {
        if (!(learn.block() instanceof LanguageModel lm)) {
            throw new IllegalArgumentException("text generation needs a LanguageModel, not " + learn.block());
        }
        this.learn = learn;
        this.vocab = vocab;
        this.encoder = lm.encoder();
        banned = new boolean[vocab.size()];
        for (int i = 0; i < banned.length; i++) {
            String t = vocab.token(i);
            banned[i] = t.equals(Tokenizer.UNK) || t.equals(Tokenizer.PAD) || t.equals(Vocab.FAKE)
                    || t.equals(Tokenizer.BOS);
        }
    }

    /** {@code prompt} continued by {@code nTokens} tokens sampled at {@code temperature}. */
    public List<String> sample(String prompt, int nTokens, double temperature, Random random) {
        List<String> tokens = new ArrayList<>(Tokenizer.tokenize(prompt));
        ModelResetter.reset(learn.block());
        float[] logits = feedSequence(vocab.numericalize(tokens))[0];
        for (int k = 0; k < nTokens; k++) {
            int next = sampleIndex(logits, temperature, random);
            tokens.add(vocab.token(next));
            logits = feedTokens(new int[] {next})[0];
        }
        ModelResetter.reset(learn.block());
        return tokens;
    }

    /** A beam: the prompt's tokens and its continuation, and the continuation's log-probability. */
    public record Hypothesis(List<String> tokens, double logProb) {}

    /**
     * fastai v1's beam search: every beam proposes its {@code topK} best next tokens, the {@code beamSize} most
     * probable texts (sum of log-probabilities) survive, each continuing from its parent's hidden state; at the end
     * one of the surviving texts is drawn with probability ∝ {@code exp(logprob / temperature)} (at a temperature
     * near 0, the most probable one).
     */
    public List<String> beamSearch(String prompt, int nTokens, int topK, int beamSize, double temperature,
            Random random) {
        List<Hypothesis> beams = beams(prompt, nTokens, topK, beamSize);
        double[] w = new double[beams.size()];
        double t = Math.max(temperature, 1e-6);
        for (int i = 0; i < w.length; i++) {
            // beams.get(0) is the best: dividing by its probability keeps exp() in range
            w[i] = Math.exp((beams.get(i).logProb() - beams.get(0).logProb()) / t);
        }
        return beams.get(draw(w, random)).tokens();
    }

    /**
     * The {@code beamSize} most probable continuations of {@code prompt} by {@code nTokens} tokens that beam search
     * keeps, most probable first. The prompt is fed once, as a single beam, so no two hypotheses are the same text.
     */
    public List<Hypothesis> beams(String prompt, int nTokens, int topK, int beamSize) {
        List<String> start = Tokenizer.tokenize(prompt);
        ModelResetter.reset(learn.block());
        float[][] logits = feedSequence(vocab.numericalize(start));
        List<int[]> nodes = new ArrayList<>();
        nodes.add(new int[0]);
        double[] scores = new double[1]; // negative log-probabilities, lower is better
        for (int step = 0; step < nTokens; step++) {
            List<double[]> cand = new ArrayList<>(); // {score, parent, token}
            for (int b = 0; b < nodes.size(); b++) {
                double[] logp = logSoftmax(logits[b]);
                for (int t : topIndices(logp, topK)) {
                    cand.add(new double[] {scores[b] - logp[t], b, t});
                }
            }
            cand.sort(Comparator.comparingDouble(c -> c[0]));
            List<double[]> kept = cand.subList(0, Math.min(beamSize, cand.size()));
            List<int[]> next = new ArrayList<>();
            long[] parents = new long[kept.size()];
            int[] tokens = new int[kept.size()];
            scores = new double[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                double[] c = kept.get(i);
                int[] parent = nodes.get((int) c[1]);
                int[] node = Arrays.copyOf(parent, parent.length + 1);
                node[parent.length] = (int) c[2];
                next.add(node);
                parents[i] = (long) c[1];
                tokens[i] = (int) c[2];
                scores[i] = c[0];
            }
            nodes = next;
            encoder.selectHidden(parents); // row i continues its parent's state
            logits = feedTokens(tokens);
        }
        ModelResetter.reset(learn.block());
        List<Hypothesis> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            List<String> tokens = new ArrayList<>(start);
            for (int id : nodes.get(i)) {
                tokens.add(vocab.token(id));
            }
            out.add(new Hypothesis(tokens, -scores[i]));
        }
        return out;
    }

    /** Readable text of tokens. */
    public static String text(List<String> tokens) {
        return Tokenizer.detokenize(tokens);
    }

    /** Feeds the sequence {@code ids} as one row; the logits after its last token. */
    private float[][] feedSequence(int[] ids) {
        return feed(Arrays.stream(ids).asLongStream().toArray(), 1, ids.length);
    }

    /** Feeds one token per row (row {@code r} continues the state's row {@code r}). */
    private float[][] feedTokens(int[] tokens) {
        return feed(Arrays.stream(tokens).asLongStream().toArray(), tokens.length, 1);
    }

    private float[][] feed(long[] flat, int rows, int len) {
        try (NDManager m = learn.model().getNDManager().newSubManager()) {
            NDArray out = learn.predict(new NDList(m.create(flat, new Shape(rows, len)))).head();
            int v = (int) out.getShape().get(1);
            float[] all = out.reshape(rows, len, v).get(":, -1, :").toFloatArray();
            float[][] res = new float[rows][v];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(all, r * v, res[r], 0, v);
            }
            return res;
        }
    }

    private int sampleIndex(float[] logits, double temperature, Random random) {
        double t = Math.max(temperature, 1e-6);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if (!banned[i]) {
                max = Math.max(max, logits[i] / t);
            }
        }
        double[] w = new double[logits.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = banned[i] ? 0 : Math.exp(logits[i] / t - max);
        }
        return draw(w, random);
    }

    private double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = banned[i] ? Double.NEGATIVE_INFINITY : logits[i] - lse;
        }
        return out;
    }

    /** The {@code k} largest entries' indices, best first, by one scan (the vocabulary is large, k small). */
    static int[] topIndices(double[] v, int k) {
        k = Math.min(k, v.length);
        int[] idx = new int[k];
        double[] val = new double[k];
        Arrays.fill(val, Double.NEGATIVE_INFINITY);
        Arrays.fill(idx, -1);
        for (int i = 0; i < v.length; i++) {
            if (v[i] > val[k - 1] || idx[k - 1] < 0) {
                int j = k - 1;
                while (j > 0 && (v[i] > val[j - 1] || idx[j - 1] < 0)) {
                    val[j] = val[j - 1];
                    idx[j] = idx[j - 1];
                    j--;
                }
                val[j] = v[i];
                idx[j] = i;
            }
        }
        return idx;
    }

    /** An index drawn with probability proportional to {@code w} (never one of weight 0 while another has more). */
    static int draw(double[] w, Random random) {
        double sum = Arrays.stream(w).sum();
        double u = random.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u <= 0 && w[i] > 0) {
                return i;
            }
        }
        for (int i = w.length - 1; i >= 0; i--) {
            if (w[i] > 0) {
                return i;
            }
        }
        return 0;
    }
}
