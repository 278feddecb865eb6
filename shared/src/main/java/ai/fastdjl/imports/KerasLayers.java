package ai.fastdjl.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.fastdjl.imports.TfjsWeights.Weight;
import ai.fastdjl.nd.Scalars;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras layers (as a TensorFlow.js layers model describes them) mapped to DJL blocks, with their weights.
 *
 * <p>Layout: Keras models here are {@code channels_last} (NHWC); the DJL blocks work on NCHW, DJL's and PyTorch's
 * layout, so every channel axis ({@code axis=-1}) becomes axis 1, conv kernels go from TensorFlow's HWIO to
 * PyTorch's OIHW, depthwise kernels from HWCM to {@code (C·M, 1, H, W)} (a grouped conv with {@code groups = C}),
 * Dense kernels from {@code (in, out)} to {@code (out, in)}, and {@code Flatten} flattens in NHWC order so a Dense
 * after it sees the features in Keras's order.
 *
 * <p>Padding: Keras's {@code 'same'} is TensorFlow's: output {@code ceil(in/stride)}, total padding
 * {@code max((out-1)·stride + k_eff - in, 0)} split with the odd pixel at the bottom/right; stride 1 with an odd
 * kernel is symmetric and stays inside the conv. {@code ZeroPadding2D} pads exactly as configured
 * ({@code [[top, bottom], [left, right]]}; MobileNetV2 uses {@code [[0, 1], [0, 1]]} before its stride-2 'valid'
 * convs, so a symmetric pad of 1 would shift every later feature map by one pixel).
 */
public final class KerasLayers {
    /** The layer classes {@link #build} maps. */
    public static final List<String> SUPPORTED = List.of("InputLayer", "Conv2D", "DepthwiseConv2D",
            "BatchNormalization", "ReLU", "Activation", "ZeroPadding2D", "Add", "GlobalAveragePooling2D",
            "AveragePooling2D", "Flatten", "Dense", "Dropout");

    private KerasLayers() {}

    /**
     * The DJL block for one Keras layer.
     *
     * @param layer the layer's entry in the topology ({@code name}, {@code class_name}, {@code config})
     * @param weights the model's weights by name (their shapes size the blocks)
     * @param load whether to load the weights' values into the block (else it keeps DJL's initialisers: the same
     *     architecture, untrained)
     */
    public static Block build(JsonObject layer, Map<String, Weight> weights, boolean load) {
        String name = layer.get("name").getAsString();
        String cls = layer.get("class_name").getAsString();
        JsonObject cfg = layer.getAsJsonObject("config");
        Ctx x = new Ctx(name, cls, cfg, weights, load);
        String format = str(cfg, "data_format", "channels_last");
        if (!format.equals("channels_last")) {
            throw x.unsupported("data_format " + format);
        }
        return switch (cls) {
            case "Conv2D" -> conv(x, false);
            case "DepthwiseConv2D" -> conv(x, true);
            case "BatchNormalization" -> batchNorm(x);
            case "ReLU" -> relu(x);
            case "Activation" -> activation(x, str(cfg, "activation", "linear"));
            case "ZeroPadding2D" -> zeroPadding(x);
            case "Add" -> new LambdaBlock(KerasLayers::add, name);
            case "GlobalAveragePooling2D" -> {
                boolean keep = cfg.has("keepdims") && cfg.get("keepdims").getAsBoolean();
                yield LambdaBlock.singleton(a -> globalAveragePool(a, keep), name);
            }
            case "AveragePooling2D" -> avgPool(x);
            case "Flatten" -> LambdaBlock.singleton(KerasLayers::flattenChannelsLast, name);
            case "Dense" -> dense(x);
            case "Dropout" -> Dropout.builder().optRate(cfg.get("rate").getAsFloat()).build(); // no-op at inference
            default -> throw new UnsupportedLayerException("layer '" + name + "' is a " + cls + ", which the"
                    + " TensorFlow.js importer does not map to DJL (it maps " + String.join(", ", SUPPORTED) + ")");
        };
    }

    /** What one layer's mapping needs, and its error messages. */
    private record Ctx(String name, String cls, JsonObject cfg, Map<String, Weight> weights, boolean load) {
        UnsupportedLayerException unsupported(String what) {
            return new UnsupportedLayerException("layer '" + name + "' (" + cls + ") uses " + what
                    + ", which the TensorFlow.js importer does not support");
        }

