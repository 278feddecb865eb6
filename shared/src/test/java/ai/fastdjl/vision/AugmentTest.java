package ai.fastdjl.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AugmentTest {
    /** A 1×1×3×3 image with pixels 1..9, row by row. */
    private static NDArray nine(NDManager m) {
        return m.arange(1f, 10f).reshape(new Shape(1, 1, 3, 3));
    }

    @Test
    void reflectionPaddingMirrorsWithoutRepeatingTheEdge() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = Augment.reflectPad(nine(m), 1);
            assertEquals(new Shape(1, 1, 5, 5), p.getShape());
            // numpy.pad([[1,2,3],[4,5,6],[7,8,9]], 1, mode="reflect")
            assertArrayEquals(new float[] {
                5, 4, 5, 6, 5,
                2, 1, 2, 3, 2,
                5, 4, 5, 6, 5,
                8, 7, 8, 9, 8,
                5, 4, 5, 6, 5}, p.toFloatArray());
        }
    }

    @Test
    void cropTakesEachImagesOwnWindow() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray two = nine(m).concat(nine(m).mul(10), 0); // images 1..9 and 10..90
            NDArray c = Augment.crop(two, new int[] {0, 1}, new int[] {1, 0}, 2, 2);
            assertArrayEquals(new float[] {2, 3, 5, 6, 40, 50, 70, 80}, c.toFloatArray());
        }
    }

    @Test
    void flipMirrorsOnlyTheMaskedImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray two = nine(m).concat(nine(m), 0);
            NDArray f = Augment.flip(m, two, new boolean[] {true, false});
            assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9}, f.toFloatArray());
        }
    }

    @Test
    void resizeKeepsAConstantImageConstant() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(2, 1, 28, 28), 0.5f);
            NDArray r = Augment.resize(x, 14);
            assertEquals(new Shape(2, 1, 14, 14), r.getShape());
            assertEquals(0.5f, r.min().getFloat(), 1e-6f);
            assertEquals(0.5f, r.max().getFloat(), 1e-6f);
        }
    }

    @Test
    void ttaBlendsAugmentedAndPlainPredictionsWithBeta() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray plain = m.create(new float[] {1, 0});
            NDArray aug = m.create(new float[] {0, 1});
            // fastai's lerp(aug, plain, 0.25) = 0.75·aug + 0.25·plain
            assertArrayEquals(new float[] {0.25f, 0.75f}, Tta.blend(plain, aug, 0.25).toFloatArray(), 1e-6f);
        }
    }
}
