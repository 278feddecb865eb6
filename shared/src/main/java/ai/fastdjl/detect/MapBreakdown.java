package ai.fastdjl.detect;

import ai.fastdjl.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * mAP of a detector over all images, then by object size and by the number of objects in an image (cocoeval's
 * {@code summarize} by area range, plus the crowding a course demo asks about): where a detector's misses are.
 *
 * @param all mAP over every image and object
 * @param bySize mAP of small, medium and large objects (the others ignored, see {@link MeanAveragePrecision})
 * @param byCount mAP over the images holding 1, 2, … objects; the last key holds {@link #MANY} or more
 * @param rows the table: subset, objects counted, mAP
 */
public record MapBreakdown(MeanAveragePrecision.Result all, Map<String, Double> bySize, Map<Integer, Double> byCount,
        List<List<String>> rows) {
    /**
     * Object sizes by the side of their box (√area) as a share of the image's side. COCO's bounds, 32 and 96 px of
     * its 640 px images (shares 0.05 and 0.15), would call every item of the 64 px scenes (16–40 px) large; 20 and
     * 32 px of 64 split the lesson's 2,594 validation items into 1,306 small, 1,101 medium and 187 large.
     */
    public static final double SMALL = 20 / 64.0;
    public static final double LARGE = 32 / 64.0;
    /** The table by objects per image puts the images of this many objects or more in one row. */
    public static final int MANY = 4;

    /** Evaluates {@code dets} against {@code truth} at IoU {@code iou} over all, by size and by objects per image. */
    public static MapBreakdown of(List<Detection> dets, List<List<GroundTruth>> truth, int classes, double iou) {
        var all = MeanAveragePrecision.evaluate(dets, truth, classes, iou);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("all", String.valueOf(all.totalGts()), RunReport.format(all.map())));
        Map<String, Predicate<Box>> sizes = new LinkedHashMap<>();
        sizes.put(String.format(Locale.ROOT, "small (side < %.0f %%)", 100 * SMALL), b -> side(b) < SMALL);
        sizes.put("medium", b -> side(b) >= SMALL && side(b) < LARGE);
        sizes.put(String.format(Locale.ROOT, "large (side ≥ %.0f %%)", 100 * LARGE), b -> side(b) >= LARGE);
        Map<String, Double> bySize = new LinkedHashMap<>();
        sizes.forEach((name, p) -> {
            var r = MeanAveragePrecision.evaluate(dets, truth, classes, iou, i -> true, p);
            bySize.put(name, r.map());
            rows.add(List.of("objects " + name, String.valueOf(r.totalGts()), RunReport.format(r.map())));
        });
        int most = truth.stream().mapToInt(List::size).max().orElse(0);
        Map<Integer, Double> byCount = new LinkedHashMap<>();
        for (int k = 1; k <= Math.min(MANY, most); k++) {
            int count = k;
            IntPredicate images = i -> count == MANY ? truth.get(i).size() >= MANY : truth.get(i).size() == count;
            if (IntStream.range(0, truth.size()).noneMatch(images)) {
                continue; // no such image: no row
            }
            var r = MeanAveragePrecision.evaluate(dets, truth, classes, iou, images, b -> true);
            byCount.put(k, r.map());
            rows.add(List.of("images of " + k + (k == MANY ? " or more" : "") + " object" + (k > 1 ? "s" : ""),
                    String.valueOf(r.totalGts()), RunReport.format(r.map())));
        }
        return new MapBreakdown(all, bySize, byCount, rows);
    }

    /** The box's side, √area, as a share of the image's side. */
    private static double side(Box b) {
        return Math.sqrt(b.area());
    }
}
