package ai.fastdjl.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads LeCun's IDX files (MNIST, Fashion-MNIST), gzipped or not: a big-endian header of magic
 * {@code 0x0000 08 ND} (unsigned bytes, ND dimensions), ND sizes, then the bytes. Any mismatch — wrong magic,
 * truncated data, trailing bytes, a broken gzip stream — is an error naming the file, never a silently wrong shape.
 */
public final class IdxReader {
    /** Type code 0x08: unsigned byte, the only type MNIST-style files use. */
    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** An IDX array: its dimensions and its bytes in row-major order. */
    public record Idx(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads {@code file}; {@code expectedDims} is 1 for labels, 3 for images. */
    public static Idx read(Path file, int expectedDims, String fetchHint) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                DataInputStream in = new DataInputStream(open(raw, file))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UBYTE || (magic & 0xff) != expectedDims) {
                throw bad(file, String.format("magic number 0x%08x is not an IDX file of unsigned bytes with %d"
                        + " dimensions (expected 0x%08x)", magic, expectedDims, (UBYTE << 8) | expectedDims), fetchHint);
            }
            int[] dims = new int[expectedDims];
            long size = 1;
            for (int i = 0; i < expectedDims; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw bad(file, "negative dimension " + dims[i], fetchHint);
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw bad(file, "header claims " + size + " bytes, more than one array can hold", fetchHint);
            }
            byte[] data = new byte[(int) size];
            int got = in.readNBytes(data, 0, data.length);
            if (got < data.length) {
                throw bad(file, String.format("truncated: the header promises %d data bytes, the file has %d",
                        size, got), fetchHint);
            }
            if (in.read() != -1) {
                throw bad(file, "longer than its header says (trailing bytes)", fetchHint);
            }
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw bad(file, "truncated inside its header", fetchHint);
        } catch (ZipException e) {
            throw bad(file, "corrupt gzip data (" + e.getMessage() + ")", fetchHint);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unexpected end of ZLIB input stream")) {
                throw bad(file, "truncated gzip stream", fetchHint);
            }
            throw new DataNotFoundException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(InputStream raw, Path file) throws IOException {
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static DataNotFoundException bad(Path file, String problem, String fetchHint) {
        return new DataNotFoundException(file + ": " + problem + "; delete it and run " + fetchHint);
    }
}
