package ai.fastdjl.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy non-maximum suppression: a detector fires on many overlapping anchors around one object, so keep the
 * highest-scoring box and drop every box that overlaps a kept one by more than a threshold, in score order (SSD,
 * Liu et al. 2016, §3.7 "Inference time"; torchvision's {@code nms}).
 */
public final class Nms {
    /** SSD's NMS threshold (SSD §3.7 "Inference time": 0.45 per class; torchvision SSD {@code nms_thresh}). */
    public static final double SSD_IOU = 0.45;
    /** Scores at or below this are dropped before NMS (SSD §3.7: 0.01; torchvision SSD {@code score_thresh}). */
    public static final double SSD_MIN_SCORE = 0.01;
    /** Detections kept per image (SSD §3.7: top 200; torchvision SSD {@code detections_per_img}). */
    public static final int SSD_MAX_DETECTIONS = 200;

    private Nms() {}

    /**
     * The indices of the boxes kept, highest score first (ties to the lower index, so the result does not depend on
     * the sort): a box is dropped when its IoU with a kept box is above {@code iouThreshold} (torchvision's rule), and
     * the scan stops once {@code maxKeep} are kept.
     */
    public static int[] keep(List<Box> boxes, float[] scores, double iouThreshold, int maxKeep) {
        if (boxes.size() != scores.length) {
            throw new IllegalArgumentException(
                    boxes.size() + " boxes but " + scores.length + " scores; give one score per box");
        }
        checkThresholds(iouThreshold, maxKeep);
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of box " + i + " is NaN; check the model's output for NaNs");
            }
        }
        int[] order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int[] kept = new int[Math.min(maxKeep, order.length)];
        int n = 0;
        for (int i = 0; i < order.length && n < kept.length; i++) {
            Box b = boxes.get(order[i]);
            boolean suppressed = false;
            for (int k = 0; k < n && !suppressed; k++) {
                suppressed = b.iou(boxes.get(kept[k])) > iouThreshold;
            }
            if (!suppressed) {
                kept[n++] = order[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /**
     * SSD's post-processing for one image: per class, the boxes scoring above {@code minScore} go through {@link #keep}
     * on their own (an object of one class does not suppress a different object of another that overlaps it), then
     * the survivors of all classes are ranked by score (ties to the lower class, then the lower box index) and the
     * first {@code maxKeep} returned. {@code scores[b][c]} is box {@code b}'s score for object class {@code c}: drop
     * the background column of SSD's softmax first (class {@code c} here is column {@code c + 1} there).
     */
    public static List<Detection> perClass(int image, List<Box> boxes, float[][] scores, double minScore,
            double iouThreshold, int maxKeep) {
        if (boxes.size() != scores.length) {
            throw new IllegalArgumentException(
                    boxes.size() + " boxes but " + scores.length + " rows of scores; give one row per box");
        }
        checkThresholds(iouThreshold, maxKeep);
        int classes = scores.length == 0 ? 0 : scores[0].length;
        List<Detection> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int b = 0; b < scores.length; b++) {
                if (scores[b].length != classes) {
                    throw new IllegalArgumentException("row " + b + " has " + scores[b].length + " scores, row 0 has "
                            + classes + "; give every box a score per class");
                }
                if (scores[b][c] > minScore) {
                    idx.add(b);
                }
            }
            List<Box> sub = new ArrayList<>(idx.size());
            float[] s = new float[idx.size()];
            for (int i = 0; i < idx.size(); i++) {
                sub.add(boxes.get(idx.get(i)));
                s[i] = scores[idx.get(i)][c];
            }
            for (int k : keep(sub, s, iouThreshold, maxKeep)) {
                out.add(new Detection(image, c, s[k], sub.get(k)));
            }
        }
        // stable: within one score, class order, and within a class keep()'s order (lower box index first)
        out.sort(Comparator.comparingDouble((Detection d) -> -d.score()));
        return new ArrayList<>(out.subList(0, Math.min(maxKeep, out.size())));
    }

    private static void checkThresholds(double iouThreshold, int maxKeep) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold " + iouThreshold + " is not in [0, 1]; SSD uses 0.45");
        }
        if (maxKeep < 1) {
            throw new IllegalArgumentException(
                    "maxKeep " + maxKeep + " keeps nothing; give >= 1 (Integer.MAX_VALUE for no limit)");
        }
    }
}
