package ai.fastdjl.datasets.rdata;

import static ai.fastdjl.datasets.rdata.RTestFrames.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** .rda workspaces and .rds files written by RTestWriter in every compression R uses. */
class RFilesTest {

    @TempDir
    Path dir;

    private static Map<String, RObject> workspace() {
        Map<String, RObject> vars = new LinkedHashMap<>();
        vars.put("frame", RTestFrames.frame());
        vars.put("words", strings("alpha", "beta"));
        return vars;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RTestWriter.Compression.class)
    void rdaRoundTripsInEveryCompressionAndVersion(RTestWriter.Compression compression) throws IOException {
        for (int version : new int[] {2, 3}) {
            Path file = dir.resolve("w" + version + ".rda");
            RTestWriter.writeRda(file, workspace(), version, compression);
            Map<String, RObject> read = RFiles.readRda(file);
            assertEquals(List.of("frame", "words"), List.copyOf(read.keySet()));
            RTestFrames.assertFrameValues(read.get("frame"));
            RTestFrames.assertFrameTable(RFrames.toTable("frame", read.get("frame")));
            assertArrayEquals(new String[] {"alpha", "beta"}, ((RObject.Strings) read.get("words")).values());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RTestWriter.Compression.class)
    void rdsRoundTripsInEveryCompression(RTestWriter.Compression compression) throws IOException {
        Path file = dir.resolve("frame.rds");
        Files.write(file, RTestWriter.compress(RTestWriter.serialize(RTestFrames.frame(), 3), compression));
        RTestFrames.assertFrameValues(RFiles.readRds(file));
    }

    @Test
    void wrongKindOfFileIsNamedWithTheFix() throws IOException {
        Path rds = dir.resolve("x.rds");
        Files.write(rds, RTestWriter.compress(RTestWriter.serialize(strings("a"), 3), RTestWriter.Compression.GZIP));
        RDataException asRda = assertThrows(RDataException.class, () -> RFiles.readRda(rds));
        assertTrue(asRda.getMessage().contains(rds.toString()) && asRda.getMessage().contains("readRds"),
                asRda.getMessage());

        Path text = dir.resolve("notes.rda");
        Files.writeString(text, "hello, world");
        RDataException notR = assertThrows(RDataException.class, () -> RFiles.readRda(text));
        assertTrue(notR.getMessage().contains("RDX2"), notR.getMessage());

        Path zstd = dir.resolve("z.rds");
        Files.write(zstd, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});
        RDataException z = assertThrows(RDataException.class, () -> RFiles.readRds(zstd));
        assertTrue(z.getMessage().contains("zstd"), z.getMessage());
    }
}
