package ai.fastdjl.datasets.rdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A small writer of R's XDR serialization format (the mirror of R's serialize.c WriteItem) for test fixtures built
 * in Java: every byte the reader must understand is written here on purpose, so each test states what R would have
 * written.
 */
final class RTestWriter {

    /** R 4.2.2 packed as R does (major * 65536 + minor * 256 + patch), the writer version of R-made fixtures. */
    static final int R_4_2_2 = (4 << 16) | (2 << 8) | 2;
    /** Minimal reader versions R writes: 2.3.0 for format 2, 3.5.0 for format 3. */
    static final int R_2_3_0 = (2 << 16) | (3 << 8);
    static final int R_3_5_0 = (3 << 16) | (5 << 8);

    private final DataOutputStream out;
    private final Map<String, Integer> symbols = new HashMap<>();
    private int refCount;
    /** Write non-ASCII strings without an encoding flag (R's "native" strings) instead of marking them UTF-8. */
    boolean nativeStrings;

    private RTestWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** Something that writes items after the header. */
    interface Body {
        void write(RTestWriter writer) throws IOException;
    }

    /** Serializes one object in format version 2 or 3 ("UTF-8" as the native encoding). */
    static byte[] serialize(RObject value, int version) {
        return serialize(version, "UTF-8", false, w -> w.item(value));
    }

