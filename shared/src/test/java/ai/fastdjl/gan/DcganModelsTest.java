package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The course's DCGAN building blocks: shapes and the upsampling's pixels. */
class DcganModelsTest {

    @Test
    void upsamplingCopiesEachPixelIntoATwoByTwoSquare() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = new Upsample(2).forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toFloatArray());
        }
    }

    @Test
    void upsampleConvBlockDoublesTheSideAndSetsTheChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = DcganModels.upConv(8);
            Shape in = new Shape(2, 4, 7, 7);
            b.initialize(m, DataType.FLOAT32, in);
            assertEquals(new Shape(2, 8, 14, 14), b.getOutputShapes(new Shape[] {in})[0]);
            NDArray y = b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), true).head();
            assertEquals(new Shape(2, 8, 14, 14), y.getShape());
            assertTrue(y.min().getFloat() >= 0, "ends with a ReLU");
        }
    }

    @Test
    void generatorMakesImagesInMinusOneToOneAndTheCriticOneScoreEach() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanModule gan = DcganModels.gan(10, 1, 28, new int[] {16, 8, 4}, new int[] {4, 8, 16});
            gan.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray images = gan.generate(m.randomNormal(new Shape(3, 10)));
            assertEquals(new Shape(3, 1, 28, 28), images.getShape());
            assertTrue(images.abs().max().getFloat() <= 1, "tanh output");
            NDArray scores = gan.critic().forward(new ParameterStore(m, false), new NDList(images), false).head();
            assertEquals(new Shape(3, 1), scores.getShape());
        }
    }

    @Test
    void aSideThatIsNotAMultipleOfFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DcganModels.generator(10, 1, 30, 16, 8, 4));
    }
}
