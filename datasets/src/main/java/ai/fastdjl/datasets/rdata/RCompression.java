package ai.fastdjl.datasets.rdata;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions R wraps around serialized objects: whole files (gzip, bzip2, xz, detected by their magic bytes
 * as R's {@code gzfile()} connection does) and the records of lazy-load databases (R's src/main/connections.c,
 * {@code R_decompress1/2/3}).
 */
final class RCompression {

    // File signatures: gzip RFC 1952, bzip2 "BZh" + block size digit, xz file format 1.0.4 section 2.1.1.1,
    // zstd RFC 8878 section 3.1.1.
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final int MAGIC_MAX = 6;
    /** 64 KiB reads: big enough that a 100k-row column costs a handful of system calls. */
    private static final int BUFFER = 1 << 16;

    /** A lazy-load record starts with its uncompressed length as a big-endian 32-bit integer (uiSwap in R). */
    private static final int LENGTH_BYTES = 4;
    /** Methods 2 and 3 add one byte naming what follows: '2' bzip2, 'Z' LZMA2, '1' zlib, '0' stored. */
    private static final int TYPE_BYTES = 1;

    /**
     * R_compress3's raw LZMA2 uses xz preset 6 (connections.c init_filters), whose dictionary is 8 MiB (xz(1));
     * a decoder needs no more than that, nor more than the output length.
     */
    private static final int LZMA_PRESET6_DICT = 8 << 20;

    private RCompression() {
    }

    /** Opens a file that R may have compressed with gzip, bzip2 or xz, or left plain, as R's gzfile() does. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            return decompress(raw, file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static InputStream decompress(InputStream in, String source) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, BUFFER);
        buffered.mark(MAGIC_MAX);
        byte[] head = buffered.readNBytes(MAGIC_MAX);
        buffered.reset();
        // Decompressors hand out small reads; the buffer above them keeps the reader's 4-byte reads cheap.
        if (startsWith(head, GZIP_MAGIC)) return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        if (startsWith(head, BZIP2_MAGIC)) {
            // true: like R's connection, read on through concatenated bzip2 streams
            return new BufferedInputStream(new BZip2CompressorInputStream(buffered, true), BUFFER);
        }
        if (startsWith(head, XZ_MAGIC)) return new BufferedInputStream(new XZInputStream(buffered), BUFFER);
        if (startsWith(head, ZSTD_MAGIC)) {
            throw new RDataException(source + ": it is compressed with zstd, which this reader does not handle; "
                    + "re-save it in R with compress = \"xz\" (or \"gzip\")");
        }
        return buffered;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) return false;
        }
        return true;
    }

    /**
     * Decodes one lazy-load record as R's lazyLoadDBfetch does.
     *
     * @param record the bytes at the record's offset
     * @param method the database's "compressed" value: 0 none, 1 zlib, 2 bzip2, 3 xz
     */
    static byte[] decodeRecord(byte[] record, int method, String source, String name) throws RDataException {
        if (method == 0) return record;
        String where = source + ": record of R object '" + name + "'";
        if (record.length < LENGTH_BYTES + (method == 1 ? 0 : TYPE_BYTES)) {
            throw new RDataException(where + " is only " + record.length + " bytes long; fetch the package again");
        }
        long length = ((record[0] & 0xFFL) << 24) | ((record[1] & 0xFFL) << 16) | ((record[2] & 0xFFL) << 8)
                | (record[3] & 0xFFL);
        if (length > Integer.MAX_VALUE - 8) {
            throw new RDataException(where + " is " + length + " bytes uncompressed, more than a Java array can "
                    + "hold; split the object in R");
        }
        int outLength = (int) length;
        char type;
        int start;
        if (method == 1) {
            type = '1';
            start = LENGTH_BYTES;
        } else if (method == 2 || method == 3) {
            type = (char) record[LENGTH_BYTES];
            start = LENGTH_BYTES + TYPE_BYTES;
        } else {
            throw new RDataException(where + ": unknown compression method " + method + " in the index (R writes "
                    + "0 to 3); fetch the package again");
        }
        try {
            byte[] out;
            switch (type) {
                case '0':
                    out = Arrays.copyOfRange(record, start, record.length);
                    break;
                case '1':
                    out = inflate(record, start, outLength);
                    break;
                case '2':
                    try (InputStream bz = new BZip2CompressorInputStream(
                            new ByteArrayInputStream(record, start, record.length - start))) {
                        out = bz.readNBytes(outLength);
                    }
                    break;
                case 'Z':
                    int dict = Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(outLength, LZMA_PRESET6_DICT));
                    try (InputStream lz = new LZMA2InputStream(
                            new ByteArrayInputStream(record, start, record.length - start), dict)) {
                        out = lz.readNBytes(outLength);
                    }
                    break;
                default:
                    throw new RDataException(where + " has unknown compression type byte " + (int) type
                            + " (R writes '0', '1', '2' or 'Z'); fetch the package again");
            }
            if (out.length != outLength) {
                throw new RDataException(where + " decompressed to " + out.length + " bytes instead of the "
                        + outLength + " its header announces; fetch the package again");
            }
            return out;
        } catch (RDataException e) {
            throw e;
        } catch (IOException | DataFormatException e) {
            throw new RDataException(where + " cannot be decompressed (" + e.getMessage()
                    + "); fetch the package again", e);
        }
    }

    private static byte[] inflate(byte[] record, int start, int outLength) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(record, start, record.length - start);
            byte[] out = new byte[outLength];
            int done = 0;
            while (done < outLength && !inflater.finished()) {
                int n = inflater.inflate(out, done, outLength - done);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                done += n;
            }
            return done == outLength ? out : Arrays.copyOf(out, done);
        } finally {
            inflater.end();
        }
    }
}
