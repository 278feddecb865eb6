package ai.fastdjl.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class UNetTest {
    private static long parameters(UNet net) {
        return net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void outputHasTheInputsResolutionAndOneChannelPerClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean skips : new boolean[] {true, false}) {
                UNet net = new UNet(3, 5, new int[] {8, 16, 32}, skips);
                net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
                assertEquals(new Shape(2, 5, 16, 16), net.getOutputShapes(new Shape[] {new Shape(2, 3, 16, 16)})[0]);
                NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 16,
                        16))), false).head();
                assertEquals(new Shape(2, 5, 16, 16), out.getShape());
                assertTrue(Float.isFinite(out.sum().getFloat()));
            }
        }
    }

    @Test
    void aHalvingStemClimbsBackToFullResolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = new UNet(1, 11, new int[] {8, 16, 32}, true, true);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 16));
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 1, 16,
                    16))), false).head();
            assertEquals(new Shape(2, 11, 16, 16), out.getShape(), "11 classes at the input's 16×16");
        }
    }

    @Test
    void skipsWidenOnlyTheMergeBlocks() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet with = new UNet(1, 4, new int[] {8, 16}, true);
            UNet without = new UNet(1, 4, new int[] {8, 16}, false);
            with.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            without.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            // the one merge block takes 16 instead of 8 channels: its first 3×3 conv has 8·8·9 more weights, and its
            // shortcut needs a 1×1 conv 16 → 8 (128 weights) and a BatchNorm (gamma, beta, running mean and var: 32)
            assertEquals(8 * 8 * 9 + 16 * 8 + 4 * 8, parameters(with) - parameters(without));
        }
    }
}
