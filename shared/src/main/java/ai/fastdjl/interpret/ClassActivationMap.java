package ai.fastdjl.interpret;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.fastdjl.detect.Box;
import java.util.List;

/**
 * Class activation maps (Zhou et al. 2016; fast.ai 2018 lesson 7, "adaptive average pooling → heatmaps"): for a
 * classifier whose head is global average pooling followed by a linear layer, the logit of class c is the average
 * over positions of {@code Σ_k w[c,k]·A_k(x, y)}, A the body's last feature maps; that sum before averaging is a map
 * of where the evidence for c is. A BatchNorm between the pooling and the linear layer (fastai's transfer head) is
 * per-channel affine in inference, so it folds into the weights: {@code w'[c,k] = w[c,k]·γ_k / √(var_k + ε)} (its
 * shift only adds a constant to every position). Dropout is the identity in inference.
 */
public final class ClassActivationMap {
    private ClassActivationMap() {}

    /** {@code features [N, K, h, w]} and {@code weights [C, K]}: every class's map, {@code [N, C, h, w]}. */
    public static NDArray maps(NDArray features, NDArray weights) {
        // [N, h, w, K] · [K, C] → [N, h, w, C] → [N, C, h, w]
        return features.transpose(0, 2, 3, 1).matMul(weights.transpose()).transpose(0, 3, 1, 2);
    }

    /**
     * The head's weights on the pooled features, {@code [C, K]}, for a head of global pooling, flattening, then any
     * of BatchNorm and Dropout, then one Linear layer ({@code ResNet.head}, {@code ResNet.transferHead}).
     */
    public static NDArray headWeights(SequentialBlock head) {
        List<Block> layers = head.getChildren().values();
        Block last = layers.get(layers.size() - 1);
        if (!(last instanceof Linear)) {
            throw new IllegalArgumentException("a CAM needs a head that ends in a Linear layer, not "
                    + last.getClass().getSimpleName());
        }
        NDArray w = last.getParameters().get("weight").getArray(); // [C, K]
        for (Block b : layers.subList(0, layers.size() - 1)) {
            if (b instanceof BatchNorm bn) {
                NDArray gamma = bn.getParameters().get("gamma").getArray();
                NDArray var = bn.getParameters().get("runningVar").getArray();
                w = w.mul(gamma.div(var.add(BATCH_NORM_EPSILON).sqrt()).expandDims(0));
            } else if (!(b instanceof Dropout) && !b.getParameters().isEmpty()) {
                throw new IllegalArgumentException("a CAM cannot see through a head layer with weights of its own ("
                        + b.getClass().getSimpleName() + ")");
            }
        }
        return w;
    }

    /** DJL's BatchNorm default epsilon (as PyTorch's), which the lesson's heads keep. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    /**
     * For a {@code [body, head]} model: the map of class {@code classes[i]} for each image, upsampled (bilinear) to
     * {@code size × size}, row-major, one array an image. The images go through the body {@link #CHUNK} at a time, so
     * large inputs (a MobileNetV2 at 288 px) keep the activations of a few images in memory, not of all.
     */
    public static float[][] of(SequentialBlock model, NDArray images, int[] classes, int size) {
        return upsampled(model, images, headWeights(head(model)), classes, size);
    }

    /**
     * The map of the logit of {@code cls} minus that of {@code other}, for each image: with two classes, softmax sees
     * only that difference, so it is where the evidence for {@code cls} over {@code other} lies. The map of one class
     * alone also holds what raises both logits alike (an imported body's strong response to any sharp edge, say).
     */
    public static float[][] versus(SequentialBlock model, NDArray images, int cls, int other, int size) {
        NDArray w = headWeights(head(model));
        return upsampled(model, images, w.get(cls).sub(w.get(other)).expandDims(0), new int[(int) images.size(0)],
                size);
    }

    private static SequentialBlock head(SequentialBlock model) {
        return (SequentialBlock) model.getChildren().values().get(1);
    }

    /** Row {@code rows[i]} of {@code weights [C, K]} applied to image i's features, upsampled. */
    private static float[][] upsampled(SequentialBlock model, NDArray images, NDArray weights, int[] rows, int size) {
        Block body = model.getChildren().values().get(0);
        float[][] out = new float[rows.length][];
        for (int start = 0; start < rows.length; start += CHUNK) {
            int end = Math.min(rows.length, start + CHUNK);
            try (NDManager sub = images.getManager().newSubManager()) {
                // the chunk and every array the forward pass makes live in sub, and are freed with it
                NDArray chunk = images.get(start + ":" + end);
                chunk.attach(sub);
                NDArray features = body.forward(new ParameterStore(sub, false), new NDList(chunk), false).head();
                NDArray all = maps(features, weights);
                long h = all.getShape().get(2);
                long w = all.getShape().get(3);
                for (int i = start; i < end; i++) {
                    out[i] = upsample(all.get(i - start).get(rows[i]).toFloatArray(), (int) h, (int) w, size);
                }
            }
        }
        return out;
    }

    /** Images a forward pass of {@link #of} holds at once. */
    static final int CHUNK = 16;

    /**
     * Bilinear upsampling of an {@code h × w} map to {@code size × size}, the cells' centres aligned with the
     * image's (PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}).
     */
    public static float[] upsample(float[] map, int h, int w, int size) {
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / size - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / size - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * size + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /**
     * The pointing game (Zhang et al. 2016, "Top-down neural attention by excitation backprop"): whether the map's
     * peak falls inside {@code box} (in [0, 1] of the side).
     */
    public static boolean pointsInside(float[] map, int size, Box box) {
        int best = 0;
        for (int p = 1; p < map.length; p++) {
            best = map[p] > map[best] ? p : best;
        }
        double x = (best % size + 0.5) / size;
        double y = (best / size + 0.5) / size;
        return x >= box.x0() && x <= box.x1() && y >= box.y0() && y <= box.y1();
    }
}
