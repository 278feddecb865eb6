package ai.fastdjl.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Which default box answers for which object in training (SSD, Liu et al. 2016, §2.2 "Matching strategy"): first each
 * ground-truth box takes the anchor it overlaps most (as MultiBox), so every object has a positive however small or
 * oddly shaped it is; then every other anchor whose best IoU with some object reaches a threshold takes that object,
 * so the network may predict high scores for several overlapping anchors instead of having to pick the single best.
 */
public final class AnchorMatcher {
    /** IoU from which an anchor is a positive in the second step (SSD §2.2; Caffe SSD {@code overlap_threshold}). */
    public static final double SSD_THRESHOLD = 0.5;

    private AnchorMatcher() {}

    /**
     * Per anchor, the index in {@code gts} of the object it is matched to, or -1 for background.
     *
     * <p>Step one is Caffe SSD's {@code BIPARTITE} match: repeatedly the highest-IoU pair of a still unmatched object
     * and a still free anchor is matched (ties to the lower object, then the lower anchor index), so two objects
     * whose best anchor is the same one do not fight over it: the better overlap wins and the other takes its next
     * best. An object that overlaps no free anchor at all (IoU 0) stays unmatched, as in Caffe: an anchor it does not
     * touch could not learn it. Step two ({@code PER_PREDICTION}): each anchor still free takes the object of its
     * highest IoU (ties to the lower index) when that IoU is at least {@code threshold}.
     */
    public static int[] match(List<Box> anchors, List<Box> gts, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold " + threshold + " is not in (0, 1]; SSD uses 0.5");
        }
        int na = anchors.size();
        int ng = gts.size();
        int[] match = new int[na];
        Arrays.fill(match, -1);
        if (ng == 0) {
            return match;
        }
        double[][] iou = new double[ng][na];
        for (int g = 0; g < ng; g++) {
            Box b = gts.get(g);
            for (int a = 0; a < na; a++) {
                iou[g][a] = b.iou(anchors.get(a));
            }
        }
        // step one: each object's best free anchor is cached and looked up again only when another object takes it,
        // which gives the same pairs as scanning the whole matrix every round, in O(objects × anchors) mostly
        boolean[] done = new boolean[ng];
        int[] best = new int[ng];
        for (int g = 0; g < ng; g++) {
            best[g] = bestFree(iou[g], match);
        }
        for (int round = 0; round < ng; round++) {
            int bg = -1;
            for (int g = 0; g < ng; g++) {
                if (!done[g] && best[g] >= 0 && (bg < 0 || iou[g][best[g]] > iou[bg][best[bg]])) {
                    bg = g;
                }
            }
            if (bg < 0) {
                break; // the objects left overlap no free anchor
            }
            int ba = best[bg];
            match[ba] = bg;
            done[bg] = true;
            for (int g = 0; g < ng; g++) {
                if (!done[g] && best[g] == ba) {
                    best[g] = bestFree(iou[g], match);
                }
            }
        }
        // step two
        for (int a = 0; a < na; a++) {
            if (match[a] >= 0) {
                continue;
            }
            int bg = 0;
            for (int g = 1; g < ng; g++) {
                if (iou[g][a] > iou[bg][a]) {
                    bg = g;
                }
            }
            if (iou[bg][a] >= threshold) {
                match[a] = bg;
            }
        }
        return match;
    }

    /** The free anchor of highest positive IoU in {@code row} (lowest index on ties), or -1 when none overlaps. */
    private static int bestFree(double[] row, int[] match) {
        int best = -1;
        for (int a = 0; a < row.length; a++) {
            if (match[a] < 0 && row[a] > 0 && (best < 0 || row[a] > row[best])) {
                best = a;
            }
        }
        return best;
    }
}
