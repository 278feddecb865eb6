package ai.fastdjl.datasets.rdata;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads R's serialization format, the bytes behind {@code saveRDS}, {@code save} and lazy-load databases, into
 * {@link RObject}s.
 *
 * <p>The format is defined by R's own reader, {@code R_Unserialize} and {@code ReadItem} in src/main/serialize.c:
 * a two-byte format tag, three version integers (plus the writer's native encoding in version 3), then one item.
 * Each item starts with an integer packing its type (low 8 bits), flags (object, has-attributes, has-tag) and the
 * 16-bit "levels" field that carries a string's encoding. Only the XDR (big-endian binary, "X\n") form is read;
 * it is what R writes unless asked for {@code ascii = TRUE}.
 *
 * <p>Objects that are not data (functions, language, byte code, S4 objects, external pointers) stop the read with
 * an {@link RDataException} naming the object, where in it the value sits and the R type code, rather than being
 * skipped or guessed at.
 */
public final class RSerialization {

    // SEXPTYPE codes, R's src/include/Rinternals.h.
    static final int NILSXP = 0;
    static final int SYMSXP = 1;
    static final int LISTSXP = 2;
    static final int CLOSXP = 3;
    static final int ENVSXP = 4;
    static final int PROMSXP = 5;
    static final int LANGSXP = 6;
    static final int SPECIALSXP = 7;
    static final int BUILTINSXP = 8;
    static final int CHARSXP = 9;
    static final int LGLSXP = 10;
    static final int INTSXP = 13;
    static final int REALSXP = 14;
    static final int CPLXSXP = 15;
    static final int STRSXP = 16;
    static final int DOTSXP = 17;
    static final int VECSXP = 19;
    static final int EXPRSXP = 20;
    static final int BCODESXP = 21;
    static final int EXTPTRSXP = 22;
    static final int WEAKREFSXP = 23;
    static final int RAWSXP = 24;
    static final int OBJSXP = 25;

    // Pseudo types that exist only in the serialized form, R's src/main/serialize.c.
    static final int REFSXP = 255;
    static final int NILVALUE_SXP = 254;
    static final int GLOBALENV_SXP = 253;
    static final int UNBOUNDVALUE_SXP = 252;
    static final int MISSINGARG_SXP = 251;
    static final int BASENAMESPACE_SXP = 250;
    static final int NAMESPACESXP = 249;
    static final int PACKAGESXP = 248;
    static final int PERSISTSXP = 247;
    static final int CLASSREFSXP = 246;
    static final int GENERICREFSXP = 245;
    static final int BCREPDEF = 244;
    static final int BCREPREF = 243;
    static final int EMPTYENV_SXP = 242;
    static final int BASEENV_SXP = 241;
    static final int ATTRLANGSXP = 240;
    static final int ATTRLISTSXP = 239;
    static final int ALTREP_SXP = 238;

    // Flag bits of an item's header integer, serialize.c PackFlags/UnpackFlags.
    static final int TYPE_MASK = 0xFF;
    static final int HAS_ATTR_BIT = 1 << 9;
    static final int HAS_TAG_BIT = 1 << 10;
    static final int LEVELS_SHIFT = 12;
    /** A reference's table index sits above the type byte unless it does not fit, serialize.c InRefIndex. */
    static final int REF_INDEX_SHIFT = 8;

    // A string's encoding bits in the levels field, R's src/include/Defn.h.
    static final int BYTES_MASK = 1 << 1;
    static final int LATIN1_MASK = 1 << 2;
    static final int UTF8_MASK = 1 << 3;
    static final int ASCII_MASK = 1 << 6;

    /** R reads latin1-marked strings as Windows-1252 where iconv has it (src/main/sysutils.c), a superset. */
    static final Charset LATIN1 = Charset.forName("windows-1252");

    /** 64 KiB reads for unbuffered streams: a 100k-row column then costs a handful of system calls. */
    private static final int BUFFER = 1 << 16;
    /** Elements converted per bulk read; R's serialize.c reads in chunks of the same size (CHUNK_SIZE). */
    private static final int CHUNK_ELEMENTS = 8096;

    /** Versions of the format R writes: 2 (R 1.4 to 3.5's default) and 3 (default since R 3.6, adds ALTREP). */
    private static final int MIN_VERSION = 2;
    private static final int MAX_VERSION = 3;

    private final DataInputStream in;
    private final String source;
    private final String root;
    /** Where the reader is inside the object, for messages: "movielens", "[[4]]", "@levels". */
    private final List<String> path = new ArrayList<>();
    /** R's read reference table: symbols and environments, in the order they were first read (1-based in refs). */
    private final List<RObject> refs = new ArrayList<>();
    private final byte[] chunk = new byte[CHUNK_ELEMENTS * Double.BYTES];
    private byte[] stringBytes = new byte[256];
    private Charset nativeCharset;

    private RSerialization(InputStream in, String source, String objectName) {
        this.in = new DataInputStream(in instanceof BufferedInputStream || in instanceof ByteArrayInputStream
                ? in : new BufferedInputStream(in, BUFFER));
        this.source = source;
        this.root = objectName == null ? "" : objectName;
    }

    /**
     * Reads one serialized R object from an uncompressed stream that starts with the format tag ("X\n").
     *
     * @param in the stream; it is read up to the end of the object and not closed
     * @param source the file it comes from, for error messages
     * @param objectName the R variable being read, for error messages ({@code null} or "" when unknown)
     * @return the object
     * @throws RDataException when the bytes are not an XDR serialization stream or hold something that is not data
     */
    public static RObject read(InputStream in, String source, String objectName) throws IOException {
        RSerialization reader = new RSerialization(in, source, objectName);
        try {
            reader.readHeader();
            return reader.readItem();
        } catch (EOFException e) {
            throw reader.corrupt("the data ends in the middle of the object (truncated or not R's serialization)");
        }
    }

    private void readHeader() throws IOException {
        int f = in.read();
        int nl = in.read();
        if (f == 'X' && nl == '\n') {
            // XDR binary, the only form read here.
        } else if (f == 'A' && nl == '\n') {
            throw error("it was saved in R's ASCII format",
                    "re-save it in R with saveRDS(x, file) or save(..., ascii = FALSE)");
        } else if (f == 'B' && nl == '\n') {
            throw error("it was saved in R's native binary format (xdr = FALSE)",
                    "re-save it in R with the default xdr = TRUE");
        } else {
            throw error("it does not start with R's serialization tag \"X\\n\" (found bytes " + f + ", " + nl + ")",
                    "check that it is an .rds/.rda file or a record of an R lazy-load database");
        }
        int version = in.readInt();
        int writerVersion = in.readInt();
        in.readInt(); // minimal reader version: we check the format version itself
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw error("it uses serialization format version " + version + " (written by R "
                            + rVersion(writerVersion) + "); this reader handles versions 2 and 3",
                    "re-save it in R with saveRDS(x, file, version = 3)");
        }
        if (version == 3) {
            int length = in.readInt();
            // R_CODESET_MAX in serialize.c bounds the name to 63 bytes.
            if (length < 0 || length > 63) throw corrupt("invalid length " + length + " of the encoding name");
            byte[] name = new byte[length];
            in.readFully(name);
            nativeCharset = charsetOf(new String(name, StandardCharsets.US_ASCII));
        }
    }

    /** R packs its version as major * 65536 + minor * 256 + patch (serialize.c DecodeVersion). */
    private static String rVersion(int packed) {
        return (packed >> 16) + "." + ((packed >> 8) & 0xFF) + "." + (packed & 0xFF);
    }

    private static Charset charsetOf(String name) {
        if (name.equalsIgnoreCase("ISO-8859-1") || name.equalsIgnoreCase("latin1")) return LATIN1;
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null; // unknown to Java: decode as UTF-8 with a Windows-1252 fallback, as for version 2
        }
    }

    private RObject readItem() throws IOException {
        return readItem(in.readInt());
    }

    private RObject readItem(int flags) throws IOException {
        int type = flags & TYPE_MASK;
        boolean hasAttr = (flags & HAS_ATTR_BIT) != 0;
        switch (type) {
            case NILVALUE_SXP:
            case NILSXP:
                return RObject.NULL;
            case GLOBALENV_SXP:
                return specialEnvironment("global");
            case BASEENV_SXP:
                return specialEnvironment("base");
            case EMPTYENV_SXP:
                return specialEnvironment("empty");
            case BASENAMESPACE_SXP:
                return specialEnvironment("namespace:base");
            case REFSXP: {
                int index = flags >>> REF_INDEX_SHIFT;
                if (index == 0) index = in.readInt();
                if (index < 1 || index > refs.size()) {
                    throw corrupt("reference " + index + " points past the " + refs.size() + " objects read so far");
                }
                return refs.get(index - 1);
            }
            case PERSISTSXP: {
                // A lazy-load database's pointer to an environment stored as its own record ("env::1").
                RObject env = new RObject.Environment("persistent:" + String.join(",", readStringVector()),
                        Map.of(), Map.of());
                refs.add(env);
                return env;
            }
            case NAMESPACESXP:
            case PACKAGESXP: {
                List<String> info = readStringVector();
                String kind = (type == NAMESPACESXP ? "namespace:" : "package:") + (info.isEmpty() ? "" : info.get(0));
                RObject env = new RObject.Environment(kind, Map.of(), Map.of());
                refs.add(env);
                return env;
            }
            case SYMSXP: {
                RObject name = readItem();
                if (!(name instanceof RObject.Strings s) || s.values().length != 1) {
                    throw corrupt("a symbol's name is a " + RObject.describe(name) + ", not a string");
                }
                RObject symbol = new RObject.Symbol(s.values()[0]);
                refs.add(symbol);
                return symbol;
            }
            case ENVSXP:
                return readEnvironment();
            case LISTSXP:
                return readPairList(flags, "$");
            case ALTREP_SXP:
                return readAltRep();
            case CHARSXP: {
                String value = readString(flags);
                if (hasAttr) readItem(); // old R versions wrote a (meaningless) attribute here; R ignores it too
                return new RObject.Strings(new String[] {value}, Map.of());
            }
            case LGLSXP:
                return new RObject.Logicals(readInts(readLength()), hasAttr ? readAttributes() : Map.of());
            case INTSXP:
                return new RObject.Integers(readInts(readLength()), hasAttr ? readAttributes() : Map.of());
            case REALSXP:
                return new RObject.Doubles(readDoubles(readLength()), hasAttr ? readAttributes() : Map.of());
            case STRSXP: {
                int n = readLength();
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    int elementFlags = in.readInt();
                    if ((elementFlags & TYPE_MASK) != CHARSXP) {
                        throw corrupt("element " + (i + 1) + " of a character vector has type code "
                                + (elementFlags & TYPE_MASK) + " instead of a string (CHARSXP, 9)");
                    }
                    values[i] = readString(elementFlags);
                    if ((elementFlags & HAS_ATTR_BIT) != 0) readItem();
                }
                return new RObject.Strings(values, hasAttr ? readAttributes() : Map.of());
            }
            case VECSXP:
            case EXPRSXP: {
                int n = readLength();
                List<RObject> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    path.add("[[" + (i + 1) + "]]");
                    values.add(readItem());
                    path.remove(path.size() - 1);
                }
                return new RObject.ListVector(Collections.unmodifiableList(values),
                        hasAttr ? readAttributes() : Map.of());
            }
            case RAWSXP: {
                byte[] values = new byte[readLength()];
                in.readFully(values);
                return new RObject.Raws(values, hasAttr ? readAttributes() : Map.of());
            }
            default:
                throw unsupported(type);
        }
    }

    private RObject specialEnvironment(String kind) {
        return new RObject.Environment(kind, Map.of(), Map.of());
    }

    /** ENVSXP: locked flag, enclosure, frame (pair list), hash table (list of pair lists), attributes. */
    private RObject readEnvironment() throws IOException {
        in.readInt(); // locked: irrelevant to a reader
        Map<String, RObject> variables = new LinkedHashMap<>();
        Map<String, RObject> attributes = new LinkedHashMap<>();
        RObject env = new RObject.Environment("local", Collections.unmodifiableMap(variables),
                Collections.unmodifiableMap(attributes));
        refs.add(env); // R registers it before reading its contents, which may refer back to it
        path.add("<environment>");
        readItem(); // enclosing environment
        addBindings(readItem(), variables);
        if (readItem() instanceof RObject.ListVector table) {
            for (RObject bucket : table.values()) addBindings(bucket, variables);
        }
        addBindings(readItem(), attributes);
        path.remove(path.size() - 1);
        return env;
    }

    private static void addBindings(RObject frame, Map<String, RObject> into) {
        if (frame instanceof RObject.PairList list) {
            for (int i = 0; i < list.values().size(); i++) {
                if (list.tags().get(i) != null) into.put(list.tags().get(i), list.values().get(i));
            }
        }
    }

    /**
     * A pair list, read iteratively as R does (serialize.c ReadItem_Iterative): each cell has optional attributes,
     * an optional tag, its value, then the next cell's header.
     */
    private RObject readPairList(int flags, String tagPrefix) throws IOException {
        List<String> tags = new ArrayList<>();
        List<RObject> values = new ArrayList<>();
        Map<String, RObject> attributes = Map.of();
        int type = flags & TYPE_MASK;
        while (type == LISTSXP) {
            if ((flags & HAS_ATTR_BIT) != 0) {
                Map<String, RObject> cellAttributes = readAttributes();
                if (values.isEmpty()) attributes = cellAttributes;
            }
            String tag = null;
            if ((flags & HAS_TAG_BIT) != 0) {
                RObject t = readItem();
                if (!(t instanceof RObject.Symbol symbol)) {
                    throw corrupt("a pair list tag is a " + RObject.describe(t) + ", not a symbol");
                }
                tag = symbol.name();
            }
            path.add(tag == null ? "[[" + (values.size() + 1) + "]]"
                    : path.isEmpty() && root.isEmpty() ? tag : tagPrefix + tag);
            values.add(readItem());
            path.remove(path.size() - 1);
            tags.add(tag);
            flags = in.readInt();
            type = flags & TYPE_MASK;
        }
        if (type != NILVALUE_SXP && type != NILSXP) {
            // A dotted pair: ALTREP states are CONS(data, metadata).
            values.add(readItem(flags));
            tags.add(null);
        }
        return new RObject.PairList(Collections.unmodifiableList(tags), Collections.unmodifiableList(values),
                attributes);
    }

    /** An object's attributes: a pair list of tag = value (or NULL). */
    private Map<String, RObject> readAttributes() throws IOException {
        int flags = in.readInt();
        int type = flags & TYPE_MASK;
        if (type == NILVALUE_SXP) return Map.of();
        if (type != LISTSXP) {
            RObject other = readItem(flags);
            throw corrupt("attributes are a " + RObject.describe(other) + " instead of a pair list");
        }
        RObject.PairList list = (RObject.PairList) readPairList(flags, "@");
        Map<String, RObject> attributes = new LinkedHashMap<>();
        for (int i = 0; i < list.values().size(); i++) {
            String tag = list.tags().get(i);
            if (tag != null) attributes.put(tag, list.values().get(i));
        }
        return Collections.unmodifiableMap(attributes);
    }

    /** ALTREP: class info (pair list of class symbol, package symbol, base type), state, attributes. */
    private RObject readAltRep() throws IOException {
        path.add("<altrep>");
        RObject info = readItem();
        RObject state = readItem();
        path.remove(path.size() - 1);
        int attrFlags = in.readInt();
        Map<String, RObject> attributes;
        if ((attrFlags & TYPE_MASK) == LISTSXP) {
            RObject.PairList list = (RObject.PairList) readPairList(attrFlags, "@");
            Map<String, RObject> map = new LinkedHashMap<>();
            for (int i = 0; i < list.values().size(); i++) {
                if (list.tags().get(i) != null) map.put(list.tags().get(i), list.values().get(i));
            }
            attributes = Collections.unmodifiableMap(map);
        } else {
            readItem(attrFlags); // NULL
            attributes = Map.of();
        }
        if (!(info instanceof RObject.PairList classInfo) || classInfo.values().size() < 3
                || !(classInfo.values().get(0) instanceof RObject.Symbol className)
                || !(classInfo.values().get(1) instanceof RObject.Symbol packageName)) {
            throw corrupt("an ALTREP object's class information is a " + RObject.describe(info));
        }
        try {
            return AltRep.expand(className.name(), packageName.name(), state, attributes);
        } catch (AltRep.UnsupportedAltRep e) {
            throw error(e.getMessage(), "in R, make it an ordinary vector (x <- paste0(x) for strings, x <- x + 0L "
                    + "for integers) and save it again, or read another object");
        }
    }

    private List<String> readStringVector() throws IOException {
        if (in.readInt() != 0) throw corrupt("a persistent-name vector has names, which R never writes");
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RObject item = readItem();
            values.add(item instanceof RObject.Strings s && s.values().length == 1 ? s.values()[0] : null);
        }
        return values;
    }

    /** serialize.c ReadLENGTH: -1 announces a long vector whose length follows as two integers. */
    private int readLength() throws IOException {
        int n = in.readInt();
        if (n >= 0) return n;
        if (n == -1) {
            long upper = in.readInt() & 0xFFFF_FFFFL;
            long lower = in.readInt() & 0xFFFF_FFFFL;
            long length = (upper << 32) + lower;
            throw error("it holds a vector of " + length + " elements, more than a Java array can hold",
                    "split the object in R before saving it");
        }
        throw corrupt("negative vector length " + n);
    }

    private int[] readInts(int n) throws IOException {
        int[] values = new int[n];
        for (int done = 0; done < n; ) {
            int count = Math.min(CHUNK_ELEMENTS, n - done);
            in.readFully(chunk, 0, count * Integer.BYTES);
            ByteBuffer.wrap(chunk, 0, count * Integer.BYTES).asIntBuffer().get(values, done, count);
            done += count;
        }
        return values;
    }

    private double[] readDoubles(int n) throws IOException {
        double[] values = new double[n];
        for (int done = 0; done < n; ) {
            int count = Math.min(CHUNK_ELEMENTS, n - done);
            in.readFully(chunk, 0, count * Double.BYTES);
            // A bulk copy of the IEEE bits, so NA's NaN payload (1954) survives.
            ByteBuffer.wrap(chunk, 0, count * Double.BYTES).asDoubleBuffer().get(values, done, count);
            done += count;
        }
        return values;
    }

    /** A CHARSXP body: length (-1 for NA) and bytes, decoded by the encoding bits of its levels. */
    private String readString(int flags) throws IOException {
        int length = in.readInt();
        if (length == -1) return null;
        if (length < 0) throw corrupt("negative string length " + length);
        if (stringBytes.length < length) stringBytes = new byte[Math.max(length, stringBytes.length * 2)];
        in.readFully(stringBytes, 0, length);
        int levels = flags >>> LEVELS_SHIFT;
        if ((levels & (ASCII_MASK | BYTES_MASK)) != 0) {
            // ASCII is a subset of Latin-1, Java's fastest decoder; "bytes" strings keep one char per byte.
            return new String(stringBytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        if ((levels & UTF8_MASK) != 0) return new String(stringBytes, 0, length, StandardCharsets.UTF_8);
        if ((levels & LATIN1_MASK) != 0) return new String(stringBytes, 0, length, LATIN1);
        // Native encoding: the one named in a version-3 header, else UTF-8 (every R build since 4.2, and Linux's
        // for long before), falling back to Windows-1252 when the bytes are not valid UTF-8.
        if (nativeCharset != null && nativeCharset != StandardCharsets.UTF_8) {
            return new String(stringBytes, 0, length, nativeCharset);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(stringBytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(stringBytes, 0, length, LATIN1);
        }
    }

    private RDataException unsupported(int type) {
        return error("it holds " + typeDescription(type) + ", which is not data; this reader handles vectors, "
                        + "lists, factors and data frames",
                "read another object, or convert this one to a data frame in R and save that");
    }

    /** R's name for a type code and what it is, for messages. */
    static String typeDescription(int type) {
        String what = switch (type) {
            case CLOSXP -> "a function (R type CLOSXP";
            case PROMSXP -> "an unevaluated promise (R type PROMSXP";
            case LANGSXP, ATTRLANGSXP -> "a call or formula (R type LANGSXP";
            case SPECIALSXP, BUILTINSXP -> "a built-in function (R type " + (type == SPECIALSXP ? "SPECIALSXP"
                    : "BUILTINSXP");
            case CPLXSXP -> "a complex vector (R type CPLXSXP";
            case DOTSXP -> "a ... argument list (R type DOTSXP";
            case BCODESXP -> "byte code (R type BCODESXP";
            case EXTPTRSXP -> "an external pointer (R type EXTPTRSXP";
            case WEAKREFSXP -> "a weak reference (R type WEAKREFSXP";
            case OBJSXP -> "an S4 object (R type OBJSXP/S4SXP";
            case UNBOUNDVALUE_SXP -> "an unbound-variable marker (R_UnboundValue";
            case MISSINGARG_SXP -> "a missing-argument marker (R_MissingArg";
            case CLASSREFSXP, GENERICREFSXP -> "a class or generic reference (unused by R";
            case BCREPDEF, BCREPREF, ATTRLISTSXP -> "byte-code internals (R's serialize.c";
            default -> "an unknown kind of object (perhaps written by a newer R";
        };
        return what + ", code " + type + ")";
    }

    private String location() {
        StringBuilder sb = new StringBuilder(root);
        for (String segment : path) sb.append(segment);
        return sb.length() == 0 ? "<top level>" : sb.toString();
    }

    private RDataException error(String problem, String fix) {
        return new RDataException(source + ": cannot read R object '" + location() + "': " + problem + "; " + fix);
    }

    private RDataException corrupt(String problem) {
        return error("the data is corrupt (" + problem + ")", "fetch the file again");
    }
}
