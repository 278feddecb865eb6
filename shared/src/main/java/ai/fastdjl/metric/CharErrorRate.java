package ai.fastdjl.metric;

import java.util.List;

/**
 * Character error rate: the Levenshtein distance (insertions, deletions, substitutions, each costing 1) between a
 * predicted and a true string, summed over a set and divided by the true strings' total length; 0 is perfect. With
 * word accuracy it tells a near miss ("RECIEVE") from gibberish, which word accuracy counts the same.
 */
public final class CharErrorRate {
    private CharErrorRate() {}

    /** Edits that turn {@code a} into {@code b} (two rows of the dynamic programme). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Total edits over total true characters. */
    public static double of(List<String> predicted, List<String> truth) {
        long edits = 0;
        long chars = 0;
        for (int i = 0; i < truth.size(); i++) {
            edits += distance(predicted.get(i), truth.get(i));
            chars += truth.get(i).length();
        }
        return chars == 0 ? 0 : (double) edits / chars;
    }
}
