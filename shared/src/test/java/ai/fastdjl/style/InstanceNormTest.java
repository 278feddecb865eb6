package ai.fastdjl.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class InstanceNormTest {
    @Test
    void eachChannelOfEachImageIsNormalisedByItself() {
        try (NDManager m = NDManager.newBaseManager()) {
            InstanceNorm norm = new InstanceNorm(2);
            norm.initialize(m, DataType.FLOAT32, new Shape(2, 2, 2, 2));
            // image 0: channel 0 = 1 2 3 4 (mean 2.5, biased variance 1.25), channel 1 constant 5;
            // image 1: channel 0 = 10 × image 0's (the same normalised values), channel 1 = 0 0 2 2
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 5, 5, 5, 10, 20, 30, 40, 0, 0, 2, 2},
                    new Shape(2, 2, 2, 2));
            NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), false).head();
            float a = (float) (1.5 / Math.sqrt(1.25 + InstanceNorm.EPS));
            float b = (float) (0.5 / Math.sqrt(1.25 + InstanceNorm.EPS));
            float a10 = (float) (15 / Math.sqrt(125 + InstanceNorm.EPS));
            float b10 = (float) (5 / Math.sqrt(125 + InstanceNorm.EPS));
            float c = (float) (1 / Math.sqrt(1 + InstanceNorm.EPS));
            assertArrayEquals(new float[] {-a, -b, b, a, 0, 0, 0, 0, -a10, -b10, b10, a10, -c, -c, c, c},
                    y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void theTransformerNetKeepsTheImageSizeAndRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = TransformerNet.build(4, 1);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1,
                    new Shape(2, 3, 32, 32))), false).head();
            assertEquals(new Shape(2, 3, 32, 32), y.getShape());
            assertEquals(true, y.min().getFloat() >= 0 && y.max().getFloat() <= 1);
        }
    }
}
