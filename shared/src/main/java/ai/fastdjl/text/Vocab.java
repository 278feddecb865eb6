package ai.fastdjl.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ↔ index, as fastai's {@code make_vocab} and {@code Numericalize}: special tokens first (so {@code xxunk}
 * is 0 and {@code xxpad} is 1), then every token seen at least {@code minFreq} times, most frequent first, at most
 * {@code maxVocab} in all, padded with {@code xxfake} to a multiple of 8 (fastai pads for fast matrix multiplies on
 * GPUs; we keep its indices). Unknown tokens map to {@code xxunk}.
 */
public final class Vocab {
    /** fastai defaults: min_freq=3, max_vocab=60000. */
    public static final int DEFAULT_MIN_FREQ = 3;
    public static final int DEFAULT_MAX_VOCAB = 60_000;
    public static final String FAKE = "xxfake";

    private final List<String> itos;
    private final Map<String, Integer> stoi = new HashMap<>();

    public Vocab(List<String> itos) {
        this.itos = List.copyOf(itos);
        for (int i = 0; i < this.itos.size(); i++) {
            stoi.putIfAbsent(this.itos.get(i), i); // xxfake repeats: the first wins
        }
        if (!UNK_AT_0.equals(this.itos.isEmpty() ? null : this.itos.get(0))) {
            throw new IllegalArgumentException("a vocabulary starts with " + UNK_AT_0 + ", this one with "
                    + (this.itos.isEmpty() ? "nothing" : this.itos.get(0)));
        }
    }

    private static final String UNK_AT_0 = Tokenizer.UNK;

    /** Counts the tokens of {@code docs} and keeps the frequent ones; ties keep alphabetical order (repeatable). */
    public static Vocab build(Collection<? extends List<String>> docs, int minFreq, int maxVocab) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> d : docs) {
            for (String t : d) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<String> byFreq = counts.entrySet().stream()
                .filter(e -> e.getValue() >= minFreq && !Tokenizer.SPECIAL.contains(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .map(Map.Entry::getKey)
                .toList();
        List<String> itos = new ArrayList<>(Tokenizer.SPECIAL);
        for (String t : byFreq) {
            if (itos.size() >= maxVocab) {
                break;
            }
            itos.add(t);
        }
        // fastai: vocab + ['xxfake'] * (8 - len(vocab) % 8), which adds 8 when the length is already a multiple
        int fakes = 8 - itos.size() % 8;
        for (int i = 0; i < fakes; i++) {
            itos.add(FAKE);
        }
        return new Vocab(itos);
    }

    public int size() {
        return itos.size();
    }

    public List<String> itos() {
        return itos;
    }

    public String token(int index) {
        return itos.get(index);
    }

    /** Index of {@code token}, or of {@code xxunk} when the vocabulary lacks it. */
    public int index(String token) {
        Integer i = stoi.get(token);
        return i == null ? 0 : i;
    }

    /** True when {@code token} has its own index (unknown words do not). */
    public boolean contains(String token) {
        return stoi.containsKey(token);
    }

    public int pad() {
        return index(Tokenizer.PAD);
    }

    /** fastai's {@code Numericalize}. */
    public int[] numericalize(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(tokens.get(i));
        }
        return out;
    }

    public List<int[]> numericalizeAll(List<List<String>> docs) {
        return docs.stream().map(this::numericalize).toList();
    }

    /** Indices back to tokens. */
    public List<String> textify(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int i : ids) {
            out.add(itos.get(i));
        }
        return out;
    }

    /**
     * For each index of this vocabulary, the index of the same token in {@code old}, or -1 when {@code old} lacks it:
     * what fastai's {@code match_embeds} needs to carry a pretrained model's embedding rows over.
     */
    public int[] mapFrom(Vocab old) {
        int[] map = new int[size()];
        for (int i = 0; i < map.length; i++) {
            String t = itos.get(i);
            map[i] = FAKE.equals(t) ? -1 : old.stoi.getOrDefault(t, -1);
        }
        return map;
    }

    /** One token per line; line breaks inside tokens ("\n\n") are written escaped. */
    public void save(Path file) {
        List<String> lines = itos.stream().map(t -> t.replace("\\", "\\\\").replace("\n", "\\n")).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Vocab load(Path file) {
        try {
            List<String> itos = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                itos.add(unescape(line));
            }
            return new Vocab(itos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
