package ai.fastdjl.datasets.rdata;

import static ai.fastdjl.datasets.rdata.RTestFrames.attrs;
import static ai.fastdjl.datasets.rdata.RTestFrames.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream format itself: values, references, encodings and the refusals, on bytes written by RTestWriter. */
class RSerializationTest {

    private static RObject read(byte[] bytes, String name) throws IOException {
        return RSerialization.read(new ByteArrayInputStream(bytes), "test.rds", name);
    }

    @ParameterizedTest(name = "format version {0}")
    @ValueSource(ints = {2, 3})
    void dataFrameRoundTripsExactly(int version) throws IOException {
        RObject frame = read(RTestWriter.serialize(RTestFrames.frame(), version), "frame");
        RTestFrames.assertFrameValues(frame);
        RTestFrames.assertFrameTable(RFrames.toTable("frame", frame));
    }

    @Test
    void symbolsAreSharedThroughTheReferenceTable() throws IOException {
        // Two factors: the second one's "levels" and "class" tags are REFSXP back-references to the first's.
        RObject f = new RObject.Integers(new int[] {1}, attrs("levels", strings("a"), "class", strings("factor")));
        RObject.ListVector list = (RObject.ListVector) read(
                RTestWriter.serialize(new RObject.ListVector(List.of(f, f), Map.of()), 3), "x");
        assertEquals(List.of("factor"), list.values().get(1).classes());
        assertEquals(List.of("levels", "class"), List.copyOf(list.values().get(1).attributes().keySet()));
    }

    @Test
    void referenceIndexTooLargeToPackIsReadFromTheNextInteger() throws IOException {
        // serialize.c OutRefIndex writes REFSXP alone, then the index, when it does not fit above the type byte.
        byte[] bytes = RTestWriter.serialize(3, "UTF-8", false, w -> {
            w.rawInt(RSerialization.LISTSXP | RSerialization.HAS_TAG_BIT);
            w.symbol("a");
            w.item(RObject.NULL);
            w.rawInt(RSerialization.LISTSXP | RSerialization.HAS_TAG_BIT);
            w.rawInt(RSerialization.REFSXP);
            w.rawInt(1);
            w.item(RObject.NULL);
            w.rawInt(RSerialization.NILVALUE_SXP);
        });
        RObject.PairList list = (RObject.PairList) read(bytes, "x");
        assertEquals(Arrays.asList("a", "a"), list.tags());
    }

    @Test
    void stringEncodingsFollowTheirFlags() throws IOException {
        byte[] latin1 = {'n', 'a', (byte) 0xEF, 'v', 'e'};
        byte[] cp1252Quote = {(byte) 0x93, 'q', (byte) 0x94};
        byte[] bytes = RTestWriter.serialize(3, "UTF-8", false, w -> {
            w.rawInt(RSerialization.STRSXP);
            w.rawInt(4);
            w.stringBytes(latin1, RSerialization.LATIN1_MASK);
            // R reads latin1 as Windows-1252, whose 0x93/0x94 are curly quotes.
            w.stringBytes(cp1252Quote, RSerialization.LATIN1_MASK);
            w.stringBytes("\u65e5\u672c".getBytes(StandardCharsets.UTF_8), RSerialization.UTF8_MASK);
            w.stringBytes("\u00e9".getBytes(StandardCharsets.UTF_8), 0); // native, header says UTF-8
        });
        assertArrayEquals(new String[] {"na\u00efve", "\u201cq\u201d", "\u65e5\u672c", "\u00e9"},
                ((RObject.Strings) read(bytes, "s")).values());
    }

    @Test
    void nativeStringsUseTheHeaderEncodingOrFallBackFromUtf8() throws IOException {
        byte[] latin1 = {'n', 'a', (byte) 0xEF, 'v', 'e'};
        RTestWriter.Body body = w -> {
            w.rawInt(RSerialization.STRSXP);
            w.rawInt(1);
            w.stringBytes(latin1, 0);
        };
        assertArrayEquals(new String[] {"na\u00efve"},
                ((RObject.Strings) read(RTestWriter.serialize(3, "ISO-8859-1", false, body), "s")).values());
        // Version 2 names no encoding: not valid UTF-8, so read as Windows-1252.
        assertArrayEquals(new String[] {"na\u00efve"},
                ((RObject.Strings) read(RTestWriter.serialize(2, "", false, body), "s")).values());
        RObject utf8 = read(RTestWriter.serialize(2, "", true, w -> w.item(strings("caf\u00e9"))), "s");
        assertArrayEquals(new String[] {"caf\u00e9"}, ((RObject.Strings) utf8).values());
    }

