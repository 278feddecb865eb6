package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import ai.fastdjl.imports.TfjsBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pretrained CNNs from the npm package {@code nsfwjs} (MIT, Infinite Red): the one ImageNet-derived CNN this project
 * can reach offline. Its {@code dist/models/mobilenet_v2} is a Keras MobileNetV2 (width 1.0, 224×224) in TensorFlow.js
 * layers format, uint8-quantized, wrapped as JavaScript modules. nsfwjs trained it from Keras's ImageNet weights with
 * everything up to {@code block_10_project_BN} frozen ({@code trainable: false} in its topology), so those layers
 * keep ImageNet's weights to 8-bit precision; blocks 11–16, {@code Conv_1} and the classifier were retrained for
 * nsfwjs's five classes.
 *
 * <p>{@code ./datasets/fetch.sh mobilenetv2} fetches the package ({@code npm pack}) and keeps the two {@code .js}
 * files; the first {@link #mobileNetV2} extracts {@code model.json} and the binary weights next to them (in Java:
 * nothing runs JavaScript).
 */
public final class NsfwjsModels {
    private static final String DIR = "package/dist/models/mobilenet_v2/";
    /** nsfwjs 4.3.0 and 4.4.0 ship the same files; 4.0.0 and older ship no models. */
    public static final DataSource MOBILENET_V2 = new DataSource(
            "mobilenetv2",
            "MobileNetV2 weights (nsfwjs)",
            List.of(
                    new DataSource.DataFile("model.min.js", DIR + "model.min.js",
                            "c32f104fd562b08cdff5ed69dfe1209643afa47e792fb12751d2949aa61a397a"),
                    new DataSource.DataFile("group1-shard1of1.min.js", DIR + "group1-shard1of1.min.js",
                            "ef2e0a63f7d2c4960b37b024b669313f65d3c45cd59e9042636c55b39de53517")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.NPM, "nsfwjs", "4.4.0"),
            null,
            null,
            "MIT (Infinite Red, Inc.); lower layers: Keras MobileNetV2 ImageNet weights (Apache-2.0)");

    /** SHA-256 of the weights decoded from {@code group1-shard1of1.min.js}: the extraction is deterministic. */
    static final String MOBILENET_V2_BIN_SHA256 =
            "8e7dddbb16acacc1bf1601b1b8a761e730ff934b7f2d7771312b2f000e5f5f13";

    private NsfwjsModels() {}

    /**
     * nsfwjs's MobileNetV2 as {@code model.json} + binary shard, fetched and extracted on first use.
     *
     * @param fetch whether a missing model may be fetched from the npm registry
     * @return the {@code model.json} to pass to {@code TfjsModel.read}
     */
    public static Path mobileNetV2(boolean fetch) {
        Path dir = DataResolver.resolve(MOBILENET_V2, new DataLocation(null, fetch));
        Path out = dir.resolve("tfjs");
        Path json = out.resolve("model.json");
        Path bin = out.resolve("group1-shard1of1.bin");
        if (Files.isRegularFile(json) && Files.isRegularFile(bin) && Fetcher.sha256(bin).equals(MOBILENET_V2_BIN_SHA256)) {
            return json;
        }
        try {
            TfjsBundle.extract(dir, "model.min.js", out);
        } catch (RuntimeException e) {
            throw new DataNotFoundException("cannot extract the MobileNetV2 weights from " + dir + " into " + out
                    + " (" + e.getMessage() + "); delete " + dir + " and run " + DataResolver.fetchCommand(MOBILENET_V2), e);
        }
        String got = Fetcher.sha256(bin);
        if (!got.equals(MOBILENET_V2_BIN_SHA256)) {
            throw new DataNotFoundException("the weights extracted into " + bin + " have SHA-256 " + got + ", not "
                    + MOBILENET_V2_BIN_SHA256 + "; delete " + dir + " and run " + DataResolver.fetchCommand(MOBILENET_V2));
        }
        return json;
    }
}
