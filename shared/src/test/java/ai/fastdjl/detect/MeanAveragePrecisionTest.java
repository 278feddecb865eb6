package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeanAveragePrecisionTest {
    private static final Box UNIT = new Box(0, 0, 1, 1);

    private static Detection det(int image, float score, Box b) {
        return new Detection(image, 0, score, b);
    }

    private static GroundTruth gt(Box b) {
        return new GroundTruth(0, b);
    }

    @Test
    void vocApOfAHandWorkedCurve() {
        // ranking TP FP TP FP over 3 objects: recall 1/3 1/3 2/3 2/3, precision 1 1/2 2/3 1/2;
        // envelope 1 up to recall 1/3, 2/3 up to 2/3, 0 after: 1/3 · 1 + 1/3 · 2/3 = 5/9
        double ap = MeanAveragePrecision.vocAp(new double[] {1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0},
                new double[] {1, 0.5, 2 / 3.0, 0.5});
        assertEquals(5 / 9.0, ap, 1e-12, "all-point AP");
        assertEquals(0, MeanAveragePrecision.vocAp(new double[0], new double[0]), 0, "no detections: AP 0");
    }

    /** Image 0: objects A = [0,0,1,1] and B = [2,2,3,3]; image 1: object C = [0,0,1,1]. */
    private static final List<List<GroundTruth>> THREE =
            List.of(List.of(gt(UNIT), gt(new Box(2, 2, 3, 3))), List.of(gt(UNIT)));

    /** Four detections, by score: A exactly; C at IoU 1/3; C at IoU 0.8; A again at IoU 0.9. */
    private static final List<Detection> FOUR = List.of(det(0, 0.9f, UNIT), det(1, 0.8f, new Box(0.5, 0, 1.5, 1)),
            det(1, 0.7f, new Box(0, 0, 1, 0.8)), det(0, 0.6f, new Box(0, 0, 0.9, 1)));

    @Test
    void handWorkedCase() {
        // at IoU 0.5: TP (A), FP (1/3 < 0.5), TP (C), FP (A is found already): AP 5/9 as above
        var r = MeanAveragePrecision.evaluate(FOUR, THREE, 1, 0.5);
        assertEquals(5 / 9.0, r.ap()[0], 1e-9, "AP at IoU 0.5: " + r);
        assertEquals(5 / 9.0, r.map(), 1e-9, "mAP of one class is its AP");
        assertEquals(3, r.totalGts(), "three objects counted");
        // at IoU 0.3 the 1/3 detection finds C, so the 0.8 one is the duplicate: TP TP FP FP, recall 1/3 2/3 2/3 2/3,
        // precision 1 1 2/3 1/2: AP = 2/3 · 1
        assertEquals(2 / 3.0, MeanAveragePrecision.evaluate(FOUR, THREE, 1, 0.3).map(), 1e-9, "AP at IoU 0.3");
    }

    @Test
    void perfectDetectionsScoreOne() {
        var r = MeanAveragePrecision.evaluate(List.of(det(0, 0.9f, UNIT), det(0, 0.8f, new Box(2, 2, 3, 3)),
                det(1, 0.1f, UNIT)), THREE, 1, MeanAveragePrecision.VOC_IOU);
        assertEquals(1.0, r.map(), 1e-12, "every object found, nothing else: " + r);
    }

    @Test
    void aDuplicateDetectionIsAFalsePositive() {
        var gts = List.of(List.of(gt(UNIT)), List.of(gt(UNIT)));
        var once = List.of(det(0, 0.9f, UNIT), det(1, 0.7f, UNIT));
        assertEquals(1.0, MeanAveragePrecision.evaluate(once, gts, 1, 0.5).map(), 1e-12, "each object found once");
        // TP FP TP over 2 objects: recall 1/2 1/2 1, precision 1 1/2 2/3: AP = 1/2 · 1 + 1/2 · 2/3 = 5/6
        var twice = List.of(det(0, 0.9f, UNIT), det(0, 0.8f, UNIT), det(1, 0.7f, UNIT));
        assertEquals(5 / 6.0, MeanAveragePrecision.evaluate(twice, gts, 1, 0.5).map(), 1e-9,
                "the second hit on image 0");
    }

    @Test
    void aClassWithoutObjectsIsLeftOutOfTheMean() {
        var gts = List.of(List.of(new GroundTruth(0, UNIT), new GroundTruth(2, new Box(2, 2, 3, 3))));
        var dets = List.of(new Detection(0, 0, 0.9f, UNIT), new Detection(0, 1, 0.8f, new Box(5, 5, 6, 6)));
        var r = MeanAveragePrecision.evaluate(dets, gts, 3, 0.5);
        assertEquals(1.0, r.ap()[0], 1e-12, "class 0 found");
        assertTrue(Double.isNaN(r.ap()[1]), "class 1 has no objects, so no AP: " + r);
        assertEquals(0.0, r.ap()[2], 0, "class 2 has an object and no detection");
        assertEquals(0.5, r.map(), 1e-12, "mean of classes 0 and 2 only");
        assertEquals(0, r.gts()[1], "no objects of class 1");
        assertTrue(Double.isNaN(MeanAveragePrecision.evaluate(dets, List.of(List.of()), 3, 0.5).map()),
                "no objects at all");
    }

    @Test
    void objectsOutsideTheAreaRangeAreIgnored() {
        // one image: a large object L (area 100) and a small one S (area 4); count only areas >= 50
        Box l = new Box(0, 0, 10, 10);
        Box s = new Box(20, 20, 22, 22);
        var gts = List.of(List.of(gt(l), gt(s)));
        var dets = List.of(det(0, 0.9f, s), // finds S: ignored, neither TP nor FP
                det(0, 0.8f, new Box(30, 30, 32, 32)), // finds nothing, small itself: ignored
                det(0, 0.7f, new Box(40, 40, 50, 50)), // finds nothing, large: FP
                det(0, 0.6f, l)); // finds L: TP
        var large = MeanAveragePrecision.evaluate(dets, gts, 1, 0.5, i -> true,
                MeanAveragePrecision.areaRange(50, 1e10));
        // counted: FP TP over 1 object: recall 0 1, precision 0 1/2: AP 1/2
        assertEquals(0.5, large.map(), 1e-12, "large objects only: " + large);
        assertEquals(1, large.totalGts(), "only L counted");
        // everything counted: TP FP FP TP over 2: recall 1/2 1/2 1/2 1, precision 1 1/2 1/3 1/2: AP 1/2 + 1/2 · 1/2
        var all = MeanAveragePrecision.evaluate(dets, gts, 1, 0.5);
        assertEquals(0.75, all.map(), 1e-12, "all objects: " + all);
        assertEquals(2, all.totalGts(), "L and S counted");
    }

    @Test
    void aDetectionPrefersACountedObjectToAnIgnoredOne() {
        Box l = new Box(0, 0, 10, 10); // area 100, counted
        Box s = new Box(0, 0, 7, 7); // area 49, ignored
        var d = List.of(det(0, 0.9f, new Box(0, 0, 7.5, 7.5))); // IoU 49/56.25 = 0.87 with S, 56.25/100 = 0.56 with L
        var r = MeanAveragePrecision.evaluate(d, List.of(List.of(gt(l), gt(s))), 1, 0.5, i -> true,
                b -> b.area() >= 50);
        assertEquals(1.0, r.map(), 1e-12, "the detection finds L, not the closer but ignored S (cocoeval): " + r);
    }

    @Test
    void aSubsetOfImages() {
        // image 0 holds one object and only a confident false detection; images 1 and 2 hold three each, all found
        Box[] three = {UNIT, new Box(2, 2, 3, 3), new Box(4, 4, 5, 5)};
        var gts = List.of(List.of(gt(UNIT)), List.of(gt(three[0]), gt(three[1]), gt(three[2])),
                List.of(gt(three[0]), gt(three[1]), gt(three[2])));
        var dets = new ArrayList<Detection>();
        dets.add(det(0, 0.95f, new Box(7, 7, 8, 8)));
        for (int i = 1; i <= 2; i++) {
            for (int j = 0; j < 3; j++) {
                dets.add(det(i, 0.5f + 0.1f * j, three[j]));
            }
        }
        var crowded = MeanAveragePrecision.evaluate(dets, gts, 1, 0.5, i -> gts.get(i).size() == 3, b -> true);
        assertEquals(1.0, crowded.map(), 1e-12, "images with three objects: all found, the false one left out");
        assertEquals(6, crowded.totalGts(), "six objects in images 1 and 2");
        // all images: FP then 6 TPs over 7 objects; precision rises to 6/7 at recall 6/7, so AP = 6/7 · 6/7
        var all = MeanAveragePrecision.evaluate(dets, gts, 1, 0.5);
        assertEquals(36 / 49.0, all.map(), 1e-9, "all images: " + all);
    }

    @Test
    void rejectsDetectionsOutsideTheGroundTruth() {
        assertThrows(IllegalArgumentException.class, () -> MeanAveragePrecision.evaluate(List.of(det(2, 0.5f, UNIT)),
                THREE, 1, 0.5), "image 2 of 2");
        assertThrows(IllegalArgumentException.class, () -> MeanAveragePrecision.evaluate(
                List.of(new Detection(0, 1, 0.5f, UNIT)), THREE, 1, 0.5), "class 1 of 1");
        assertThrows(IllegalArgumentException.class, () -> MeanAveragePrecision.evaluate(FOUR, THREE, 0, 0.5),
                "0 classes");
        assertThrows(IllegalArgumentException.class, () -> MeanAveragePrecision.evaluate(FOUR, THREE, 1, 0), "IoU 0");
    }
}
