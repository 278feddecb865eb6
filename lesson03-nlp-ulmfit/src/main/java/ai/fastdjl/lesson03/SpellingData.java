package ai.fastdjl.lesson03;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.CmuDict;
import ai.fastdjl.seq.Seq2Seq;
import ai.fastdjl.text.SortedPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The spelling bee's vocabularies: phonemes in (id 0 is padding, then the training words' phonemes in sorted
 * order), letters out ({@link Seq2Seq#PAD}, {@link Seq2Seq#BOS}, {@link Seq2Seq#EOS}, then A-Z, and every target
 * ends in EOS).
 */
public final class SpellingData {
    /** The course's spelling bee kept words of up to 15 letters; 20 keeps the long tail that attention is for. */
    public static final int MAX_LETTERS = 20;
    private static final int FIRST_LETTER = 3;

    private final List<String> phonemes = new ArrayList<>();
    private final int maxLetters;

    public SpellingData(List<CmuDict.Entry> train, int maxLetters) {
        TreeSet<String> ph = new TreeSet<>();
        train.forEach(e -> ph.addAll(e.phonemes()));
        phonemes.add("<pad>");
        phonemes.addAll(ph);
        this.maxLetters = maxLetters;
    }

    public int srcVocab() {
        return phonemes.size();
    }

    public int tgtVocab() {
        return FIRST_LETTER + 26;
    }

    public int maxLetters() {
        return maxLetters;
    }

    /** Phoneme ids of a pronunciation; an unknown phoneme is a one-line error naming the ones the model knows. */
    public int[] phonemeIds(List<String> pron) {
        int[] ids = new int[pron.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = phonemes.indexOf(pron.get(i));
            if (ids[i] <= 0) {
                throw new UserInputException("unknown phoneme \"" + pron.get(i) + "\": the model knows "
                        + String.join(" ", phonemes.subList(1, phonemes.size())));
            }
        }
        return ids;
    }

    /** Letter ids of a word (A-Z), then EOS. */
    public int[] letterIds(String word) {
        int[] ids = new int[word.length() + 1];
        for (int i = 0; i < word.length(); i++) {
            ids[i] = FIRST_LETTER + word.charAt(i) - 'A';
        }
        ids[word.length()] = Seq2Seq.EOS;
        return ids;
    }

    /** The word a decoder spelled (its tokens before EOS; a stray reserved id shows as '?'). */
    public static String spell(int[] tokens) {
        StringBuilder s = new StringBuilder();
        for (int t : tokens) {
            s.append(t >= FIRST_LETTER && t < FIRST_LETTER + 26 ? (char) ('A' + t - FIRST_LETTER) : '?');
        }
        return s.toString();
    }

    /** The spelling bee's words: its train (up to {@code limit}), validation and test words (up to {@code validLimit}). */
    public record Words(int dictionary, List<CmuDict.Entry> allTrain, List<CmuDict.Entry> train,
            List<CmuDict.Entry> valid, List<CmuDict.Entry> test) {}

    /**
     * The dictionary's first pronunciations of A-Z words of up to {@link #MAX_LETTERS}, split by word once with seed
     * 42 (every seed and every variant sees the same words): 5 % validation, 10 % test, the rest training.
     */
    public static Words words(DataLocation data, Integer limit, Integer validLimit) {
        List<CmuDict.Entry> words = CmuDict.spellingBee(CmuDict.entries(data), MAX_LETTERS);
        CmuDict.Split split = CmuDict.split(words, 0.05, 0.1, 42);
        return new Words(words.size(), split.train(), first(split.train(), limit), first(split.valid(), validLimit),
                first(split.test(), validLimit));
    }

    private static List<CmuDict.Entry> first(List<CmuDict.Entry> l, Integer n) {
        return n == null ? l : l.subList(0, Math.min(n, l.size()));
    }

    /** Training or validation pairs, batched by target length ({@link SortedPairs}). */
    public SortedPairs pairs(List<CmuDict.Entry> words, int bs, boolean train) {
        return new SortedPairs(words.stream().map(e -> phonemeIds(e.phonemes())).toList(),
                words.stream().map(e -> letterIds(e.word())).toList(), bs, Seq2Seq.PAD, train);
    }
}
