package ai.fastdjl.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SpectralNormTest {
    @Test
    void powerIterationFindsTheLargestSingularValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            // [[1, 2], [3, 4]]: WᵀW = [[10, 14], [14, 20]], eigenvalues 15 ± sqrt(221); σ1 = sqrt(15 + sqrt(221))
            NDArray w = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            double expect = Math.sqrt(15 + Math.sqrt(221));
            SpectralNorm sn = new SpectralNorm(new double[] {1, 0});
            assertEquals(expect, sn.sigma(w, 20), 1e-5);
            // u persists: one more step from there stays put
            assertEquals(expect, sn.sigma(w, 1), 1e-5);
            // a conv weight [out, in, k, k] is read as [out, in·k·k]; the normalised weight has σ = 1
            NDArray conv = m.create(new float[] {2, 0, 0, 0, 0, 0, 0, 1}, new Shape(2, 1, 2, 2));
            SpectralNorm c = new SpectralNorm(new double[] {0.3, 0.7});
            assertEquals(2, c.sigma(conv, 10), 1e-6);
            NDArray unit = c.normalised(conv, 5);
            assertEquals(1, new SpectralNorm(new double[] {1, 1}).sigma(unit, 20), 1e-5);
        }
    }

    @Test
    void aWrappedConvolutionHasSpectralNormOneAfterAFewTrainingSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            ai.djl.nn.convolutional.Conv2d conv = ai.djl.nn.convolutional.Conv2d.builder().setFilters(6)
                    .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
            ai.djl.nn.Block sn = SpectralNorm.wrap(conv);
            sn.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4, 5, 5));
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 4, 5, 5));
            NDArray y = null;
            for (int step = 0; step < 30; step++) { // one power iteration per training forward
                y = sn.forward(ps, new ai.djl.ndarray.NDList(x), true).head();
            }
            NDArray w = conv.getParameters().get("weight").getArray();
            double sigma = new SpectralNorm(new double[] {1, 1, 1, 1, 1, 1}).sigma(w, 200);
            // the output is the plain convolution with the weight divided by σ (bias unchanged)
            NDArray b = conv.getParameters().get("bias").getArray();
            NDArray expected = ai.djl.nn.convolutional.Conv2d.conv2d(x, w.div((float) sigma), b, new Shape(1, 1),
                    new Shape(1, 1), new Shape(1, 1), 1).head();
            assertEquals(true, Double.isFinite(sigma) && sigma > 0, "sigma " + sigma + " of " + w);
            assertEquals(0, y.sub(expected).abs().max().getFloat(), 1e-4, y + " vs " + expected);
            // evaluation reuses the last estimate: the same output
            NDArray e = sn.forward(ps, new ai.djl.ndarray.NDList(x), false).head();
            assertEquals(0, e.sub(y).abs().max().getFloat(), 1e-6);
        }
    }
}
