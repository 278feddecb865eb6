package ai.fastdjl.imports;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fastdjl.imports.TfjsWeights.Weight;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TensorFlow.js layers model ({@code model.json}: the Keras topology and the weights manifest, plus binary weight
 * shards) imported into DJL blocks.
 *
 * <pre>{@code
 * TfjsModel m = TfjsModel.read(dir.resolve("model.json"));
 * KerasGraph body = m.graph("out_relu");           // MobileNetV2 up to its last feature map, ImageNet-derived weights
 * KerasGraph fresh = m.untrained("out_relu");      // the same architecture, DJL's random initialisation
 * }</pre>
 *
 * <p>Reads Keras functional models ({@code Model}/{@code Functional}) and {@code Sequential} ones; the layers are
 * those of {@link KerasLayers#SUPPORTED}, and only the layers the requested outputs depend on are mapped, so a body
 * imports even when the head has layers the importer does not know. Blocks are returned uninitialised: the weights
 * load when DJL initialises them (a {@code Learner}, or {@code block.initialize(manager, FLOAT32, inputShape())}).
 */
public final class TfjsModel {
    private final Path file;
    private final Map<String, Layer> layers; // in the topology's order
    private final List<String> inputLayers;
    private final List<String> outputLayers;
    private final Map<String, Weight> weights;
    private Float bnMomentum;

    /** One layer: its topology entry and the layers feeding it. */
    private record Layer(String name, String cls, JsonObject json, List<String> inbound) {}

    private TfjsModel(Path file, Map<String, Layer> layers, List<String> inputs, List<String> outputs,
            Map<String, Weight> weights) {
        this.file = file;
        this.layers = layers;
        this.inputLayers = inputs;
        this.outputLayers = outputs;
        this.weights = weights;
    }

    /** Reads {@code model.json} and the weight shards it names (relative to its folder). */
    public static TfjsModel read(Path modelJson) {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(modelJson, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelJson, e);
        }
        if (!root.has("modelTopology") || !root.has("weightsManifest")) {
            throw new IllegalArgumentException(modelJson + " is not a TensorFlow.js layers model (it needs"
                    + " modelTopology and weightsManifest)");
        }
        JsonObject topo = root.getAsJsonObject("modelTopology");
        if (topo.has("model_config")) {
            topo = topo.getAsJsonObject("model_config");
        }
        String cls = topo.get("class_name").getAsString();
        Map<String, Layer> layers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        JsonElement config = topo.get("config");
        switch (cls) {
            case "Model", "Functional" -> {
                JsonObject c = config.getAsJsonObject();
                for (JsonElement e : c.getAsJsonArray("layers")) {
                    JsonObject l = e.getAsJsonObject();
                    String name = l.get("name").getAsString();
                    layers.put(name, new Layer(name, l.get("class_name").getAsString(), l, inbound(name, l)));
                }
                c.getAsJsonArray("input_layers").forEach(i -> inputs.add(i.getAsJsonArray().get(0).getAsString()));
                c.getAsJsonArray("output_layers").forEach(o -> outputs.add(o.getAsJsonArray().get(0).getAsString()));
            }
            case "Sequential" -> {
                JsonArray list = config.isJsonArray() ? config.getAsJsonArray()
                        : config.getAsJsonObject().getAsJsonArray("layers");
                String previous = null;
                for (JsonElement e : list) {
                    JsonObject l = e.getAsJsonObject();
                    String name = l.getAsJsonObject("config").get("name").getAsString();
                    l.addProperty("name", name);
                    if (previous == null && !l.get("class_name").getAsString().equals("InputLayer")) {
                        // a Sequential model's first layer carries the input shape
                        JsonObject in = new JsonObject();
                        in.addProperty("name", "input");
                        in.addProperty("class_name", "InputLayer");
                        in.add("config", l.getAsJsonObject("config"));
                        layers.put("input", new Layer("input", "InputLayer", in, List.of()));
                        previous = "input";
                    }
                    String cn = l.get("class_name").getAsString();
                    layers.put(name, new Layer(name, cn, l, previous == null ? List.of() : List.of(previous)));
                    previous = name;
                }
                inputs.add(layers.keySet().iterator().next());
                outputs.add(previous);
            }
            default -> throw new UnsupportedLayerException(modelJson + ": a model of class " + cls + "; the importer"
                    + " reads Keras Model/Functional and Sequential topologies");
        }
        Map<String, Weight> weights = TfjsWeights.read(root.getAsJsonArray("weightsManifest"), modelJson.getParent());
        return new TfjsModel(modelJson, layers, inputs, outputs, weights);
    }

    /** The layers feeding {@code l} (Keras 2 {@code inbound_nodes}: {@code [[[name, node, tensor, kwargs], ...]]}). */
    private static List<String> inbound(String name, JsonObject l) {
        JsonArray nodes = l.getAsJsonArray("inbound_nodes");
        if (nodes == null || nodes.isEmpty()) {
            return List.of();
        }
        if (nodes.size() > 1) {
            throw new UnsupportedLayerException("layer '" + name + "' is called " + nodes.size() + " times (a shared"
                    + " layer); the importer maps each layer once");
        }
        if (!nodes.get(0).isJsonArray()) {
            throw new UnsupportedLayerException("layer '" + name + "': inbound_nodes in a format other than Keras 2's");
        }
        List<String> in = new ArrayList<>();
        for (JsonElement t : nodes.get(0).getAsJsonArray()) {
            JsonArray a = t.getAsJsonArray();
            if (a.get(2).getAsInt() != 0) {
                throw new UnsupportedLayerException("layer '" + name + "' reads output " + a.get(2) + " of '"
                        + a.get(0).getAsString() + "'; the importer maps single-output layers");
            }
            in.add(a.get(0).getAsString());
        }
        return in;
    }

    /**
     * Overrides the momentum of every BatchNormalization layer in graphs built after this call (DJL's and Keras's
     * sense: the share of the running statistic kept per step); null keeps each layer's own.
     */
    public TfjsModel batchNormMomentum(Float momentum) {
        this.bnMomentum = momentum;
        return this;
    }

    /** The graph up to the given layers (default: the model's outputs), with the model's weights. */
    public KerasGraph graph(String... outputs) {
        return build(true, outputs);
    }

    /** The same graph with DJL's initialisation instead of the weights: the architecture trained from scratch. */
    public KerasGraph untrained(String... outputs) {
        return build(false, outputs);
    }

    private KerasGraph build(boolean load, String... requested) {
        List<String> outs = requested.length > 0 ? List.of(requested) : outputLayers;
        for (String o : outs) {
            if (!layers.containsKey(o)) {
                throw new IllegalArgumentException(file + " has no layer '" + o + "'");
            }
        }
        List<Layer> order = new ArrayList<>(); // the layers the outputs depend on, each after its inputs
        Set<String> done = new HashSet<>();
        for (String o : outs) {
            visit(o, order, done, new HashSet<>());
        }
        Map<String, Integer> index = new HashMap<>();
        int nInputs = 0;
        for (String in : inputLayers) {
            index.put(in, nInputs++);
        }
        List<String> names = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        List<int[]> reads = new ArrayList<>();
        for (Layer l : order) {
            if (l.cls().equals("InputLayer")) {
                if (!index.containsKey(l.name())) {
                    throw new IllegalArgumentException(file + ": input layer '" + l.name() + "' is not in input_layers");
                }
                continue;
            }
            names.add(l.name());
            classes.add(l.cls());
            JsonObject json = l.json();
            if (bnMomentum != null && l.cls().equals("BatchNormalization")) {
                json = json.deepCopy();
                json.getAsJsonObject("config").addProperty("momentum", bnMomentum);
            }
            blocks.add(KerasLayers.build(json, weights, load));
            reads.add(l.inbound().stream().mapToInt(index::get).toArray());
            index.put(l.name(), nInputs + names.size() - 1);
        }
        int[] outputs = outs.stream().mapToInt(index::get).toArray();
        return new KerasGraph(names, classes, blocks, reads.toArray(int[][]::new), nInputs, outputs);
    }

    /** Depth-first: {@code name}'s inputs, then {@code name}, into {@code order} (a topological order). */
    private void visit(String name, List<Layer> order, Set<String> done, Set<String> path) {
        if (done.contains(name)) {
            return;
        }
        Layer l = layers.get(name);
        if (l == null) {
            throw new IllegalArgumentException(file + ": a layer reads '" + name + "', which is not in the model");
        }
        if (!path.add(name)) {
            throw new IllegalArgumentException(file + ": layer '" + name + "' depends on itself (a cycle)");
        }
        for (String in : l.inbound()) {
            visit(in, order, done, path);
        }
        path.remove(name);
        done.add(name);
        order.add(l);
    }

    /** The input's shape in DJL's layout, batch 1: {@code (1, C, H, W)} from Keras's {@code (None, H, W, C)}. */
    public Shape inputShape() {
        JsonObject c = layers.get(inputLayers.get(0)).json().getAsJsonObject("config");
        JsonArray s = c.has("batch_input_shape") ? c.getAsJsonArray("batch_input_shape")
                : c.getAsJsonArray("batch_shape");
        if (s == null || s.size() != 4) {
            throw new IllegalArgumentException(file + ": the input is not an image batch (batch_input_shape " + s + ")");
        }
        return new Shape(1, s.get(3).getAsLong(), s.get(1).getAsLong(), s.get(2).getAsLong());
    }

    /** The layers' names in the topology's order. */
    public List<String> layerNames() {
        return List.copyOf(layers.keySet());
    }

    /** A layer's Keras class name. */
    public String layerClass(String layer) {
        Layer l = layers.get(layer);
        if (l == null) {
            throw new IllegalArgumentException(file + " has no layer '" + layer + "'");
        }
        return l.cls();
    }

    /** The model's output layers. */
    public List<String> outputLayers() {
        return outputLayers;
    }

    /** The weights by name, dequantized, in TensorFlow's layout. */
    public Map<String, Weight> weights() {
        return weights;
    }
}
