package ai.fastdjl.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-pair encoding for words (Sennrich, Haddow &amp; Birch 2016, "Neural machine translation of rare words with
 * subword units"; the course's answer to "what do I do with a word I haven't seen before?"): start from characters,
 * with an end-of-word symbol {@link #EOW}, and merge the most frequent adjacent pair of symbols into one new symbol,
 * again and again. Frequent words end up as one symbol, rare ones as a few pieces, and any word spelled with known
 * characters can be written — no unknown token. Ties between pairs of equal count go to the pair whose symbols come
 * first in string order (the paper's Python takes the first pair seen; either rule is deterministic).
 *
 * <p>{@link #encode} applies the merges to a word in the order they were learned (lowest rank first), as
 * subword-nmt's {@code apply_bpe} does; {@link #decode} joins the pieces back and turns each {@code EOW} into a space.
 */
public final class Bpe {
    /** The end-of-word symbol: "low" is the word, "low" + EOW the start of "lower" is not. */
    public static final String EOW = "</w>";

    private final List<String[]> merges;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, List<String>> cache = new HashMap<>();

    public Bpe(List<String[]> merges) {
        this.merges = List.copyOf(merges);
        for (int i = 0; i < merges.size(); i++) {
            rank.putIfAbsent(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
    }

    /** The merges, first learned first: each {@code {left, right}}. */
    public List<String[]> merges() {
        return merges;
    }

    /** Learns up to {@code nMerges} merges from word counts (fewer if no pair occurs twice or more). */
    public static Bpe learn(Map<String, Integer> wordCounts, int nMerges) {
        // symbols as ids; words as id arrays with their counts (TreeMap: the same order on every run)
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<int[]> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(wordCounts).entrySet()) {
            int[] w = new int[e.getKey().codePointCount(0, e.getKey().length()) + 1];
            int[] cps = e.getKey().codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                w[i] = id(Character.toString(cps[i]), symbols, ids);
            }
            w[cps.length] = id(EOW, symbols, ids);
            words.add(w);
            counts.add(e.getValue());
        }
        Map<Long, Long> pairCount = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            count(words.get(i), counts.get(i), i, pairCount, where);
        }
        List<String[]> merges = new ArrayList<>();
        for (int k = 0; k < nMerges; k++) {
            long best = -1;
            long bestCount = 1; // a pair seen once is not worth a symbol
            for (Map.Entry<Long, Long> e : pairCount.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || c == bestCount && best >= 0 && c > 1 && before(e.getKey(), best, symbols)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best < 0) {
                break;
            }
            int a = (int) (best >>> 32);
            int b = (int) best;
            String merged = symbols.get(a) + symbols.get(b);
            int m = id(merged, symbols, ids);
            merges.add(new String[] {symbols.get(a), symbols.get(b)});
            for (int i : new ArrayList<>(where.getOrDefault(best, Set.of()))) {
                int[] w = words.get(i);
                count(w, -counts.get(i), i, pairCount, where);
                int[] nw = merge(w, a, b, m);
                words.set(i, nw);
                count(nw, counts.get(i), i, pairCount, where);
            }
        }
        return new Bpe(merges);
    }

    private static int id(String s, List<String> symbols, Map<String, Integer> ids) {
        return ids.computeIfAbsent(s, k -> {
            symbols.add(k);
            return symbols.size() - 1;
        });
    }

    /** Whether pair {@code p} comes before {@code q} in string order of (left, right). */
    private static boolean before(long p, long q, List<String> symbols) {
        int c = symbols.get((int) (p >>> 32)).compareTo(symbols.get((int) (q >>> 32)));
        return c != 0 ? c < 0 : symbols.get((int) p).compareTo(symbols.get((int) q)) < 0;
    }

    /** Adds (or with a negative count removes) a word's adjacent pairs. */
    private static void count(int[] w, int c, int word, Map<Long, Long> pairCount, Map<Long, Set<Integer>> where) {
        for (int j = 0; j + 1 < w.length; j++) {
            long key = ((long) w[j] << 32) | (w[j + 1] & 0xffffffffL);
            long n = pairCount.merge(key, (long) c, Long::sum);
            if (n == 0) {
                pairCount.remove(key);
            }
            if (c > 0) {
                where.computeIfAbsent(key, k -> new HashSet<>()).add(word);
            } else if (n == 0) {
                where.remove(key);
            }
        }
    }

    private static int[] merge(int[] w, int a, int b, int m) {
        int[] out = new int[w.length];
        int n = 0;
        for (int j = 0; j < w.length; j++) {
            if (j + 1 < w.length && w[j] == a && w[j + 1] == b) {
                out[n++] = m;
                j++;
            } else {
                out[n++] = w[j];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Words and punctuation marks: runs of letters or digits, and every other non-space character alone. */
    private static final Pattern WORD = Pattern.compile(
            "[\\p{L}\\p{M}]+|\\p{N}+|[^\\s\\p{L}\\p{M}\\p{N}]");

    /**
     * Text as the words BPE and a word model both read (subword-nmt expects tokenized text): spacing is lost, so both
     * model exactly the string {@code String.join(" ", words)}.
     */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A word's pieces, the last ending in {@link #EOW}. */
    public List<String> encode(String word) {
        return cache.computeIfAbsent(word, this::encodeUncached);
    }

    private List<String> encodeUncached(String word) {
        List<String> s = new ArrayList<>();
        word.codePoints().forEach(c -> s.add(Character.toString(c)));
        s.add(EOW);
        while (s.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int j = 0; j + 1 < s.size(); j++) {
                Integer r = rank.get(s.get(j) + " " + s.get(j + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            s.set(best, s.get(best) + s.remove(best + 1));
        }
        return List.copyOf(s);
    }

    /** Pieces of many words, in order. */
    public List<String> encodeAll(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.addAll(encode(w));
        }
        return out;
    }

    /** The words' text: pieces joined, each {@link #EOW} a space (none after the last word). */
    public static String decode(List<String> pieces) {
        String s = String.join("", pieces).replace(EOW, " ");
        return s.endsWith(" ") ? s.substring(0, s.length() - 1) : s;
    }
}
