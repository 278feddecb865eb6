package ai.fastdjl.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beam search for a decoder that emits one token at a time (Graves 2012; Sutskever et al. 2014; the course: "beam
 * search is better" than always taking the most probable next token). For each input it keeps the {@code width}
 * most probable prefixes; every step extends each by every token and keeps the {@code width} best of those. A
 * prefix that emitted end-of-sequence is finished: it keeps its log-probability and competes with the live ones, so
 * a short confident answer is not crowded out. Width 1 is greedy decoding.
 *
 * <p>The decoder is a {@link Stepper} over {@code items × width} rows, row {@code i * width + k} holding item i's
 * k-th prefix; all of an item's rows start from the same state. Scores are summed log-probabilities without length
 * normalisation (the spelling bee's answers differ little in length).
 */
public final class BeamSearch {
    private BeamSearch() {}

    /** A decoder run row by row. */
    public interface Stepper {
        /** Log-probabilities {@code [rows][vocab]} of the next token of every row, given each row's last token. */
        float[][] next(int[] last);

        /** Row r continues the prefix that was row {@code parents[r]}: move the decoder's state accordingly. */
        void reorder(int[] parents);
    }

    /** One decoded sequence (without start and end tokens) and its log-probability. */
    public record Hypothesis(int[] tokens, double logProb) {}

    /**
     * The best sequence for each of {@code items} inputs, starting from token {@code start}, ending at {@code end}
     * or after {@code maxLen} tokens.
     */
    public static List<Hypothesis> search(Stepper stepper, int items, int width, int start, int end, int maxLen) {
        if (width < 1) {
            throw new IllegalArgumentException("beam width " + width + ": give 1 (greedy) or more");
        }
        int rows = items * width;
        int[][] seq = new int[rows][0];
        double[] score = new double[rows];
        boolean[] done = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            // an item's other rows start as copies of row 0: -inf keeps them out until the first step fills them
            score[r] = r % width == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        int[] last = new int[rows];
        Arrays.fill(last, start);
        for (int t = 0; t < maxLen && !allDone(done); t++) {
            float[][] lp = stepper.next(last);
            int[] parents = new int[rows];
            int[][] nextSeq = new int[rows][];
            double[] nextScore = new double[rows];
            boolean[] nextDone = new boolean[rows];
            for (int i = 0; i < items; i++) {
                Candidates c = new Candidates(width);
                for (int k = 0; k < width; k++) {
                    int r = i * width + k;
                    if (done[r]) {
                        c.offer(score[r], r, -1); // a finished prefix stays as it is
                    } else if (score[r] > Double.NEGATIVE_INFINITY) {
                        for (int v = 0; v < lp[r].length; v++) {
                            c.offer(score[r] + lp[r][v], r, v);
                        }
                    }
                }
                for (int k = 0; k < width; k++) {
                    int r = i * width + k;
                    if (k >= c.size) { // fewer candidates than rows (first steps of a tiny vocabulary): dead rows
                        parents[r] = i * width;
                        nextSeq[r] = seq[i * width];
                        nextScore[r] = Double.NEGATIVE_INFINITY;
                        nextDone[r] = true;
                        continue;
                    }
                    int p = c.row[k];
                    int v = c.token[k];
                    parents[r] = p;
                    nextScore[r] = c.score[k];
                    if (v < 0 || v == end) {
                        nextSeq[r] = seq[p];
                        nextDone[r] = true;
                    } else {
                        nextSeq[r] = Arrays.copyOf(seq[p], seq[p].length + 1);
                        nextSeq[r][seq[p].length] = v;
                    }
                    last[r] = v < 0 ? end : v;
                }
            }
            stepper.reorder(parents);
            seq = nextSeq;
            score = nextScore;
            done = nextDone;
        }
        List<Hypothesis> best = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            int b = i * width;
            for (int k = 1; k < width; k++) {
                if (score[i * width + k] > score[b]) {
                    b = i * width + k;
                }
            }
            best.add(new Hypothesis(seq[b], score[b]));
        }
        return best;
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    /** The {@code width} best (score, row, token) triples offered, best first (insertion into a short array). */
    private static final class Candidates {
        final double[] score;
        final int[] row;
        final int[] token;
        int size;

        Candidates(int width) {
            score = new double[width];
            row = new int[width];
            token = new int[width];
        }

        void offer(double s, int r, int v) {
            if (size == score.length && s <= score[size - 1]) {
                return;
            }
            int at = size == score.length ? size - 1 : size++;
            while (at > 0 && score[at - 1] < s) {
                score[at] = score[at - 1];
                row[at] = row[at - 1];
                token[at] = token[at - 1];
                at--;
            }
            score[at] = s;
            row[at] = r;
            token[at] = v;
        }
    }
}
