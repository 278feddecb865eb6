package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.datasets.SkimageData;
import ai.fastdjl.imports.KerasGraph;
import ai.fastdjl.imports.TfjsModel;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The imported MobileNetV2 computes what TensorFlow.js computes from the same weights: on three scikit-image photos,
 * its feature maps and class probabilities match those recorded by {@code tfjs-reference/make_reference.js}
 * (TensorFlow.js 4.22 on its pure-JS CPU backend; how to regenerate: {@code tfjs-reference/README.md}).
 *
 * <p>Tolerance: both sides dequantize the same uint8 codes to the same float32 weights, so only float32
 * accumulation order differs (about 1e-7 relative per operation, over ~50 layers): feature maps within
 * {@value #MAP_TOL} of the layer's largest value, probabilities within {@value #PROB_TOL} absolute. A layout or
 * padding mistake (HWIO order, the depthwise channel order, a symmetric instead of asymmetric pad, BatchNorm's
 * epsilon) moves them by 1e-2 to 1.
 */
class MobileNetV2ImportTest {
    static final double MAP_TOL = 1e-4;
    static final double PROB_TOL = 1e-5;
    static final int SIZE = 224;
    static final List<String> MAPS = List.of("Conv1_relu", "block_10_project_BN", "out_relu");

    static TfjsModel model;
    static JsonObject reference;
    static Path images;

    @BeforeAll
    static void load() throws Exception {
        model = TfjsModel.read(NsfwjsModels.mobileNetV2(true));
        images = SkimageData.dir(DataLocation.cache());
        try (Reader r = new InputStreamReader(MobileNetV2ImportTest.class.getResourceAsStream(
                "/tfjs-reference/mobilenetv2.json"), StandardCharsets.UTF_8)) {
            reference = JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    /** The reference's input: centre square, nearest pixel at (2i+1)·side/(2·224), RGB/255, as NCHW. */
    static float[] input(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        int side = Math.min(img.getWidth(), img.getHeight());
        int x0 = (img.getWidth() - side) / 2;
        int y0 = (img.getHeight() - side) / 2;
        float[] v = new float[3 * SIZE * SIZE];
        for (int i = 0; i < SIZE; i++) {
            int y = y0 + (int) ((2L * i + 1) * side / (2L * SIZE));
            for (int j = 0; j < SIZE; j++) {
                int x = x0 + (int) ((2L * j + 1) * side / (2L * SIZE));
                int rgb = img.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    v[c * SIZE * SIZE + i * SIZE + j] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                }
            }
        }
        return v;
    }

    @Test
    void featureMapsAndProbabilitiesMatchTensorFlowJs() throws Exception {
        assertEquals(new Shape(1, 3, SIZE, SIZE), model.inputShape());
        String[] outputs = {"Conv1_relu", "block_10_project_BN", "out_relu", "dense_3"};
        KerasGraph graph = model.graph(outputs);
        double worstMap = 0;
        double worstProb = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            graph.initialize(m, DataType.FLOAT32, model.inputShape());
            ParameterStore ps = new ParameterStore(m, false);
            JsonObject refImages = reference.getAsJsonObject("images");
            assertEquals(3, refImages.size());
            for (Map.Entry<String, com.google.gson.JsonElement> e : refImages.entrySet()) {
                JsonObject ref = e.getValue().getAsJsonObject();
                float[] x = input(images.resolve(e.getKey()));
                double sum = 0;
                for (float f : x) {
                    sum += f;
                }
                // the same input on both sides, or nothing below means anything
                assertEquals(ref.get("inputSum").getAsDouble(), sum, 1e-2, e.getKey() + " input");
                NDList out = graph.forward(ps, new NDList(m.create(x, model.inputShape())), false);
                for (int k = 0; k < MAPS.size(); k++) {
                    JsonObject r = ref.getAsJsonObject("maps").getAsJsonObject(MAPS.get(k));
                    NDArray y = out.get(k); // NCHW
                    JsonArray shape = r.getAsJsonArray("shape"); // NHWC
                    assertEquals(new Shape(1, shape.get(3).getAsLong(), shape.get(1).getAsLong(),
                            shape.get(2).getAsLong()), y.getShape(), MAPS.get(k));
                    float[] mean = y.reshape(y.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
                    long h = y.getShape().get(2);
                    long w = y.getShape().get(3);
                    float[] corner = y.get("0, :, " + (h - 1) + ", " + (w - 1)).toFloatArray();
                    float scale = y.abs().max().getFloat();
                    double err = Math.max(maxAbs(mean, r.getAsJsonArray("channelMean")),
                            maxAbs(corner, r.getAsJsonArray("bottomRight"))) / scale;
                    System.out.printf("%-14s %-20s max |error| / max |value| = %.2e (max |value| %.3f)%n",
                            e.getKey(), MAPS.get(k), err, scale);
                    worstMap = Math.max(worstMap, err);
                }
                float[] p = out.get(MAPS.size()).toFloatArray();
                double err = maxAbs(p, ref.getAsJsonArray("probabilities"));
                System.out.printf("%-14s %-20s max |error| = %.2e, p = %s%n", e.getKey(), "probabilities", err,
                        java.util.Arrays.toString(p));
                worstProb = Math.max(worstProb, err);
                assertEquals(2, argmax(p), e.getKey() + ": " + reference.getAsJsonArray("classes") + " " + p[2]);
            }
        }
        assertTrue(worstMap < MAP_TOL, "feature maps differ from TensorFlow.js's by " + worstMap + " (relative)");
        assertTrue(worstProb < PROB_TOL, "probabilities differ from TensorFlow.js's by " + worstProb);
    }

    static double maxAbs(float[] got, JsonArray want) {
        assertEquals(want.size(), got.length);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want.get(i).getAsDouble()));
        }
        return worst;
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
