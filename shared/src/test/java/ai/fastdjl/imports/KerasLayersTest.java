package ai.fastdjl.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Keras layer the importer maps, on inputs small enough to work out by hand. Inputs and outputs are NCHW; the
 * kernels are written in TensorFlow's layouts (HWIO, HWCM, (in, out)), as a model.json stores them.
 */
class KerasLayersTest {
    @TempDir
    Path dir;

    /** x[r][c] = 1..9 row-major, as one NCHW channel. */
    private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void conv2dTurnsHwioIntoOihw() throws Exception {
        // two input channels: x0 = 1..9, x1 = 10·x0. Kernel 2×2, one filter: x0 taps (0,0)=1 and (1,1)=-1,
        // x1 tap (0,1)=0.1, bias 0.5, so y[r][c] = x0[r][c] - x0[r+1][c+1] + x0[r][c+1] + 0.5 = x0[r][c+1] - 3.5
        float[] k = new float[2 * 2 * 2]; // [h][w][i][o=0]
        k[(0 * 2 + 0) * 2 + 0] = 1;
        k[(1 * 2 + 1) * 2 + 0] = -1;
        k[(0 * 2 + 1) * 2 + 1] = 0.1f;
        TfjsModel m = new TinyModel(3, 3, 2)
                .add("conv", "Conv2D", "{filters: 1, kernel_size: [2, 2], strides: [1, 1], padding: 'valid',"
                        + " dilation_rate: [1, 1], use_bias: true, activation: 'linear'}")
                .weight("conv/kernel", new int[] {2, 2, 2, 1}, k).weight("conv/bias", new int[] {1}, 0.5f)
                .write(dir);
        float[] x = new float[18];
        for (int i = 0; i < 9; i++) {
            x[i] = ONE_TO_NINE[i];
            x[9 + i] = 10 * ONE_TO_NINE[i];
        }
        // x0[r][c+1]: (2, 3, 5, 6)
        assertArrayEquals(new float[] {-1.5f, -0.5f, 1.5f, 2.5f}, TinyModel.run(m, new Shape(1, 2, 3, 3), x), 1e-5f);
    }