    @Test
    void emptyAndSpecialValuesReadBack() throws IOException {
        RObject.ListVector list = new RObject.ListVector(List.of(
                RObject.NULL,
                new RObject.Integers(new int[0], Map.of()),
                new RObject.Raws(new byte[] {0, (byte) 0xFF}, Map.of()),
                strings(""),
                new RObject.Doubles(new double[] {Double.POSITIVE_INFINITY, -0.0}, Map.of())), Map.of());
        RObject.ListVector back = (RObject.ListVector) read(RTestWriter.serialize(list, 3), "x");
        assertSame(RObject.NULL, back.values().get(0));
        assertEquals(0, back.values().get(1).length());
        assertArrayEquals(new byte[] {0, (byte) 0xFF}, ((RObject.Raws) back.values().get(2)).values());
        assertArrayEquals(new String[] {""}, ((RObject.Strings) back.values().get(3)).values());
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(((RObject.Doubles) back.values().get(4)).values()[1]));
    }

    @Test
    void largeVectorsCrossTheBulkReadChunks() throws IOException {
        int n = 20_000; // more than two of the reader's 8096-element chunks
        int[] ints = new int[n];
        double[] doubles = new double[n];
        for (int i = 0; i < n; i++) {
            ints[i] = i * 7 - 3;
            doubles[i] = i / 3.0;
        }
        ints[n - 1] = RObject.NA_INTEGER;
        RObject list = new RObject.ListVector(List.of(new RObject.Integers(ints, Map.of()),
                new RObject.Doubles(doubles, Map.of())), Map.of());
        RObject.ListVector back = (RObject.ListVector) read(RTestWriter.serialize(list, 2), "x");
        assertArrayEquals(ints, ((RObject.Integers) back.values().get(0)).values());
        assertArrayEquals(doubles, ((RObject.Doubles) back.values().get(1)).values());
    }

    /** Each non-data type code stops the read with the object, where in it, and the code. */
    @ParameterizedTest(name = "type code {0}")
    @ValueSource(ints = {3, 5, 6, 7, 8, 15, 17, 21, 22, 23, 25, 251, 252})
    void nonDataTypesAreRefusedByNameAndCode(int code) {
        byte[] bytes = RTestWriter.serialize(3, "UTF-8", false, w -> {
            w.rawInt(RSerialization.VECSXP);
            w.rawInt(2);
            w.item(new RObject.Integers(new int[] {1}, Map.of()));
            w.rawInt(code);
            w.rawInt(0); // whatever would follow; the reader must stop before it
        });
        RDataException e = assertThrows(RDataException.class, () -> read(bytes, "model"));
        assertTrue(e.getMessage().contains("test.rds"), e.getMessage());
        assertTrue(e.getMessage().contains("'model[[2]]'"), e.getMessage());
        assertTrue(e.getMessage().contains("code " + code + ")"), e.getMessage());
    }

    @Test
    void closureNamesItsTypeAndTheVariable() throws IOException {
        byte[] bytes = RTestWriter.serialize(2, "", false, w -> {
            w.rawInt(RSerialization.LISTSXP | RSerialization.HAS_TAG_BIT);
            w.symbol("data");
            w.item(new RObject.Integers(new int[] {1}, Map.of()));
            w.rawInt(RSerialization.LISTSXP | RSerialization.HAS_TAG_BIT);
            w.symbol("fit");
            w.rawInt(RSerialization.CLOSXP);
        });
        RDataException e = assertThrows(RDataException.class, () -> read(bytes, null));
        assertTrue(e.getMessage().contains("'fit'"), e.getMessage());
        assertTrue(e.getMessage().contains("CLOSXP, code 3"), e.getMessage());
    }

    @Test
    void truncatedAndForeignStreamsSaySo() {
        byte[] full = RTestWriter.serialize(RTestFrames.frame(), 3);
        byte[] cut = Arrays.copyOf(full, full.length - 10);
        RDataException truncated = assertThrows(RDataException.class, () -> read(cut, "frame"));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        RDataException foreign = assertThrows(RDataException.class,
                () -> read("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), "x"));
        assertTrue(foreign.getMessage().contains("serialization tag"), foreign.getMessage());

        byte[] v4 = RTestWriter.serialize(RObject.NULL, 3);
        v4[5] = 4; // the format version's low byte
        RDataException version = assertThrows(RDataException.class, () -> read(v4, "x"));
        assertTrue(version.getMessage().contains("version 4"), version.getMessage());
    }

    @Test
    void environmentsAreReadOnceAndSharedByReference() throws IOException {
        // list(e, e) where e holds a = 1L: the environment enters the reference table before its contents
        // (reference 1), its variable's symbol after it (reference 2); the second element is REFSXP 1.
        byte[] bytes = RTestWriter.serialize(3, "UTF-8", false, w -> {
            w.rawInt(RSerialization.VECSXP);
            w.rawInt(2);
            w.rawInt(RSerialization.ENVSXP);
            w.rawInt(0); // not locked
            w.rawInt(RSerialization.GLOBALENV_SXP); // enclosure
            w.rawInt(RSerialization.LISTSXP | RSerialization.HAS_TAG_BIT); // frame: a = 1L
            w.rawInt(RSerialization.SYMSXP);
            w.string("a");
            w.item(new RObject.Integers(new int[] {1}, Map.of()));
            w.rawInt(RSerialization.NILVALUE_SXP);
            w.rawInt(RSerialization.NILVALUE_SXP); // no hash table
            w.rawInt(RSerialization.NILVALUE_SXP); // no attributes
            w.rawInt((1 << RSerialization.REF_INDEX_SHIFT) | RSerialization.REFSXP);
        });
        RObject.ListVector list = (RObject.ListVector) read(bytes, "envs");
        RObject.Environment env = assertInstanceOf(RObject.Environment.class, list.values().get(0));
        assertSame(env, list.values().get(1));
        assertArrayEquals(new int[] {1}, ((RObject.Integers) env.variables().get("a")).values());
    }

    @Test
    void pairListKeepsTagsAndValues() throws IOException {
        RObject.PairList list = new RObject.PairList(Arrays.asList("a", null), List.of(strings("x"), RObject.NULL),
                Map.of());
        RObject.PairList back = assertInstanceOf(RObject.PairList.class, read(RTestWriter.serialize(list, 3), "p"));
        assertEquals(Arrays.asList("a", null), back.tags());
        assertArrayEquals(new String[] {"x"}, ((RObject.Strings) back.get("a")).values());
    }
}
