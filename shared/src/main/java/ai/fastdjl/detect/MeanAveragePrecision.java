package ai.fastdjl.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Mean average precision, Pascal VOC style (Everingham et al. 2010; the VOC devkit's {@code VOCevaldet} and, from
 * 2010 on, {@code VOCap}): per class, the detections of every image ranked by score are each a true positive when
 * they find a not yet found object of their class at IoU at least the threshold, and a false positive otherwise (a
 * second detection of a found object included: a detector is not paid twice for one object); AP is the area under
 * the precision–recall curve after each precision is raised to the best precision at any higher recall (the
 * "envelope", all-point interpolation), and mAP the mean over the classes that have objects. Unlike accuracy it reads
 * the whole ranking, so it rewards scores that put good boxes first, and it needs no score threshold.
 *
 * <p>Subsets: {@code images} keeps only some images (their objects and their detections), e.g. the crowded ones;
 * {@code area} keeps objects by their box, COCO style (cocoeval's area ranges): an object outside it is
 * <em>ignored</em> rather than dropped, so a detection that finds it counts as neither true nor false positive, a
 * detection that finds nothing counts only when its own box is inside the range, and recall is over the objects
 * inside. That way "AP on small objects" neither punishes a detector for finding a large one nor pays it for the
 * large ones it finds.
 *
 * <p>Matching follows cocoeval where the devkit and cocoeval differ: a detection takes the <em>unfound</em> object of
 * highest IoU (the devkit takes the object of highest IoU and calls the detection false if that one is already
 * found), preferring objects inside the area range to ignored ones, ties to the lower index. Left out: VOC's
 * "difficult" flag (such objects would be ignored the same way, but the area predicate sees only the box), the VOC
 * 2007 11-point AP, COCO's 101-point AP, crowd regions and cocoeval's cap of 100 detections per image.
 */
public final class MeanAveragePrecision {
    /** IoU from which a detection finds an object (VOC devkit {@code VOCopts.minoverlap} = 0.5, compared with >=). */
    public static final double VOC_IOU = 0.5;

    private MeanAveragePrecision() {}

    /**
     * What {@link #evaluate} found: {@code ap[c]} the AP of class {@code c} (NaN when it has no counted object),
     * {@code map} their mean over the classes that have one (NaN when none does), and {@code gts[c]} the number of
     * objects of class {@code c} counted (in the selected images, inside the area range).
     */
    public record Result(double[] ap, double map, int[] gts) {
        /** Objects counted over all classes. */
        public int totalGts() {
            return Arrays.stream(gts).sum();
        }

        @Override
        public String toString() {
            return "Result[map=" + map + ", ap=" + Arrays.toString(ap) + ", gts=" + Arrays.toString(gts) + "]";
        }
    }

    /** mAP over every image and object, at IoU {@code iou} (VOC: {@link #VOC_IOU}). */
    public static Result evaluate(List<Detection> dets, List<List<GroundTruth>> gts, int classes, double iou) {
        return evaluate(dets, gts, classes, iou, i -> true, b -> true);
    }

    /**
     * mAP over the images for whose index {@code images} holds, counting the objects whose box {@code area} accepts and
     * ignoring the others as described above. {@code gts.get(i)} holds image {@code i}'s objects (an empty list for an
     * image without), and every detection's image must have an entry.
     */
    public static Result evaluate(List<Detection> dets, List<List<GroundTruth>> gts, int classes, double iou,
            IntPredicate images, Predicate<Box> area) {
        if (classes < 1) {
            throw new IllegalArgumentException(classes + " classes; give the number of object classes (>= 1)");
        }
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("IoU threshold " + iou + " is not in (0, 1]; VOC uses 0.5");
        }
        // per class, per selected image: its objects, which are ignored, which are found
        List<Map<Integer, ImageObjects>> objects = new ArrayList<>();
        int[] counted = new int[classes];
        for (int c = 0; c < classes; c++) {
            objects.add(new HashMap<>());
        }
        for (int i = 0; i < gts.size(); i++) {
            if (!images.test(i)) {
                continue;
            }
            for (GroundTruth g : gts.get(i)) {
                if (g.cls() >= classes) {
                    throw new IllegalArgumentException("image " + i + " has an object of class " + g.cls()
                            + " but there are " + classes + " classes; pass the right number of classes");
                }
                boolean ignored = !area.test(g.box());
                objects.get(g.cls()).computeIfAbsent(i, k -> new ImageObjects()).add(g.box(), ignored);
                counted[g.cls()] += ignored ? 0 : 1;
            }
        }
        List<List<Detection>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (Detection d : dets) {
            if (d.image() >= gts.size()) {
                throw new IllegalArgumentException("a detection on image " + d.image() + " but ground truth for "
                        + gts.size() + " images; give every image a (possibly empty) list of objects");
            }
            if (d.cls() >= classes) {
                throw new IllegalArgumentException("a detection of class " + d.cls() + " but there are " + classes
                        + " classes; pass the right number of classes");
            }
            if (images.test(d.image())) {
                byClass.get(d.cls()).add(d);
            }
        }
        double[] ap = new double[classes];
        double sum = 0;
        int withObjects = 0;
        for (int c = 0; c < classes; c++) {
            if (counted[c] == 0) {
                ap[c] = Double.NaN;
                continue;
            }
            ap[c] = classAp(byClass.get(c), objects.get(c), counted[c], iou, area);
            sum += ap[c];
            withObjects++;
        }
        return new Result(ap, withObjects == 0 ? Double.NaN : sum / withObjects, counted);
    }

    /**
     * The VOC devkit's {@code VOCap}: the area under the precision envelope (each precision raised to the highest at
     * any later point, with (0, 0) and (1, 0) added at the ends), summed over the points where recall changes.
     * {@code recall} must be non-decreasing, as it is along a ranking.
     */
    public static double vocAp(double[] recall, double[] precision) {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException(recall.length + " recalls but " + precision.length
                    + " precisions; give one pair per ranked detection");
        }
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        mrec[n + 1] = 1;
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i < n + 2; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mpre[i];
            }
        }
        return ap;
    }

    /**
     * Boxes of area in {@code [lo, hi]}, both ends included as in cocoeval's {@code areaRng} (COCO's small, medium
     * and large are [0, 32²], [32², 96²], [96², 1e5²] in pixels: scale relative boxes to pixels first, or the bounds
     * down).
     */
    public static Predicate<Box> areaRange(double lo, double hi) {
        if (!(lo >= 0 && lo <= hi)) {
            throw new IllegalArgumentException(
                    "area range [" + lo + ", " + hi + "] is empty or negative; give 0 <= lo <= hi");
        }
        return b -> b.area() >= lo && b.area() <= hi;
    }

    private static double classAp(List<Detection> dets, Map<Integer, ImageObjects> objects, int counted, double iou,
            Predicate<Box> area) {
        List<Detection> ranked = new ArrayList<>(dets);
        // stable, as the devkit's MATLAB sort and cocoeval's mergesort: equal scores keep the order given
        ranked.sort(Comparator.comparingDouble((Detection d) -> -d.score()));
        double[] recall = new double[ranked.size()];
        double[] precision = new double[ranked.size()];
        int n = 0;
        int tp = 0;
        int fp = 0;
        for (Detection d : ranked) {
            ImageObjects o = objects.get(d.image());
            int m = o == null ? -1 : o.find(d.box(), iou);
            if (m >= 0) {
                o.found[m] = true;
                if (o.ignored.get(m)) {
                    continue; // found an ignored object: neither true nor false
                }
                tp++;
            } else if (area.test(d.box())) {
                fp++;
            } else {
                continue; // found nothing, and is itself outside the area range: ignored (cocoeval)
            }
            recall[n] = (double) tp / counted;
            precision[n] = (double) tp / (tp + fp);
            n++;
        }
        return vocAp(Arrays.copyOf(recall, n), Arrays.copyOf(precision, n));
    }

    /** One class's objects in one image. */
    private static final class ImageObjects {
        final List<Box> boxes = new ArrayList<>();
        final List<Boolean> ignored = new ArrayList<>();
        boolean[] found = new boolean[0];

        void add(Box b, boolean ignore) {
            boxes.add(b);
            ignored.add(ignore);
            found = new boolean[boxes.size()];
        }

        /** The unfound object of highest IoU >= {@code t}, counted ones before ignored ones; -1 if none. */
        int find(Box d, double t) {
            for (boolean wantIgnored : new boolean[] {false, true}) {
                int best = -1;
                double bestIou = t;
                for (int j = 0; j < boxes.size(); j++) {
                    double v = d.iou(boxes.get(j));
                    if (!found[j] && ignored.get(j) == wantIgnored && v >= bestIou && (best < 0 || v > bestIou)) {
                        best = j;
                        bestIou = v;
                    }
                }
                if (best >= 0) {
                    return best;
                }
            }
            return -1;
        }
    }
}
