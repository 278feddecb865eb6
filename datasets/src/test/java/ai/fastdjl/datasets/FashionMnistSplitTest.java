package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FashionMnistSplitTest {
    /** 10 images a class of classes 0 … 3, image i's first pixel = i. */
    private static FashionMnist.Split forty() {
        byte[] p = new byte[40 * 28 * 28];
        byte[] l = new byte[40];
        for (int i = 0; i < 40; i++) {
            p[i * 28 * 28] = (byte) i;
            l[i] = (byte) (i % 4);
        }
        return new FashionMnist.Split(p, l, 40);
    }

    @Test
    void thinKeepsAShareOfOneClassAndAllOthers() {
        FashionMnist.Split s = forty().thin(2, 0.2, 1);
        int[] counts = new int[4];
        for (int y : s.labelArray()) {
            counts[y]++;
        }
        assertArrayEquals(new int[] {10, 10, 2, 10}, counts);
        assertEquals(1, forty().thin(2, 0.01, 1).labelArray().length - 30, "at least one sample is kept");
        assertArrayEquals(forty().thin(2, 0.2, 1).labelArray(), s.labelArray(), "same seed, same set");
    }

    @Test
    void pickRepeatsSamplesInTheGivenOrder() {
        FashionMnist.Split s = forty().pick(new int[] {5, 5, 0});
        assertArrayEquals(new int[] {1, 1, 0}, s.labelArray());
        assertEquals(5, s.pixels()[28 * 28], "the second copy of image 5");
    }

    @Test
    void theTransferSetWithoutAClassHoldsNoneOfItAndEveryOtherImage() {
        FashionMnist.Split s = forty().without(3);
        assertEquals(30, s.n());
        assertEquals(0, java.util.Arrays.stream(s.labelArray()).filter(y -> y == 3).count(), "no image of class 3");
        for (int j = 0; j < s.n(); j++) {
            int i = s.pixels()[j * 28 * 28]; // the image's index in forty()
            assertEquals(i % 4, s.labelArray()[j], "labels unchanged");
        }
    }
}
