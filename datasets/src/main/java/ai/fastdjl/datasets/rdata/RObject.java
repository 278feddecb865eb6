package ai.fastdjl.datasets.rdata;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An R value as R's serialization format stores it: the vectors, lists and attributes that data frames are made of.
 *
 * <p>Vectors hand out their backing arrays without copying (a 100k-row column is read once, not twice): treat them as
 * read-only. Missing values keep R's encodings so nothing is lost before {@link RFrames} turns them into tablesaw's
 * missing values: {@link #NA_INTEGER} for integers and logicals, the NaN with payload 1954 for doubles (see
 * {@link #isNA(double)}; a plain NaN stays a NaN), {@code null} for strings.
 */
public sealed interface RObject {

    /** R's NA_integer_ and NA (logical): the smallest int, which R excludes from the integer range. */
    int NA_INTEGER = Integer.MIN_VALUE;

    /** The low 32 bits of R's NA_real_, a NaN whose payload is 1954 (R's src/main/arithmetic.c, R_ValueOfNA). */
    int NA_REAL_PAYLOAD = 1954;

    /** R's NA_real_ exactly as R writes it: exponent all ones, payload 1954 (0x7FF00000_000007A2). */
    double NA_REAL = Double.longBitsToDouble(0x7FF0_0000_0000_0000L | NA_REAL_PAYLOAD);

    /** R's NULL. */
    Null NULL = new Null();

    /** The attributes in the order R stored them (names, class, levels, row.names, ...); empty when there are none. */
    Map<String, RObject> attributes();

    /** R's {@code typeof()}: "integer", "double", "list", ... */
    String typeName();

    /** Number of elements, as R's {@code length()}. */
    int length();

    /** One attribute, or {@link #NULL} when absent, as R's {@code attr(x, name)}. */
    default RObject attribute(String name) {
        RObject value = attributes().get(name);
        return value == null ? NULL : value;
    }

    /** The explicit "class" attribute (empty when there is none; implicit classes such as "integer" are not listed). */
    default List<String> classes() {
        return attribute("class") instanceof Strings s ? Collections.unmodifiableList(Arrays.asList(s.values()))
                : List.of();
    }

    /** R's {@code inherits(x, what)} for explicit classes. */
    default boolean inherits(String what) {
        return classes().contains(what);
    }

    /** The "names" attribute (pair lists: their tags), or an empty list; a missing name is {@code null}. */
    default List<String> names() {
        return attribute("names") instanceof Strings s ? Collections.unmodifiableList(Arrays.asList(s.values()))
                : List.of();
    }

    /** Whether a double is R's NA_real_ rather than a NaN from arithmetic: R_IsNA looks only at the low word. */
    static boolean isNA(double value) {
        return Double.isNaN(value) && (int) Double.doubleToRawLongBits(value) == NA_REAL_PAYLOAD;
    }

    /** R's NULL (NILSXP). */
    record Null() implements RObject {
        @Override public Map<String, RObject> attributes() { return Map.of(); }
        @Override public String typeName() { return "NULL"; }
        @Override public int length() { return 0; }
    }

    /** A symbol (SYMSXP): attribute and list tags, ALTREP class names. */
    record Symbol(String name) implements RObject {
        @Override public Map<String, RObject> attributes() { return Map.of(); }
        @Override public String typeName() { return "symbol"; }
        @Override public int length() { return 1; }
    }

    /** A logical vector (LGLSXP): 1 TRUE, 0 FALSE, {@link #NA_INTEGER} NA. */
    record Logicals(int[] values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "logical"; }
        @Override public int length() { return values.length; }
    }

    /** An integer vector (INTSXP), also what factors are made of; NA is {@link #NA_INTEGER}. */
    record Integers(int[] values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "integer"; }
        @Override public int length() { return values.length; }
    }

    /** A double vector (REALSXP), also Date and POSIXct; NA is {@link #NA_REAL}, test with {@link #isNA(double)}. */
    record Doubles(double[] values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "double"; }
        @Override public int length() { return values.length; }
    }

    /** A character vector (STRSXP) decoded to Java strings; NA is {@code null}. */
    record Strings(String[] values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "character"; }
        @Override public int length() { return values.length; }
    }

    /** A raw vector (RAWSXP). */
    record Raws(byte[] values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "raw"; }
        @Override public int length() { return values.length; }
    }

    /** A list (VECSXP, or EXPRSXP holding only data): data frames are lists of equally long columns. */
    record ListVector(List<RObject> values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "list"; }
        @Override public int length() { return values.size(); }
    }

    /**
     * A pair list (LISTSXP): what R uses for attributes and for the variables of a saved workspace.
     * A dotted pair's final cdr (only ALTREP states use them) is kept as a last untagged element.
     */
    record PairList(List<String> tags, List<RObject> values, Map<String, RObject> attributes) implements RObject {
        @Override public String typeName() { return "pairlist"; }
        @Override public int length() { return values.size(); }
        @Override public List<String> names() { return Collections.unmodifiableList(tags); }

        /** The value tagged {@code tag}, or {@link #NULL}. */
        public RObject get(String tag) {
            int i = tags.indexOf(tag);
            return i < 0 ? NULL : values.get(i);
        }
    }

    /**
     * An environment, kept only so that objects referring to one (a formula, a model) can still be read.
     * {@code kind} is "global", "base", "empty", "namespace:pkg", "package:pkg", "persistent:env::1" (a reference
     * resolved by the lazy-load database that stored it) or "local" for one serialized inline with its variables.
     */
    record Environment(String kind, Map<String, RObject> variables, Map<String, RObject> attributes)
            implements RObject {
        @Override public String typeName() { return "environment"; }
        @Override public int length() { return variables.size(); }
    }

    /** For messages: {@code integer[100004]}, {@code double[569x30]}, {@code list[7] data.frame}. */
    static String describe(RObject value) {
        String shape = Integer.toString(value.length());
        if (value.attribute("dim") instanceof Integers dim) {
            StringBuilder sb = new StringBuilder();
            for (int d : dim.values()) sb.append(sb.length() == 0 ? "" : "x").append(d);
            shape = sb.toString();
        }
        String classes = String.join("/", value.classes());
        return value.typeName() + "[" + shape + "]" + (classes.isEmpty() ? "" : " " + classes);
    }
}
