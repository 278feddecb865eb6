package ai.fastdjl.semi;

import java.util.Arrays;

/**
 * Hinton et al. (2015, section 3): a student distilled on a transfer set with one class left out entirely still
 * learns that class from the teacher's soft targets, but its bias for it stays too low; raising that one bias
 * recovers most of the class. The paper chose the raise (+3.5) on the test set. Here it is chosen without any label
 * of the class: so that the class's share of the argmax predictions on unlabelled images equals its prior (10 % in a
 * balanced data set), the prior-matching correction of a shifted class prior.
 */
public final class BiasAdjustment {
    private BiasAdjustment() {}

    /**
     * The bias to add to class {@code cls}'s logit so that it wins on a {@code share} of the rows of {@code logits}:
     * row i is predicted {@code cls} exactly when the bias exceeds its margin {@code max_{c≠cls} logit_c − logit_cls},
     * so the bias is the midpoint between the k-th and (k+1)-th smallest margins, k = round(share · rows).
     */
    public static double forShare(float[][] logits, int cls, double share) {
        if (share <= 0 || share >= 1 || logits.length == 0) {
            throw new IllegalArgumentException("share " + share + " of " + logits.length + " rows: give a share"
                    + " strictly between 0 and 1 and at least one row");
        }
        double[] margins = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            margins[i] = margin(logits[i], cls);
        }
        Arrays.sort(margins);
        int k = (int) Math.round(share * margins.length);
        if (k == 0) {
            return margins[0] - 1; // no row: just below the smallest margin
        }
        if (k == margins.length) {
            return margins[k - 1] + 1;
        }
        return (margins[k - 1] + margins[k]) / 2;
    }

    /** The argmax of each row after adding {@code bias} to class {@code cls}'s logit. */
    public static int[] predict(float[][] logits, int cls, double bias) {
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = margin(logits[i], cls) < bias ? cls : argmaxOther(logits[i], cls);
        }
        return out;
    }

    private static double margin(float[] row, int cls) {
        return row[argmaxOther(row, cls)] - row[cls];
    }

    private static int argmaxOther(float[] row, int cls) {
        int best = cls == 0 ? 1 : 0;
        for (int c = 0; c < row.length; c++) {
            if (c != cls && row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
