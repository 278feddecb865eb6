package ai.fastdjl.imports;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a TensorFlow.js model shipped as JavaScript modules (as npm packages such as {@code nsfwjs} ship theirs:
 * {@code model.min.js} exports the {@code model.json} object, each {@code groupN-shardKofM.min.js} exports its
 * weights as one base64 string) into the standard files {@link TfjsModel} reads: {@code model.json} and binary
 * shards. Reads the literals with {@link JsLiteral}; no JavaScript runtime runs.
 */
public final class TfjsBundle {
    /** The body of a browserify module: {@code [function(e,a,n){a.exports=VALUE}}. */
    private static final Pattern EXPORTS = Pattern.compile("\\[function\\([^)]*\\)\\{\\s*\\w+\\.exports\\s*=\\s*");

    private TfjsBundle() {}

    /** The value a bundled module exports (the first module of a browserify bundle, or a CommonJS file). */
    public static JsonElement exported(Path js) {
        String src = read(js);
        Matcher m = EXPORTS.matcher(src);
        int at;
        if (m.find()) {
            at = m.end();
        } else {
            int i = src.indexOf("module.exports=");
            if (i < 0) {
                throw new IllegalArgumentException(js + ": no exported value found (expected a browserify bundle or"
                        + " module.exports=...)");
            }
            at = i + "module.exports=".length();
        }
        try {
            return JsLiteral.parse(src, at);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(js + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code model.json} and one {@code .bin} per weight shard into {@code outDir}.
     *
     * @param bundleDir the folder with the {@code .js} files
     * @param modelJs the file exporting the model object, e.g. {@code model.min.js}
     * @return the written {@code model.json}
     */
    public static Path extract(Path bundleDir, String modelJs, Path outDir) {
        JsonObject model = exported(bundleDir.resolve(modelJs)).getAsJsonObject();
        if (!model.has("modelTopology") || !model.has("weightsManifest")) {
            throw new IllegalArgumentException(bundleDir.resolve(modelJs) + " exports no TensorFlow.js model"
                    + " (modelTopology and weightsManifest missing)");
        }
        try {
            Files.createDirectories(outDir);
            for (JsonElement group : model.getAsJsonArray("weightsManifest")) {
                JsonArray paths = group.getAsJsonObject().getAsJsonArray("paths");
                JsonArray renamed = new JsonArray();
                for (JsonElement p : paths) {
                    String name = p.getAsString();
                    Path js = shardFile(bundleDir, name);
                    byte[] data = Base64.getMimeDecoder().decode(exported(js).getAsString());
                    write(outDir.resolve(name + ".bin"), data);
                    renamed.add(new JsonPrimitive(name + ".bin"));
                }
                group.getAsJsonObject().add("paths", renamed);
            }
            model.addProperty("format", "layers-model");
            model.addProperty("convertedBy", "fastdjl TfjsBundle from " + modelJs);
            Path json = outDir.resolve("model.json");
            // written last: its presence means every shard is in place
            write(json, new GsonBuilder().create().toJson(model).getBytes(StandardCharsets.UTF_8));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the extracted model to " + outDir, e);
        }
    }

    private static Path shardFile(Path dir, String name) {
        for (String suffix : new String[] {".min.js", ".js"}) {
            Path p = dir.resolve(name + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(dir + " has no " + name + ".min.js or " + name + ".js (a weight shard"
                + " the model names)");
    }

    private static void write(Path file, byte[] data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, data);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read(Path js) {
        try {
            return Files.readString(js, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + js, e);
        }
    }
}
