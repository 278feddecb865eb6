package ai.fastdjl.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.cli.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureLossTest {
    /** A linear extractor: two bias-free convolutions, both outputs tapped. */
    static final class TwoConvs extends AbstractBlock {
        final Conv2d a;
        final Conv2d b;

        TwoConvs() {
            a = addChildBlock("a", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(4).optBias(false).build());
            b = addChildBlock("b", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(6).optBias(false).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            NDArray fa = a.forward(ps, in, training).head();
            return new NDList(fa, b.forward(ps, new NDList(fa), training).head());
        }

        @Override
        protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
            a.initialize(m, t, shapes);
            b.initialize(m, t, a.getOutputShapes(shapes));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            Shape s = in[0];
            return new Shape[] {new Shape(s.get(0), 4, s.get(2), s.get(3)), new Shape(s.get(0), 6, s.get(2), s.get(3))};
        }
    }

    @Test
    void zeroForIdenticalImagesAndQuadraticInAPerturbation() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            FeatureExtractor fx = FeatureExtractor.initialized("two convs", new TwoConvs(), List.of("conv1", "conv2"),
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, m, 8);
            FeatureLoss loss = new FeatureLoss(fx, List.of("conv1", "conv2"), new double[] {1, 0.5}, 0);
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 8, 8));
            NDArray delta = m.randomNormal(0, 0.05f, new Shape(2, 3, 8, 8), DataType.FLOAT32);
            assertEquals(0, loss.between(x, x).getFloat(), 1e-9);
            double one = loss.between(x.add(delta), x).getFloat();
            double two = loss.between(x.add(delta.mul(2)), x).getFloat();
            // a linear extractor: twice the perturbation, four times every squared feature difference
            assertTrue(one > 0);
            assertEquals(4, two / one, 1e-3);
            FeatureLoss withGram = new FeatureLoss(fx, List.of("conv2"), new double[] {1}, 10);
            assertEquals(0, withGram.between(x, x).getFloat(), 1e-9);
            assertTrue(withGram.between(x.add(delta), x).getFloat() > new FeatureLoss(fx, List.of("conv2"),
                    new double[] {1}, 0).between(x.add(delta), x).getFloat());
            // the pixel term adds exactly weight × the pixels' MSE
            double mse = x.add(delta).sub(x).square().mean().getFloat();
            FeatureLoss withPixels = new FeatureLoss(fx, List.of("conv1", "conv2"), new double[] {1, 0.5}, 0)
                    .withPixels(3);
            assertEquals(one + 3 * mse, withPixels.between(x.add(delta), x).getFloat(), 1e-5 * one);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new FeatureLoss(fx, List.of("conv9"), new double[] {1}, 0));
            assertEquals("unknown layer \"conv9\" for two convs: it has conv1, conv2", e.getMessage());
        }
    }
}
