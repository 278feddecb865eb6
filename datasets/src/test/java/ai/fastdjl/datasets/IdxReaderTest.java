package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, int magic, int[] dims, byte[] data, boolean gzip) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        Path p = tmp.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(b.array());
        }
        return p;
    }

    @Test
    void readsAGzippedImageFile() throws Exception {
        byte[] px = {0, 1, 2, 3, 4, 5, 6, 7};
        IdxReader.Idx idx = IdxReader.read(write("x-idx3-ubyte.gz", 0x803, new int[] {2, 2, 2}, px, true), 3, "fix");
        assertArrayEquals(new int[] {2, 2, 2}, idx.dims());
        assertArrayEquals(px, idx.data());
    }

    @Test
    void truncatedWrongMagicTrailingAndBrokenGzipAreNamedErrors() throws Exception {
        Path truncated = write("t.gz", 0x803, new int[] {2, 2, 2}, new byte[5], true);
        assertMessage(truncated, 3, "truncated: the header promises 8 data bytes, the file has 5");
        Path labelsAsImages = write("l.gz", 0x801, new int[] {8}, new byte[8], true);
        assertMessage(labelsAsImages, 3, "magic number 0x00000801");
        Path trailing = write("r", 0x801, new int[] {2}, new byte[3], false);
        assertMessage(trailing, 1, "trailing bytes");
        Path broken = tmp.resolve("b.gz");
        byte[] good = Files.readAllBytes(write("g.gz", 0x801, new int[] {1000}, new byte[1000], true));
        Files.write(broken, java.util.Arrays.copyOf(good, good.length / 2));
        assertMessage(broken, 1, "truncated");
    }

    private static void assertMessage(Path file, int dims, String expected) {
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> IdxReader.read(file, dims, "./fetch.sh x"));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected)
                && e.getMessage().endsWith("delete it and run ./fetch.sh x"), e.getMessage());
    }
}
