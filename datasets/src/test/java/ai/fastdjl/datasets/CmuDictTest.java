package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CmuDictTest {
    private static final List<String> LINES = List.of(
            ";;; # CMUdict  --  Major Version: 0.07",
            ";;; comment lines start with three semicolons",
            "",
            "READ  R EH1 D",
            "READ(1)  R IY1 D",
            "READ'S  R IY1 D Z",
            "A.  EY1",
            "ZYWICKI  Z IH0 W IH1 K IY0 # a trailing comment of the later releases");

    @Test
    void readsWordsVariantsAndSkipsComments() {
        List<CmuDict.Entry> e = CmuDict.parse(LINES, "test");
        assertEquals(5, e.size());
        assertEquals(new CmuDict.Entry("READ", 0, List.of("R", "EH1", "D")), e.get(0));
        assertEquals(new CmuDict.Entry("READ", 1, List.of("R", "IY1", "D")), e.get(1));
        assertEquals(List.of("Z", "IH0", "W", "IH1", "K", "IY0"), e.get(4).phonemes());
        // first pronunciations of letter-only words: READ(1), READ'S and A. are not spelling-bee words
        assertEquals(List.of("READ", "ZYWICKI"), CmuDict.spellingBee(e, 20).stream().map(CmuDict.Entry::word).toList());
        assertEquals(List.of("READ"), CmuDict.spellingBee(e, 4).stream().map(CmuDict.Entry::word).toList());
    }

    @Test
    void lineWithoutPhonemesIsOneLineError() {
        UserInputException x = assertThrows(UserInputException.class,
                () -> CmuDict.parse(List.of("READ  R EH1 D", "WRITE"), "dict.txt"));
        assertTrue(x.getMessage().startsWith("dict.txt line 2: \"WRITE\" has no phonemes"), x.getMessage());
        UserInputException bad = assertThrows(UserInputException.class,
                () -> CmuDict.parse(List.of("READ  R EH7 D"), "dict.txt"));
        assertTrue(bad.getMessage().contains("\"EH7\" is not an ARPAbet phoneme"), bad.getMessage());
    }

    @Test
    void splitPutsEachWordInOneSplit() {
        List<CmuDict.Entry> words = IntStream.range(0, 1000)
                .mapToObj(i -> new CmuDict.Entry("W" + i, 0, List.of("AH0"))).toList();
        CmuDict.Split s = CmuDict.split(words, 0.1, 0.1, 42);
        assertEquals(800, s.train().size());
        assertEquals(100, s.valid().size());
        assertEquals(100, s.test().size());
        Set<String> seen = new HashSet<>();
        for (List<CmuDict.Entry> part : List.of(s.train(), s.valid(), s.test())) {
            part.forEach(e -> assertTrue(seen.add(e.word()), e.word() + " is in two splits"));
        }
        assertEquals(s.test(), CmuDict.split(words, 0.1, 0.1, 42).test());
    }
}
