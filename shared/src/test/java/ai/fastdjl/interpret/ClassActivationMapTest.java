package ai.fastdjl.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.fastdjl.detect.Box;
import ai.fastdjl.models.ResNet;
import org.junit.jupiter.api.Test;

class ClassActivationMapTest {
    @Test
    void mapOfAHandWorkedCase() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two 2×2 feature maps: A0 = [[1, 0], [0, 0]], A1 = [[0, 0], [0, 2]]; class 0 weighs them (1, -1),
            // class 1 (0, 3)
            NDArray a = m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 2}, new Shape(1, 2, 2, 2));
            NDArray w = m.create(new float[] {1, -1, 0, 3}, new Shape(2, 2));
            NDArray maps = ClassActivationMap.maps(a, w);
            assertEquals(new Shape(1, 2, 2, 2), maps.getShape());
            assertArrayEquals(new float[] {1, 0, 0, -2, 0, 0, 0, 6}, maps.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void theMapsMeanIsTheLogitLessItsBiasThroughABatchNormHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            // body: the identity (the image is the feature map); head: fastai's transfer head (pool, BN, dropout,
            // linear), its BatchNorm given running statistics of its own
            SequentialBlock model = new SequentialBlock().add(new SequentialBlock().add(Blocks.identityBlock()))
                    .add(ResNet.transferHead(3));
            model.initialize(m, DataType.FLOAT32, new Shape(2, 4, 3, 3));
            var bn = model.getChildren().get(1).getValue().getChildren().get(2).getValue();
            bn.getParameters().get("runningVar").getArray().set(new float[] {4, 1, 0.25f, 9});
            bn.getParameters().get("gamma").getArray().set(new float[] {1, 2, 0.5f, 3});
            NDArray x = m.randomNormal(new Shape(2, 4, 3, 3));
            NDArray logits = model.forward(new ParameterStore(m, false), new NDList(x), false).head();
            // with the same class for both images: the mean over positions differs from the logit by a constant
            // per class (the BatchNorm's shift and the bias), so the two images' differences agree
            for (int c = 0; c < 3; c++) {
                float[][] maps = ClassActivationMap.of(model, x, new int[] {c, c}, 3);
                double diff0 = logits.getFloat(0, c) - mean(maps[0]);
                double diff1 = logits.getFloat(1, c) - mean(maps[1]);
                assertEquals(diff0, diff1, 1e-4, "class " + c);
            }
        }
    }

    @Test
    void versusIsTheDifferenceOfTwoMapsAndChunksGiveTheSameMaps() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock model = new SequentialBlock().add(new SequentialBlock().add(Blocks.identityBlock()))
                    .add(ResNet.transferHead(3));
            int n = ClassActivationMap.CHUNK + 3; // two chunks, the second partial
            model.initialize(m, DataType.FLOAT32, new Shape(n, 4, 3, 3));
            NDArray x = m.randomNormal(new Shape(n, 4, 3, 3));
            float[][] versus = ClassActivationMap.versus(model, x, 2, 0, 3);
            float[][] two = ClassActivationMap.of(model, x, filled(n, 2), 3);
            float[][] zero = ClassActivationMap.of(model, x, filled(n, 0), 3);
            for (int i = 0; i < n; i++) {
                float[] alone = ClassActivationMap.of(model, x.get(i + ":" + (i + 1)), new int[] {2}, 3)[0];
                assertArrayEquals(alone, two[i], 1e-5f, "image " + i + " alone and in its chunk");
                for (int p = 0; p < 9; p++) {
                    assertEquals(two[i][p] - zero[i][p], versus[i][p], 1e-5, "image " + i + ", pixel " + p);
                }
            }
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    @Test
    void upsamplingKeepsCentresAndThePointingGameReadsThePeak() {
        float[] up = ClassActivationMap.upsample(new float[] {0, 1, 2, 3}, 2, 2, 4);
        // the 2×2 cells' centres sit at pixels 0.5 and 2.5 of 4: pixel 0 and 1 interpolate between rows/cols
        assertEquals(0, up[0], 1e-6, "the corner keeps the corner cell's value (clamped)");
        assertEquals(3, up[15], 1e-6);
        assertEquals(0.25, up[1], 1e-6, "a quarter of the way from cell (0,0) to (0,1)");
        float[] map = new float[16];
        map[2 * 4 + 3] = 1; // the peak at x = 3, y = 2: centre (0.875, 0.625)
        assertTrue(ClassActivationMap.pointsInside(map, 4, new Box(0.75, 0.5, 1, 0.75)));
        assertFalse(ClassActivationMap.pointsInside(map, 4, new Box(0, 0, 0.5, 0.5)));
    }
}
