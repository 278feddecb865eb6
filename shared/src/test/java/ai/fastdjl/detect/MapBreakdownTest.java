package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapBreakdownTest {
    /** A box of side {@code s} (a share of the image's) at {@code x}. */
    private static Box box(double x, double s) {
        return new Box(x, 0, x + s, s);
    }

    @Test
    void subsetsBySizeAndByObjectsPerImage() {
        // image 0: one small object (side 0.2); image 1: a medium and a large one; image 2: five small ones
        List<List<GroundTruth>> truth = new ArrayList<>();
        truth.add(List.of(new GroundTruth(0, box(0, 0.2))));
        truth.add(List.of(new GroundTruth(0, box(0, 0.4)), new GroundTruth(0, box(0.4, 0.6))));
        List<GroundTruth> five = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            five.add(new GroundTruth(0, box(0.2 * k, 0.15)));
        }
        truth.add(five);
        // every object found except the large one
        List<Detection> dets = new ArrayList<>();
        dets.add(new Detection(0, 0, 0.9f, box(0, 0.2)));
        dets.add(new Detection(1, 0, 0.8f, box(0, 0.4)));
        for (int k = 0; k < 5; k++) {
            dets.add(new Detection(2, 0, 0.7f, box(0.2 * k, 0.15)));
        }
        MapBreakdown b = MapBreakdown.of(dets, truth, 1, 0.5);
        assertEquals(8, b.all().totalGts());
        assertEquals(7 / 8.0, b.all().map(), 1e-12, "precision 1 up to recall 7/8");
        assertEquals(List.of(1.0, 1.0, 0.0), List.copyOf(b.bySize().values()), "small, medium found; large missed");
        assertEquals(List.of(1, 2, 4), List.copyOf(b.byCount().keySet()), "no image of 3 objects: no row; 4 = 4 or more");
        assertEquals(0.5, b.byCount().get(2), 1e-12, "image 1: one of two found");
        assertEquals(1.0, b.byCount().get(4), 1e-12);
        assertEquals(List.of("all", "8", b.rows().get(0).get(2)), b.rows().get(0));
        assertEquals(1 + 3 + 3, b.rows().size());
    }
}
