package ai.fastdjl.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file formats around the layers: quantized weights, minified JavaScript literals, bundled models. */
class TfjsFormatTest {
    @TempDir
    Path dir;

    @Test
    void uint8WeightsDequantizeAsMinPlusScaleTimesCode() {
        // min -1, scale 2/255: codes 0, 255, 128 -> -1, 1, -1 + 256/255 = 0.0039216
        JsonObject spec = JsonParser.parseString("{name: 'w', shape: [3], dtype: 'float32',"
                + " quantization: {min: -1, scale: 0.00784313725490196, dtype: 'uint8'}}").getAsJsonObject();
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0, (byte) 255, (byte) 128});
        assertArrayEquals(new float[] {-1, 1, 0.0039216f}, TfjsWeights.decode(spec, b).values(), 1e-6f);
        assertEquals(0, b.remaining());
    }

    @Test
    void uint16AndFloat16WeightsDecode() {
        JsonObject u16 = JsonParser.parseString("{name: 'w', shape: [2], dtype: 'float32',"
                + " quantization: {min: 10, scale: 0.5, dtype: 'uint16'}}").getAsJsonObject();
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0).putShort((short) 60000);
        assertArrayEquals(new float[] {10, 30010}, TfjsWeights.decode(u16, b.flip()).values(), 0f);
        // binary16: 0x3c00 = 1, 0xc000 = -2, 0x3555 = 0.333251953125, 0x0001 = 2^-24 (subnormal)
        assertEquals(1f, TfjsWeights.halfToFloat((short) 0x3c00));
        assertEquals(-2f, TfjsWeights.halfToFloat((short) 0xc000));
        assertEquals(0.333251953125f, TfjsWeights.halfToFloat((short) 0x3555));
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat((short) 0x0001));
    }

    @Test
    void truncatedShardsAreAnError() {
        JsonObject spec = JsonParser.parseString("{name: 'conv/kernel', shape: [2, 2], dtype: 'float32'}")
                .getAsJsonObject();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfjsWeights.decode(spec, ByteBuffer.allocate(12)));
        assertTrue(e.getMessage().contains("conv/kernel") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void permuteMovesAxes() {
        // shape (2, 3) -> (3, 2): a transpose
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6},
                TfjsWeights.permute(new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, new int[] {1, 0}), 0f);
        // HWIO (1, 2, 1, 2) -> OIHW (2, 1, 1, 2): element [h][w][i][o] = 10·w + o goes to [o][i][h][w]
        assertArrayEquals(new float[] {0, 10, 1, 11},
                TfjsWeights.permute(new float[] {0, 1, 10, 11}, new int[] {1, 2, 1, 2}, new int[] {3, 2, 0, 1}), 0f);
    }

    @Test
    void minifiedLiteralsParse() {
        String js = "x={a:!0,b:!1,c:-.5,\"d\":[1,.25e1,],e:null,f:\"x\\\"y\",g:{}};";
        JsonObject o = JsLiteral.parse(js, 2).getAsJsonObject();
        assertTrue(o.get("a").getAsBoolean());
        assertTrue(!o.get("b").getAsBoolean());
        assertEquals(-0.5, o.get("c").getAsDouble());
        assertEquals(2.5, o.getAsJsonArray("d").get(1).getAsDouble());
        assertTrue(o.get("e").isJsonNull());
        assertEquals("x\"y", o.get("f").getAsString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsLiteral.parse("{a:foo}", 0));
        assertTrue(e.getMessage().contains("'foo'"), e.getMessage());
    }

    @Test
    void aBundledModelExtractsAndImports() throws Exception {
        // the shape of nsfwjs's files: browserify modules exporting the model object and the base64 shard
        String prelude = "!function(e){module.exports=e()}(function(){return function e(a,n,i){return a}({1:";
        String model = prelude + "[function(e,a,n){a.exports={modelTopology:{keras_version:\"2.2.4\",model_config:"
                + "{class_name:\"Model\",config:{name:\"m\",layers:[{name:\"in\",class_name:\"InputLayer\",config:"
                + "{batch_input_shape:[null,1,1,1],name:\"in\"},inbound_nodes:[]},{name:\"s\",class_name:\"Dense\","
                + "config:{name:\"s\",units:1,activation:\"linear\",use_bias:!1},inbound_nodes:[[[\"f\",0,0,{}]]]},"
                + "{name:\"f\",class_name:\"Flatten\",config:{name:\"f\"},inbound_nodes:[[[\"in\",0,0,{}]]]}],"
                + "input_layers:[[\"in\",0,0]],output_layers:[[\"s\",0,0]]}}},weightsManifest:[{paths:"
                + "[\"group1-shard1of1\"],weights:[{name:\"s/kernel\",shape:[1,1],dtype:\"float32\",quantization:"
                + "{min:-.5,scale:.25,dtype:\"uint8\"}}]}]}},{}]},{},[1])(1)});";
        String shard = prelude + "[function(e,h,n){h.exports=\"" + Base64.getEncoder().encodeToString(new byte[] {10})
                + "\"},{}]},{},[1])(1)});";
        Files.writeString(dir.resolve("model.min.js"), model);
        Files.writeString(dir.resolve("group1-shard1of1.min.js"), shard);
        Path json = TfjsBundle.extract(dir, "model.min.js", dir.resolve("out"));
        assertTrue(Files.isRegularFile(dir.resolve("out/group1-shard1of1.bin")));
        TfjsModel m = TfjsModel.read(json);
        assertEquals(new Shape(1, 1, 1, 1), m.inputShape());
        // 'f' is listed after 's' but feeds it: the graph still runs f first. Kernel -0.5 + 0.25·10 = 2.
        assertArrayEquals(new float[] {6}, TinyModel.run(m, new Shape(1, 1, 1, 1), 3), 1e-6f);
    }
}