    static byte[] serialize(int version, String nativeEncoding, boolean nativeStrings, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RTestWriter writer = new RTestWriter(bytes);
        writer.nativeStrings = nativeStrings;
        try {
            writer.header(version, nativeEncoding);
            body.write(writer);
            writer.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    void header(int version, String nativeEncoding) throws IOException {
        out.writeBytes("X\n");
        out.writeInt(version);
        out.writeInt(R_4_2_2);
        out.writeInt(version == 3 ? R_3_5_0 : R_2_3_0);
        if (version == 3) {
            out.writeInt(nativeEncoding.length());
            out.writeBytes(nativeEncoding);
        }
    }

    void rawInt(int value) throws IOException {
        out.writeInt(value);
    }

    void item(RObject value) throws IOException {
        if (value instanceof RObject.Null) {
            out.writeInt(RSerialization.NILVALUE_SXP);
        } else if (value instanceof RObject.Symbol s) {
            symbol(s.name());
        } else if (value instanceof RObject.Logicals v) {
            out.writeInt(flags(RSerialization.LGLSXP, value));
            out.writeInt(v.values().length);
            for (int x : v.values()) out.writeInt(x);
            attributes(value);
        } else if (value instanceof RObject.Integers v) {
            out.writeInt(flags(RSerialization.INTSXP, value));
            out.writeInt(v.values().length);
            for (int x : v.values()) out.writeInt(x);
            attributes(value);
        } else if (value instanceof RObject.Doubles v) {
            out.writeInt(flags(RSerialization.REALSXP, value));
            out.writeInt(v.values().length);
            for (double x : v.values()) out.writeLong(Double.doubleToRawLongBits(x));
            attributes(value);
        } else if (value instanceof RObject.Strings v) {
            out.writeInt(flags(RSerialization.STRSXP, value));
            out.writeInt(v.values().length);
            for (String s : v.values()) string(s);
            attributes(value);
        } else if (value instanceof RObject.Raws v) {
            out.writeInt(flags(RSerialization.RAWSXP, value));
            out.writeInt(v.values().length);
            out.write(v.values());
            attributes(value);
        } else if (value instanceof RObject.ListVector v) {
            out.writeInt(flags(RSerialization.VECSXP, value));
            out.writeInt(v.values().size());
            for (RObject x : v.values()) item(x);
            attributes(value);
        } else if (value instanceof RObject.PairList v) {
            pairList(v.tags(), v.values());
        } else {
            throw new IllegalArgumentException("the test writer does not write " + RObject.describe(value));
        }
    }

    /** Type, object bit (set when there is a class, as R does) and has-attributes bit. */
    private static int flags(int type, RObject value) {
        int flags = type;
        if (!value.attributes().isEmpty()) flags |= RSerialization.HAS_ATTR_BIT;
        if (value.attributes().containsKey("class")) flags |= 1 << 8;
        return flags;
    }

    private void attributes(RObject value) throws IOException {
        if (value.attributes().isEmpty()) return;
        pairList(new ArrayList<>(value.attributes().keySet()), new ArrayList<>(value.attributes().values()));
    }

    private void pairList(List<String> tags, List<RObject> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            String tag = tags.get(i);
            out.writeInt(RSerialization.LISTSXP | (tag != null ? RSerialization.HAS_TAG_BIT : 0));
            if (tag != null) symbol(tag);
            item(values.get(i));
        }
        out.writeInt(RSerialization.NILVALUE_SXP);
    }

    /** A symbol the first time (added to the reference table), a packed reference after that. */
    void symbol(String name) throws IOException {
        Integer ref = symbols.get(name);
        if (ref != null) {
            out.writeInt((ref << RSerialization.REF_INDEX_SHIFT) | RSerialization.REFSXP);
            return;
        }
        out.writeInt(RSerialization.SYMSXP);
        string(name);
        symbols.put(name, ++refCount);
    }

    /** A CHARSXP: NA as length -1; ASCII, UTF-8 or (nativeStrings) unflagged, as R marks them. */
    void string(String s) throws IOException {
        if (s == null) {
            out.writeInt(RSerialization.CHARSXP);
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        boolean ascii = bytes.length == s.length();
        int levels = ascii ? RSerialization.ASCII_MASK : nativeStrings ? 0 : RSerialization.UTF8_MASK;
        stringBytes(bytes, levels);
    }

    /** A CHARSXP with explicit bytes and encoding bits (latin1, bytes, native). */
    void stringBytes(byte[] bytes, int levels) throws IOException {
        out.writeInt(RSerialization.CHARSXP | (levels << RSerialization.LEVELS_SHIFT));
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    // ---- files around the stream ----------------------------------------------------------------------------

    enum Compression { NONE, GZIP, BZIP2, XZ }

    static byte[] compress(byte[] data, Compression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case NONE -> bytes;
            case GZIP -> new GZIPOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            case XZ -> new XZOutputStream(bytes, new LZMA2Options());
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An .rda as save() writes it: "RDX2\n"/"RDX3\n" then a pair list of variables, then compression. */
    static void writeRda(Path file, Map<String, RObject> variables, int version, Compression compression)
            throws IOException {
        byte[] stream = serialize(version, "UTF-8", false,
                w -> w.pairList(new ArrayList<>(variables.keySet()), new ArrayList<>(variables.values())));
        ByteArrayOutputStream rda = new ByteArrayOutputStream();
        rda.writeBytes(("RDX" + version + "\n").getBytes(StandardCharsets.US_ASCII));
        rda.writeBytes(stream);
        Files.write(file, compress(rda.toByteArray(), compression));
    }

    /**
     * A lazy-load database base.rdx + base.rdb as R's makeLazyLoadDB writes it, records compressed by R's method
     * (1 zlib, 2 bzip2, 3 LZMA2); {@code stored} names records written as type '0' (what R does when compressing
     * would not shrink them).
     */
    static void writeLazyLoadDb(Path base, Map<String, RObject> variables, int method, List<String> stored)
            throws IOException {
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        Map<String, RObject> keys = new LinkedHashMap<>();
        for (Map.Entry<String, RObject> e : variables.entrySet()) {
            byte[] record = record(serialize(e.getValue(), 3), method, stored.contains(e.getKey()));
            keys.put(e.getKey(), new RObject.Integers(new int[] {rdb.size(), record.length}, Map.of()));
            rdb.writeBytes(record);
        }
        Files.write(base.resolveSibling(base.getFileName() + ".rdb"), rdb.toByteArray());
        RObject compressed = method == 1 ? new RObject.Logicals(new int[] {1}, Map.of())
                : new RObject.Integers(new int[] {method}, Map.of());
        RObject index = new RObject.ListVector(List.of(
                namedList(keys), new RObject.ListVector(List.of(), Map.of("names", strings())), compressed),
                Map.of("names", strings("variables", "references", "compressed")));
        Files.write(base.resolveSibling(base.getFileName() + ".rdx"), compress(serialize(index, 3), Compression.GZIP));
    }

    static byte[] record(byte[] data, int method, boolean stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeInt(data.length);
        if (method == 1) {
            Deflater deflater = new Deflater();
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[data.length + 64];
            int n = deflater.deflate(buffer);
            deflater.end();
            out.write(buffer, 0, n);
        } else if (stored) {
            out.write('0');
            out.write(data);
        } else if (method == 2) {
            out.write('2');
            try (OutputStream bz = new BZip2CompressorOutputStream(out)) {
                bz.write(data);
            }
        } else {
            out.write('Z');
            // Raw LZMA2 with xz's preset 6, as R_compress3 (connections.c init_filters).
            try (OutputStream lz = new LZMA2Options(6).getOutputStream(new FinishableWrapperOutputStream(out))) {
                lz.write(data);
            }
        }
        return out.toByteArray();
    }

    static RObject.Strings strings(String... values) {
        return new RObject.Strings(values, Map.of());
    }

    static RObject.ListVector namedList(Map<String, RObject> elements) {
        return new RObject.ListVector(new ArrayList<>(elements.values()),
                Map.of("names", strings(elements.keySet().toArray(new String[0]))));
    }
}
