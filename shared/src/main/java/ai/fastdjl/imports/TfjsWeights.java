package ai.fastdjl.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a TensorFlow.js model: its {@code weightsManifest} read against the shard files, as float32.
 *
 * <p>Format (TensorFlow.js {@code io/types.ts}, {@code weights_loader.ts}): the manifest is a list of groups; a
 * group's shard files, concatenated, hold its weights back to back in manifest order, little-endian. A weight
 * takes {@code product(shape)} elements of its stored type: {@code float32} as is, or, when it has a
 * {@code quantization} entry, {@code uint8}/{@code uint16} codes {@code q} meaning {@code min + scale·q}, or
 * {@code float16} halves.
 */
public final class TfjsWeights {
    /** One weight: its shape as stored (TensorFlow's layout, e.g. HWIO for a conv kernel) and its values. */
    public record Weight(String name, int[] shape, float[] values) {}

    private TfjsWeights() {}

    /** Every weight of the manifest by name; the shard paths are relative to {@code dir}. */
    public static Map<String, Weight> read(JsonArray manifest, Path dir) {
        Map<String, Weight> out = new LinkedHashMap<>();
        for (JsonElement g : manifest) {
            JsonObject group = g.getAsJsonObject();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (JsonElement p : group.getAsJsonArray("paths")) {
                Path shard = dir.resolve(p.getAsString());
                try {
                    all.write(Files.readAllBytes(shard));
                } catch (IOException e) {
                    throw new UncheckedIOException(new IOException("cannot read the weight shard " + shard
                            + " named in the model's weightsManifest", e));
                }
            }
            ByteBuffer buf = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonElement w : group.getAsJsonArray("weights")) {
                Weight weight = decode(w.getAsJsonObject(), buf);
                out.put(weight.name(), weight);
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException("the shards of " + group.getAsJsonArray("paths") + " hold "
                        + buf.remaining() + " bytes more than the manifest's weights: manifest and shards disagree");
            }
        }
        return out;
    }

    /** Reads one weight at the buffer's position and advances it. */
    static Weight decode(JsonObject spec, ByteBuffer buf) {
        String name = spec.get("name").getAsString();
        JsonArray s = spec.getAsJsonArray("shape");
        int[] shape = new int[s.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsInt();
            n *= shape[i];
        }
        String dtype = spec.has("dtype") ? spec.get("dtype").getAsString() : "float32";
        JsonObject q = spec.has("quantization") ? spec.getAsJsonObject("quantization") : null;
        String stored = q != null ? q.get("dtype").getAsString() : dtype;
        if (!dtype.equals("float32")) {
            throw new IllegalArgumentException("weight " + name + " has dtype " + dtype + "; only float32 weights"
                    + " (possibly quantized) are supported");
        }
        int bytes = switch (stored) {
            case "float32" -> 4;
            case "uint8" -> 1;
            case "uint16", "float16" -> 2;
            default -> throw new IllegalArgumentException("weight " + name + " is stored as " + stored
                    + "; supported: float32, uint8, uint16, float16");
        };
        if (buf.remaining() < (long) n * bytes) {
            throw new IllegalArgumentException("the shards end inside weight " + name + " (needs " + n * bytes
                    + " bytes, " + buf.remaining() + " left): the shard files are truncated");
        }
        float[] v = new float[n];
        double min = q != null && q.has("min") ? q.get("min").getAsDouble() : 0;
        double scale = q != null && q.has("scale") ? q.get("scale").getAsDouble() : 1;
        for (int i = 0; i < n; i++) {
            v[i] = switch (stored) {
                case "float32" -> buf.getFloat();
                // TensorFlow.js weights_loader: dequantized = code * scale + min, computed in float32
                case "uint8" -> (float) (min + scale * (buf.get() & 0xff));
                case "uint16" -> (float) (min + scale * (buf.getShort() & 0xffff));
                default -> halfToFloat(buf.getShort());
            };
        }
        return new Weight(name, shape, v);
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits >>> 15) << 31;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) { // zero or subnormal: mant · 2^-24
            float f = mant * 0x1p-24f;
            return sign == 0 ? f : -f;
        }
        if (exp == 31) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** {@code values} of {@code shape} with its axes permuted: the result's axis {@code i} is the input's {@code perm[i]}. */
    public static float[] permute(float[] values, int[] shape, int[] perm) {
        int rank = shape.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        int[] outShape = new int[rank];
        int[] srcStride = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
            srcStride[i] = strides[perm[i]];
        }
        float[] out = new float[values.length];
        int[] idx = new int[rank];
        int src = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = values[src];
            for (int d = rank - 1; d >= 0; d--) { // odometer over the output's index
                idx[d]++;
                src += srcStride[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                src -= srcStride[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    static int[] permutedShape(int[] shape, int[] perm) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }

    static String describe(int[] shape) {
        return Arrays.toString(shape);
    }
}
