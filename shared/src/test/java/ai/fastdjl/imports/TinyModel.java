package ai.fastdjl.imports;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small TensorFlow.js layers models (model.json + one float32 shard) for the importer's tests. */
final class TinyModel {
    private final JsonArray layers = new JsonArray();
    private final JsonArray weights = new JsonArray();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private String last;

    /** A functional model whose input {@code input} has the NHWC shape {@code (null, h, w, c)}. */
    TinyModel(int h, int w, int c) {
        JsonObject in = layer("input", "InputLayer", "{\"batch_input_shape\": [null, " + h + ", " + w + ", " + c + "]}");
        in.add("inbound_nodes", new JsonArray());
        last = "input";
    }

    /** Adds a layer reading the previous one's output. */
    TinyModel add(String name, String cls, String config) {
        return add(name, cls, config, last);
    }

    /** Adds a layer reading the given layers' outputs. */
    TinyModel add(String name, String cls, String config, String... inbound) {
        JsonObject l = layer(name, cls, config);
        StringBuilder in = new StringBuilder("[[");
        for (int i = 0; i < inbound.length; i++) {
            in.append(i > 0 ? "," : "").append("[\"").append(inbound[i]).append("\", 0, 0, {}]");
        }
        l.add("inbound_nodes", JsonParser.parseString(in.append("]]").toString()));
        last = name;
        return this;
    }

    /** Adds a float32 weight (TensorFlow's layout) to the shard. */
    TinyModel weight(String name, int[] shape, float... values) {
        JsonObject w = new JsonObject();
        w.addProperty("name", name);
        JsonArray s = new JsonArray();
        for (int d : shape) {
            s.add(d);
        }
        w.add("shape", s);
        w.addProperty("dtype", "float32");
        weights.add(w);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        data.writeBytes(b.array());
        return this;
    }

    private JsonObject layer(String name, String cls, String config) {
        JsonObject l = new JsonObject();
        l.addProperty("name", name);
        l.addProperty("class_name", cls);
        JsonObject cfg = JsonParser.parseString(config).getAsJsonObject();
        cfg.addProperty("name", name);
        l.add("config", cfg);
        layers.add(l);
        return l;
    }

    /** Writes {@code model.json} and {@code weights.bin} into {@code dir}; the model's output is the last layer. */
    TfjsModel write(Path dir) throws Exception {
        JsonObject config = new JsonObject();
        config.add("layers", layers);
        config.add("input_layers", JsonParser.parseString("[[\"input\", 0, 0]]"));
        config.add("output_layers", JsonParser.parseString("[[\"" + last + "\", 0, 0]]"));
        JsonObject topo = new JsonObject();
        topo.addProperty("class_name", "Model");
        topo.add("config", config);
        JsonObject group = new JsonObject();
        group.add("paths", JsonParser.parseString("[\"weights.bin\"]"));
        group.add("weights", weights);
        JsonArray manifest = new JsonArray();
        manifest.add(group);
        JsonObject root = new JsonObject();
        root.add("modelTopology", topo);
        root.add("weightsManifest", manifest);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.json"), root.toString());
        Files.write(dir.resolve("weights.bin"), data.toByteArray());
        return TfjsModel.read(dir.resolve("model.json"));
    }

    /** Runs {@code model}'s graph (inference mode) on one NCHW input and returns its output's values. */
    static float[] run(TfjsModel model, Shape inputShape, float... input) {
        KerasGraph g = model.graph();
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, DataType.FLOAT32, inputShape);
            NDList out = g.forward(new ParameterStore(m, false), new NDList(m.create(input, inputShape)), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    /** The shape of {@code model}'s output for an NCHW input. */
    static Shape outputShape(TfjsModel model, Shape inputShape) {
        return model.graph().getOutputShapes(new Shape[] {inputShape})[0];
    }
}
