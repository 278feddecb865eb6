package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PixelShuffleTest {
    @Test
    void shuffleMovesChannelsToPixelsInPyTorchsOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one output channel, r = 2, a 1×2 input: channel i·2 + j of pixel (0, w) lands at (i, 2w + j)
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(1, 4, 1, 2));
            NDArray y = PixelShuffle.shuffle(x, 2);
            assertEquals(new Shape(1, 1, 2, 4), y.getShape());
            // channels: c0 = (1, 2), c1 = (3, 4), c2 = (5, 6), c3 = (7, 8)
            // row 0: (c0, c1) of w=0 then of w=1 → 1 3 2 4; row 1: (c2, c3) → 5 7 6 8
            assertArrayEquals(new float[] {1, 3, 2, 4, 5, 7, 6, 8}, y.toFloatArray(), 0);
        }
    }

    @Test
    void icnrStartsAsNearestNeighbourUpsampling() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelShuffle ps = new PixelShuffle(3, 2, true);
            ps.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
            NDArray x = m.randomNormal(new Shape(2, 4, 5, 5));
            NDArray y = ps.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertEquals(new Shape(2, 3, 10, 10), y.getShape());
            // every 2×2 block holds one value: equal to its top-left pixel, upsampled back
            NDArray topLeft = y.get(":, :, ::2, ::2");
            NDArray nearest = new Upsample(2).forward(new ParameterStore(m, false), new NDList(topLeft), false).head();
            assertArrayEquals(nearest.toFloatArray(), y.toFloatArray(), 1e-6f);
            // without ICNR the four sub-pixels differ
            PixelShuffle plain = new PixelShuffle(3, 2, false);
            plain.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
            NDArray z = plain.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertEquals(false, z.get(":, :, ::2, ::2").allClose(z.get(":, :, 1::2, ::2")));
        }
    }
}