        /** The weight {@code layer/w} (TensorFlow.js names weights {@code <layer>/<weight>}, maybe under a prefix). */
        Weight weight(String w) {
            String key = name + "/" + w;
            Weight found = weights.get(key);
            if (found == null) {
                for (Map.Entry<String, Weight> e : weights.entrySet()) {
                    String k = e.getKey().endsWith(":0") ? e.getKey().substring(0, e.getKey().length() - 2) : e.getKey();
                    if (k.equals(key) || k.endsWith("/" + key)) {
                        return e.getValue();
                    }
                }
                throw new IllegalArgumentException("layer '" + name + "' (" + cls + ") needs the weight " + key
                        + ", which the weightsManifest does not list");
            }
            return found;
        }
    }

    // ------------------------------------------------------------------ layers with weights

    private static Block conv(Ctx x, boolean depthwise) {
        JsonObject c = x.cfg();
        int[] k = ints(c.get("kernel_size"), 2);
        int[] s = ints(c.get("strides"), 2);
        int[] d = ints(c.get("dilation_rate"), 2);
        boolean bias = c.get("use_bias").getAsBoolean();
        Weight kernel = x.weight(depthwise ? "depthwise_kernel" : "kernel");
        int[] ks = kernel.shape(); // HWIO, or HWCM for depthwise
        int groups = depthwise ? ks[2] : c.has("groups") ? c.get("groups").getAsInt() : 1;
        int filters = depthwise ? ks[2] * ks[3] : c.get("filters").getAsInt();
        if (depthwise && c.has("depth_multiplier") && c.get("depth_multiplier").getAsInt() != ks[3]) {
            throw new IllegalArgumentException("layer '" + x.name() + "': depth_multiplier "
                    + c.get("depth_multiplier") + " disagrees with its kernel shape " + Arrays.toString(ks));
        }
        String padding = c.get("padding").getAsString();
        int[] keff = {(k[0] - 1) * d[0] + 1, (k[1] - 1) * d[1] + 1};
        boolean inConv = padding.equals("valid")
                || (s[0] == 1 && s[1] == 1 && keff[0] % 2 == 1 && keff[1] % 2 == 1); // symmetric 'same'
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw x.unsupported("padding '" + padding + "'");
        }
        int[] pad = padding.equals("same") && inConv ? new int[] {keff[0] / 2, keff[1] / 2} : new int[] {0, 0};
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(k[0], k[1])).optStride(new Shape(s[0], s[1]))
                .optDilation(new Shape(d[0], d[1])).optPadding(new Shape(pad[0], pad[1])).setFilters(filters)
                .optGroups(groups).optBias(bias).build();
        if (x.load()) {
            // HWIO -> OIHW; HWCM seen as HW1(C·M) -> (C·M)1HW, whose output index c·M+m is TensorFlow's
            int[] shape = depthwise ? new int[] {ks[0], ks[1], 1, ks[2] * ks[3]} : ks;
            int[] perm = {3, 2, 0, 1};
            load(x, conv.getParameters().get("weight"), TfjsWeights.permute(kernel.values(), shape, perm),
                    TfjsWeights.permutedShape(shape, perm));
            if (bias) {
                Weight b = x.weight("bias");
                load(x, conv.getParameters().get("bias"), b.values(), b.shape());
            }
        }
        Block out = conv;
        if (!inConv) {
            out = new SequentialBlock().add(LambdaBlock.singleton(a -> padSame(a, keff, s), x.name() + "_same"))
                    .add(conv);
        }
        return withActivation(x, out);
    }

    private static Block batchNorm(Ctx x) {
        JsonObject c = x.cfg();
        JsonElement axis = c.get("axis");
        int ax = axis.isJsonArray() ? axis.getAsJsonArray().get(0).getAsInt() : axis.getAsInt();
        if (ax != -1 && ax != 3) {
            throw x.unsupported("axis " + axis + " (only the channel axis, -1 or 3, maps to NCHW)");
        }
        // Keras: epsilon 1e-3, momentum 0.99 are its defaults; the config holds the model's own values.
        // Keras's momentum is the share of the running statistic kept, as DJL's is.
        BatchNorm bn = BatchNorm.builder().optAxis(1).optEpsilon(c.get("epsilon").getAsFloat())
                .optMomentum(c.get("momentum").getAsFloat()).build();
        if (x.load()) {
            // without center or scale Keras stores no beta or gamma: DJL's initial 0 and 1 are the same
            if (bool(c, "scale", true)) {
                Weight g = x.weight("gamma");
                load(x, bn.getParameters().get("gamma"), g.values(), g.shape());
            }
            if (bool(c, "center", true)) {
                Weight b = x.weight("beta");
                load(x, bn.getParameters().get("beta"), b.values(), b.shape());
            }
            Weight mean = x.weight("moving_mean");
            Weight var = x.weight("moving_variance");
            load(x, bn.getParameters().get("runningMean"), mean.values(), mean.shape());
            load(x, bn.getParameters().get("runningVar"), var.values(), var.shape());
        }
        return bn;
    }

    private static Block dense(Ctx x) {
        JsonObject c = x.cfg();
        boolean bias = c.get("use_bias").getAsBoolean();
        Linear linear = Linear.builder().setUnits(c.get("units").getAsInt()).optBias(bias).build();
        if (x.load()) {
            Weight k = x.weight("kernel"); // (in, out) -> (out, in)
            load(x, linear.getParameters().get("weight"), TfjsWeights.permute(k.values(), k.shape(), new int[] {1, 0}),
                    new int[] {k.shape()[1], k.shape()[0]});
            if (bias) {
                Weight b = x.weight("bias");
                load(x, linear.getParameters().get("bias"), b.values(), b.shape());
            }
        }
        return withActivation(x, linear);
    }

    /** The parameter's values when DJL initialises it, after checking DJL sized it as the weight. */
    private static void load(Ctx x, Parameter p, float[] values, int[] shape) {
        Shape want = new Shape(Arrays.stream(shape).asLongStream().toArray());
        p.setInitializer((NDManager m, Shape got, ai.djl.ndarray.types.DataType type) -> {
            if (!got.equals(want)) {
                throw new IllegalStateException("layer '" + x.name() + "' (" + x.cls() + "): DJL sized " + p.getName()
                        + " " + got + " but the weight is " + want + " (input channels differ from the model's)");
            }
            return m.create(values, want).toType(type, false);
        });
    }

    // ------------------------------------------------------------------ layers without weights

    private static Block relu(Ctx x) {
        JsonObject c = x.cfg();
        Float max = c.has("max_value") && !c.get("max_value").isJsonNull() ? c.get("max_value").getAsFloat() : null;
        float slope = c.has("negative_slope") ? c.get("negative_slope").getAsFloat() : 0f;
        float threshold = c.has("threshold") ? c.get("threshold").getAsFloat() : 0f;
        if (threshold != 0f) {
            throw x.unsupported("threshold " + threshold);
        }
        return LambdaBlock.singleton(a -> {
            NDArray y = slope == 0f ? Activation.relu(a) : Activation.leakyRelu(a, slope);
            return max == null ? y : Scalars.minimum(y, max);
        }, x.name());
    }

    private static Block activation(Ctx x, String fn) {
        Function<NDArray, NDArray> f = switch (fn) {
            case "linear" -> a -> a;
            case "relu" -> Activation::relu;
            case "relu6" -> Activation::relu6;
            case "sigmoid" -> Activation::sigmoid;
            case "tanh" -> Activation::tanh;
            case "softmax" -> a -> a.softmax(1); // the channel axis, last in Keras
            default -> throw x.unsupported("activation '" + fn + "'");
        };
        return LambdaBlock.singleton(f, x.name() + "_" + fn);
    }

    private static Block withActivation(Ctx x, Block b) {
        String fn = str(x.cfg(), "activation", "linear");
        return fn.equals("linear") ? b : new SequentialBlock().add(b).add(activation(x, fn));
    }

    private static Block zeroPadding(Ctx x) {
        JsonElement p = x.cfg().get("padding");
        int[] tblr; // top, bottom, left, right
        if (p.isJsonPrimitive()) {
            int v = p.getAsInt();
            tblr = new int[] {v, v, v, v};
        } else {
            JsonArray a = p.getAsJsonArray();
            int[] h = ints(a.get(0), 2);
            int[] w = ints(a.get(1), 2);
            tblr = new int[] {h[0], h[1], w[0], w[1]};
        }
        return LambdaBlock.singleton(a -> pad(a, tblr[0], tblr[1], tblr[2], tblr[3]), x.name());
    }

    private static Block avgPool(Ctx x) {
        JsonObject c = x.cfg();
        if (!c.get("padding").getAsString().equals("valid")) {
            throw x.unsupported("padding '" + c.get("padding").getAsString() + "'");
        }
        int[] k = ints(c.get("pool_size"), 2);
        int[] s = c.has("strides") && !c.get("strides").isJsonNull() ? ints(c.get("strides"), 2) : k;
        return Pool.avgPool2dBlock(new Shape(k[0], k[1]), new Shape(s[0], s[1]), new Shape(0, 0));
    }

    private static NDList add(NDList in) {
        NDArray sum = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            sum = sum.add(in.get(i));
        }
        return new NDList(sum);
    }

    /** Mean over H and W of NCHW: {@code (N, C)}, or {@code (N, C, 1, 1)} with {@code keep}. */
    static NDArray globalAveragePool(NDArray a, boolean keep) {
        Shape s = a.getShape();
        NDArray m = a.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}); // DJL's PyTorch mean takes one axis
        return keep ? m.reshape(s.get(0), s.get(1), 1, 1) : m;
    }

    /** Keras's Flatten of NHWC: move channels last, then flatten, so the order matches the Dense after it. */
    static NDArray flattenChannelsLast(NDArray a) {
        int rank = a.getShape().dimension();
        if (rank <= 2) {
            return a;
        }
        int[] axes = new int[rank];
        axes[0] = 0;
        for (int i = 1; i < rank - 1; i++) {
            axes[i] = i + 1;
        }
        axes[rank - 1] = 1;
        return a.transpose(axes).reshape(a.getShape().get(0), -1);
    }

    /** Zero padding of an NCHW array: {@code top} rows above, {@code bottom} below, {@code left}/{@code right} columns. */
    static NDArray pad(NDArray a, int top, int bottom, int left, int right) {
        NDManager m = a.getManager();
        Shape s = a.getShape();
        long n = s.get(0);
        long c = s.get(1);
        NDList rows = new NDList();
        if (top > 0) {
            rows.add(m.zeros(new Shape(n, c, top, s.get(3)), a.getDataType(), a.getDevice()));
        }
        rows.add(a);
        if (bottom > 0) {
            rows.add(m.zeros(new Shape(n, c, bottom, s.get(3)), a.getDataType(), a.getDevice()));
        }
        NDArray h = rows.size() == 1 ? a : NDArrays.concat(rows, 2);
        long height = h.getShape().get(2);
        NDList cols = new NDList();
        if (left > 0) {
            cols.add(m.zeros(new Shape(n, c, height, left), a.getDataType(), a.getDevice()));
        }
        cols.add(h);
        if (right > 0) {
            cols.add(m.zeros(new Shape(n, c, height, right), a.getDataType(), a.getDevice()));
        }
        return cols.size() == 1 ? h : NDArrays.concat(cols, 3);
    }

    /** TensorFlow's 'same' padding for a kernel of effective size {@code keff} and {@code stride} (odd pixel last). */
    static NDArray padSame(NDArray a, int[] keff, int[] stride) {
        int[] before = new int[2];
        int[] after = new int[2];
        for (int i = 0; i < 2; i++) {
            long in = a.getShape().get(2 + i);
            long out = (in + stride[i] - 1) / stride[i];
            int total = (int) Math.max((out - 1) * stride[i] + keff[i] - in, 0);
            before[i] = total / 2;
            after[i] = total - before[i];
        }
        return pad(a, before[0], after[0], before[1], after[1]);
    }

    // ------------------------------------------------------------------ config helpers

    /** {@code [a, b]}, or one int for both. */
    static int[] ints(JsonElement e, int n) {
        int[] out = new int[n];
        if (e.isJsonPrimitive()) {
            Arrays.fill(out, e.getAsInt());
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < n; i++) {
            out[i] = a.get(a.size() == 1 ? 0 : i).getAsInt();
        }
        return out;
    }

    private static String str(JsonObject c, String key, String dflt) {
        return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsString() : dflt;
    }

    private static boolean bool(JsonObject c, String key, boolean dflt) {
        return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsBoolean() : dflt;
    }
}
