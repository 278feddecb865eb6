package ai.fastdjl.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.ParallelBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gram matrices, total variation and the style-transfer objective, by hand; pixel optimisation by its effect. */
class StyleTest {

    @Test
    void gramMatrixOfATwoChannelTwoByTwoMapByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel 0 = [[1, 2], [3, 4]], channel 1 = [[0, 1], [1, 0]]
            NDArray f = m.create(new float[] {1, 2, 3, 4, 0, 1, 1, 0}, new Shape(1, 2, 2, 2));
            // F·Fᵀ = [[30, 5], [5, 2]], divided by C·H·W = 8
            assertArrayEquals(new float[] {3.75f, 0.625f, 0.625f, 0.25f}, GramMatrix.of(f).toFloatArray(), 1e-6f);
            assertEquals(new Shape(1, 2, 2), GramMatrix.of(f).getShape());
        }
    }

    @Test
    void gramMatrixIgnoresWhereThingsAre() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(new float[] {1, 2, 3, 4, 0, 1, 1, 0}, new Shape(1, 2, 2, 2));
            NDArray moved = m.create(new float[] {4, 3, 2, 1, 0, 1, 1, 0}, new Shape(1, 2, 2, 2)); // same pixels permuted
            assertArrayEquals(GramMatrix.of(f).toFloatArray(), GramMatrix.of(moved).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void totalVariationByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // [[0, 1], [2, 3]]: vertical differences (2, 2) → mean square 4; horizontal (1, 1) → 1
            NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            assertEquals(5f, StyleLoss.totalVariation(x).getFloat(), 1e-6f);
        }
    }

    /** Two fixed random convolution layers, tapped after each: a stand-in CNN. */
    static FeatureExtractor tinyExtractor(NDManager m, int side) {
        Block conv1 = Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
        Block conv2 = Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).build();
        SequentialBlock first = new SequentialBlock().add(conv1).add(Activation.reluBlock());
        Block net = new SequentialBlock().add(first).add(new ParallelBlock(
                list -> new NDList(list.get(0).head(), list.get(1).head()),
                List.of(new LambdaBlock(x -> x), new SequentialBlock().add(conv2).add(Activation.reluBlock()))));
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        return FeatureExtractor.initialized("tiny", net, List.of("conv1", "conv2"), new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f}, m, side);
    }

    @Test
    void contentTermIsZeroAtTheContentImageAndStyleTermAtTheStyleImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureExtractor fx = tinyExtractor(m, 16);
            NDArray content = m.randomUniform(0, 1, new Shape(1, 3, 16, 16));
            NDArray style = m.randomUniform(0, 1, new Shape(1, 3, 16, 16)).square();
            StyleLoss loss = new StyleLoss(fx, content, style, 1, List.of(0, 1), 1, 1, 0, m);
            StyleLoss.Terms atContent = loss.evaluate(content);
            StyleLoss.Terms atStyle = loss.evaluate(style);
            assertEquals(0, atContent.content(), 1e-12);
            assertEquals(0, atStyle.style(), 1e-12);
            assertTrue(atContent.style() > 1e-6 && atStyle.content() > 1e-6, atContent + " " + atStyle);
        }
    }

    @Test
    void adamAndLbfgsOnThePixelsCutTheStyleLossAndKeepPixelsInRange() {
        for (String way : List.of("adam", "lbfgs")) {
            try (NDManager m = NDManager.newBaseManager()) {
                FeatureExtractor fx = tinyExtractor(m, 16);
                NDArray content = m.randomUniform(0, 1, new Shape(1, 3, 16, 16));
                NDArray style = m.randomUniform(0, 1, new Shape(1, 3, 16, 16)).square();
                StyleLoss loss = new StyleLoss(fx, content, style, 1, List.of(0, 1), 1e-3, 1, 0, m);
                double start = loss.evaluate(content).style();
                PixelOptimizer opt = new PixelOptimizer(loss, null);
                NDArray image = content.duplicate();
                image = way.equals("adam") ? opt.adam(image, 60, 0.02) : opt.lbfgs(image, 60, 10);
                double end = loss.evaluate(image).style();
                assertTrue(end < start / 10, way + ": style loss " + start + " → " + end);
                assertTrue(image.min().getFloat() >= 0 && image.max().getFloat() <= 1, way + " left [0, 1]");
                assertEquals(60, opt.history().size(), way + " evaluations");
            }
        }
    }
}