    @Test
    void conv2dSameWithStride2PadsTheOddPixelAtTheBottomRight() throws Exception {
        // TensorFlow 'same', 4×4 input, 3×3 kernel, stride 2: out 2×2, total padding (2-1)·2+3-4 = 1, all of it
        // after (bottom/right). Ones kernel: each output sums its window of x = 1..16.
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1);
        TfjsModel m = new TinyModel(4, 4, 1)
                .add("conv", "Conv2D", "{filters: 1, kernel_size: 3, strides: 2, padding: 'same', dilation_rate: 1,"
                        + " use_bias: false, activation: 'linear'}")
                .weight("conv/kernel", new int[] {3, 3, 1, 1}, ones).write(dir);
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        // rows 0-2 × cols 0-2: 1+2+3+5+6+7+9+10+11 = 54; rows 0-2 × cols 2-3: 3+4+7+8+11+12 = 45;
        // rows 2-3 × cols 0-2: 9+10+11+13+14+15 = 72; rows 2-3 × cols 2-3: 11+12+15+16 = 54.
        // (A symmetric pad of 1 would give 1+2+5+6 = 14 first.)
        assertArrayEquals(new float[] {54, 45, 72, 54}, TinyModel.run(m, new Shape(1, 1, 4, 4), x), 1e-4f);
    }

    @Test
    void zeroPadding2dPadsAsConfigured() throws Exception {
        TfjsModel m = new TinyModel(2, 2, 1).add("pad", "ZeroPadding2D", "{padding: [[0, 1], [0, 1]]}").write(dir);
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0, 0, 0, 0},
                TinyModel.run(m, new Shape(1, 1, 2, 2), 1, 2, 3, 4), 0f);
        TfjsModel sym = new TinyModel(1, 1, 1).add("pad", "ZeroPadding2D", "{padding: 1}").write(dir.resolve("s"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 7, 0, 0, 0, 0}, TinyModel.run(sym, new Shape(1, 1, 1, 1), 7), 0f);
        TfjsModel top = new TinyModel(1, 1, 1).add("pad", "ZeroPadding2D", "{padding: [[2, 0], [0, 1]]}")
                .write(dir.resolve("t"));
        assertEquals(new Shape(1, 1, 3, 2), TinyModel.outputShape(top, new Shape(1, 1, 1, 1)));
        assertArrayEquals(new float[] {0, 0, 0, 0, 7, 0}, TinyModel.run(top, new Shape(1, 1, 1, 1), 7), 0f);
    }

    @Test
    void depthwiseConv2dOrdersOutputChannelsAsTensorFlow() throws Exception {
        // C = 2, depth multiplier 2, 1×1 kernel K[0][0][c][m] = (1, 2 | 3, 4); inputs x0 = 1, x1 = 10.
        // TensorFlow's output channel c·M + m: (1·1, 1·2, 10·3, 10·4). (m·C + c would be 1, 30, 2, 40.)
        TfjsModel m = new TinyModel(1, 1, 2)
                .add("dw", "DepthwiseConv2D", "{kernel_size: [1, 1], strides: [1, 1], padding: 'valid',"
                        + " depth_multiplier: 2, dilation_rate: [1, 1], use_bias: false, activation: 'linear'}")
                .weight("dw/depthwise_kernel", new int[] {1, 1, 2, 2}, 1, 2, 3, 4).write(dir);
        assertArrayEquals(new float[] {1, 2, 30, 40}, TinyModel.run(m, new Shape(1, 2, 1, 1), 1, 10), 1e-6f);
    }

    @Test
    void depthwiseConv2dSameKeepsTheKernelsOrientation() throws Exception {
        // one channel, 3×3 kernel with a single 1 at row 0, column 2, 'same' stride 1 (a symmetric pad of 1):
        // y[r][c] = x[r-1][c+1] (cross-correlation), 0 outside
        float[] k = new float[9];
        k[2] = 1;
        TfjsModel m = new TinyModel(3, 3, 1)
                .add("dw", "DepthwiseConv2D", "{kernel_size: [3, 3], strides: [1, 1], padding: 'same',"
                        + " depth_multiplier: 1, dilation_rate: [1, 1], use_bias: true, activation: 'relu'}")
                .weight("dw/depthwise_kernel", new int[] {3, 3, 1, 1}, k).weight("dw/bias", new int[] {1}, 0f)
                .write(dir);
        assertArrayEquals(new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, TinyModel.run(m, new Shape(1, 1, 3, 3), ONE_TO_NINE), 0f);
    }

    @Test
    void batchNormalizationUsesKerasEpsilon() throws Exception {
        // gamma 2, beta 1, moving mean 3, moving variance 4, Keras epsilon 1e-3:
        // x = 5 -> 2·(5-3)/sqrt(4.001) + 1 = 2.9997500; x = 3 -> 1 (DJL's default epsilon 1e-5 would give 2.999995)
        TfjsModel m = new TinyModel(1, 2, 1)
                .add("bn", "BatchNormalization", "{axis: -1, momentum: 0.999, epsilon: 0.001, center: true, scale: true}")
                .weight("bn/gamma", new int[] {1}, 2).weight("bn/beta", new int[] {1}, 1)
                .weight("bn/moving_mean", new int[] {1}, 3).weight("bn/moving_variance", new int[] {1}, 4).write(dir);
        float[] y = TinyModel.run(m, new Shape(1, 1, 1, 2), 5, 3);
        assertEquals(2.99975006, y[0], 2e-6);
        assertEquals(1, y[1], 1e-6);
    }

    @Test
    void reluCapsAndLeaks() throws Exception {
        TfjsModel relu6 = new TinyModel(1, 3, 1)
                .add("r", "ReLU", "{max_value: 6, negative_slope: 0, threshold: 0}").write(dir);
        assertArrayEquals(new float[] {0, 3, 6}, TinyModel.run(relu6, new Shape(1, 1, 1, 3), -2, 3, 8), 0f);
        TfjsModel leaky = new TinyModel(1, 3, 1)
                .add("r", "ReLU", "{max_value: null, negative_slope: 0.1, threshold: 0}").write(dir.resolve("l"));
        assertArrayEquals(new float[] {-0.2f, 3, 8}, TinyModel.run(leaky, new Shape(1, 1, 1, 3), -2, 3, 8), 1e-6f);
    }

    @Test
    void activationSoftmaxRunsOverChannels() throws Exception {
        // channels (0, ln 2, ln 3) at each pixel -> (1/6, 2/6, 3/6)
        TfjsModel m = new TinyModel(1, 1, 3).add("a", "Activation", "{activation: 'softmax'}").write(dir);
        float[] p = TinyModel.run(m, new Shape(1, 3, 1, 1), 0, (float) Math.log(2), (float) Math.log(3));
        assertArrayEquals(new float[] {1 / 6f, 2 / 6f, 3 / 6f}, p, 1e-6f);
        TfjsModel r6 = new TinyModel(1, 3, 1).add("a", "Activation", "{activation: 'relu6'}").write(dir.resolve("r"));
        assertArrayEquals(new float[] {0, 3, 6}, TinyModel.run(r6, new Shape(1, 1, 1, 3), -2, 3, 8), 0f);
    }

    @Test
    void addSumsTwoBranches() throws Exception {
        // a residual connection: x + relu(x) for x = (-1, 2) is (-1, 4)
        TfjsModel m = new TinyModel(1, 2, 1)
                .add("r", "ReLU", "{max_value: null, negative_slope: 0, threshold: 0}")
                .add("sum", "Add", "{}", "input", "r").write(dir);
        assertArrayEquals(new float[] {-1, 4}, TinyModel.run(m, new Shape(1, 1, 1, 2), -1, 2), 0f);
    }

    @Test
    void poolingAverages() throws Exception {
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        // 2×2 blocks of 1..16: (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, 11.5, 13.5
        TfjsModel avg = new TinyModel(4, 4, 1)
                .add("p", "AveragePooling2D", "{pool_size: [2, 2], strides: [2, 2], padding: 'valid'}").write(dir);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, TinyModel.run(avg, new Shape(1, 1, 4, 4), x), 1e-6f);
        // global: channel 0 = 1..4 -> 2.5, channel 1 = 10..40 -> 25
        TfjsModel gap = new TinyModel(2, 2, 2).add("g", "GlobalAveragePooling2D", "{}").write(dir.resolve("g"));
        assertEquals(new Shape(1, 2), TinyModel.outputShape(gap, new Shape(1, 2, 2, 2)));
        assertArrayEquals(new float[] {2.5f, 25}, TinyModel.run(gap, new Shape(1, 2, 2, 2), 1, 2, 3, 4, 10, 20, 30, 40),
                1e-5f);
    }

    @Test
    void flattenKeepsKerasOrderForTheDenseAfterIt() throws Exception {
        // NHWC (1, 1, 2, 2): channel 0 = (1, 2) along W, channel 1 = (3, 4). Keras flattens h, w, c: (1, 3, 2, 4).
        // Dense kernel (in 4, out 2): column 0 = (1, 10, 100, 1000), column 1 = (-1, 0, 0, 0); bias (0.5, 0); relu.
        // unit 0: 1 + 30 + 200 + 4000 + 0.5 = 4231.5 (NCHW order would give 4321.5); unit 1: relu(-1) = 0
        TfjsModel m = new TinyModel(1, 2, 2)
                .add("flat", "Flatten", "{}")
                .add("d", "Dense", "{units: 2, use_bias: true, activation: 'relu'}")
                .weight("d/kernel", new int[] {4, 2}, 1, -1, 10, 0, 100, 0, 1000, 0).weight("d/bias", new int[] {2}, 0.5f, 0)
                .write(dir);
        assertArrayEquals(new float[] {4231.5f, 0}, TinyModel.run(m, new Shape(1, 2, 1, 2), 1, 2, 3, 4), 1e-3f);
    }

    @Test
    void dropoutIsTheIdentityAtInference() throws Exception {
        TfjsModel m = new TinyModel(1, 3, 1).add("d", "Dropout", "{rate: 0.5}").write(dir);
        assertArrayEquals(new float[] {1, -2, 3}, TinyModel.run(m, new Shape(1, 1, 1, 3), 1, -2, 3), 0f);
    }

    @Test
    void anUnsupportedLayerIsNamedWithItsClass() throws Exception {
        TfjsModel m = new TinyModel(2, 2, 1)
                .add("r", "ReLU", "{max_value: null, negative_slope: 0, threshold: 0}")
                .add("pool1", "MaxPooling2D", "{pool_size: [2, 2], strides: [2, 2], padding: 'valid'}").write(dir);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, m::graph);
        assertTrue(e.getMessage().contains("'pool1'") && e.getMessage().contains("MaxPooling2D"), e.getMessage());
        // a cut before it imports: only the layers the outputs need are mapped
        assertEquals(java.util.List.of("r"), m.graph("r").layerNames());
    }

    @Test
    void untrainedKeepsTheArchitectureButNotTheWeights() throws Exception {
        TfjsModel m = new TinyModel(1, 1, 1)
                .add("d", "Flatten", "{}")
                .add("dense", "Dense", "{units: 3, use_bias: true, activation: 'linear'}")
                .weight("dense/kernel", new int[] {1, 3}, 7, 7, 7).weight("dense/bias", new int[] {3}, 0, 0, 0).write(dir);
        assertArrayEquals(new float[] {7, 7, 7}, TinyModel.run(m, new Shape(1, 1, 1, 1), 1), 0f);
        KerasGraph fresh = m.untrained();
        try (ai.djl.ndarray.NDManager nd = ai.djl.ndarray.NDManager.newBaseManager()) {
            fresh.initialize(nd, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 1, 1));
            float[] w = fresh.getParameters().get(0).getValue().getArray().toFloatArray();
            assertEquals(3, w.length);
            assertTrue(w[0] != 7f || w[1] != 7f || w[2] != 7f);
        }
    }
}
