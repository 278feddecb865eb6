package ai.fastdjl.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSD pieces that need NDArrays: the model's output layout, the loss, and decoding. */
class SsdTest {
    private static final AnchorGrid GRID = AnchorGrid.ssd(8, 4, 2, 1);
    private static final List<List<Box>> BOXES = List.of(
            List.of(new Box(0.1, 0.1, 0.4, 0.45), new Box(0.55, 0.5, 0.95, 0.9)),
            List.of(new Box(0.3, 0.2, 0.7, 0.8)));
    private static final List<int[]> CLASSES = List.of(new int[] {3, 7}, new int[] {0});

    /** The outputs a perfect model would give: the true offsets, and a logit of 20 on the right class. */
    private static NDArray perfect(NDManager m, float[] targets) {
        int a = GRID.size();
        float[] out = new float[BOXES.size() * a * 15];
        for (int r = 0; r < BOXES.size() * a; r++) {
            System.arraycopy(targets, r * 5 + 1, out, r * 15, 4);
            out[r * 15 + 4 + (int) targets[r * 5]] = 20; // class + 1, or the background at 0
        }
        return m.create(out, new Shape(BOXES.size(), a, 15));
    }

    @Test
    void theModelOutputsOneRowPerAnchorOfTheGrid() {
        SsdModel model = new SsdModel(1, 10, new int[] {8, 16, 32}, new int[] {4, 4, 4, 4});
        assertArrayEquals(new int[] {8, 4, 2, 1}, model.mapSizes(64));
        assertEquals(new Shape(2, GRID.size(), 15), model.getOutputShapes(new Shape[] {new Shape(2, 1, 64, 64)})[0]);
        try (NDManager m = NDManager.newBaseManager()) {
            model.initialize(m, DataType.FLOAT32, new Shape(2, 1, 64, 64));
            NDArray out = model.forward(new ai.djl.training.ParameterStore(m, false),
                    new NDList(m.randomNormal(new Shape(2, 1, 64, 64))), false).head();
            assertEquals(new Shape(2, 340, 15), out.getShape(), "8²·4 + 4²·4 + 2²·4 + 1·4 anchors");
        }
    }

    @Test
    void targetsMatchEveryObjectAndAPerfectOutputDecodesToTheTruth() {
        float[] t = SsdLoss.targets(GRID, BOXES, CLASSES, 0.5);
        int a = GRID.size();
        for (int i = 0; i < BOXES.size(); i++) {
            for (int c : CLASSES.get(i)) {
                int image = i;
                assertTrue(java.util.stream.IntStream.range(0, a).anyMatch(k -> t[(image * a + k) * 5] == c + 1),
                        "class " + c + " of image " + i + " has an anchor");
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = perfect(m, t);
            List<Detection> dets = SsdDecoder.detect(out, GRID, 0);
            List<List<GroundTruth>> truth = List.of(
                    List.of(new GroundTruth(3, BOXES.get(0).get(0)), new GroundTruth(7, BOXES.get(0).get(1))),
                    List.of(new GroundTruth(0, BOXES.get(1).get(0))));
            var r = MeanAveragePrecision.evaluate(dets, truth, 10, 0.5);
            assertEquals(1.0, r.map(), 1e-9, "a perfect output is a perfect detector: " + r);
            Detection best = dets.stream().filter(d -> d.image() == 1).findFirst().orElseThrow();
            assertEquals(0, best.cls());
            assertEquals(0.3, best.box().x0(), 1e-5);
            assertEquals(0.8, best.box().y1(), 1e-5);
            // the loss of the perfect output is near 0; of the same output with every logit 0, about ln 11 per
            // positive (the positives and their 3-to-1 hard negatives, all at log 11, over the positives)
            NDList label = new NDList(m.create(t, new Shape(2, a, 5)));
            float good = new SsdLoss().evaluate(label, new NDList(out)).getFloat();
            assertTrue(good < 1e-6, "perfect: " + good);
            NDArray flat = out.duplicate();
            flat.set(new ai.djl.ndarray.index.NDIndex(":, :, 4:"), 0f);
            float pos = label.head().get(":, :, 0").gt(0).sum().toType(DataType.FLOAT32, false).getFloat();
            float unsure = new SsdLoss().evaluate(label, new NDList(flat)).getFloat();
            assertEquals((pos + SsdLoss.NEG_POS * pos) * Math.log(11) / pos, unsure, 1e-4, "uniform logits");
        }
    }
}
