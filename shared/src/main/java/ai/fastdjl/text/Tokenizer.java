package ai.fastdjl.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fastai's word tokenizer: its text rules (special tokens for the beginning of a text, capitalised and all-caps
 * words, repeated characters and words; HTML clean-up) followed by a word splitter shaped like spaCy's English
 * tokenizer (punctuation, contractions, hyphens), all in plain Java.
 *
 * <p>The rules are fastai's {@code defaults.text_proc_rules}, in its order, with its regular expressions:
 * {@code fix_html, replace_rep, replace_wrep, spec_add_spaces, rm_useless_spaces, replace_all_caps, replace_maj,
 * lowercase}. So {@code "I LOVE it!!!!"} becomes {@code xxbos i xxup love it xxrep 4 !}: the model sees one
 * lower-case word plus a marker instead of three spellings of "love".
 *
 * <p>The splitter follows spaCy's behaviour on English text where fastai's output shows it (its documented examples
 * are in the tests): a single space separates tokens, a run of whitespace holding line breaks becomes one token of
 * those line breaks ({@code "\n\n"} for a paragraph), prefixes such as {@code ( " $} and suffixes such as
 * {@code , . ! ? ) "} split off, English clitics split ({@code don't → do n't}, {@code it's → it 's}), hyphens
 * between letters split ({@code well-known → well - known}), and periods inside a token stay
 * ({@code fast.ai}, {@code u.s.}). spaCy's long exception lists are not copied: a few abbreviations keep their
 * final period.
 */
public final class Tokenizer {
    // fastai's special tokens (text/core.py), in the order of defaults.text_spec_tok.
    public static final String UNK = "xxunk";
    public static final String PAD = "xxpad";
    public static final String BOS = "xxbos";
    public static final String EOS = "xxeos";
    public static final String FLD = "xxfld";
    public static final String TK_REP = "xxrep";
    public static final String TK_WREP = "xxwrep";
    public static final String TK_UP = "xxup";
    public static final String TK_MAJ = "xxmaj";
    public static final List<String> SPECIAL = List.of(UNK, PAD, BOS, EOS, FLD, TK_REP, TK_WREP, TK_UP, TK_MAJ);

    // fastai's regular expressions, verbatim (Python's \w is Unicode-aware: (?U) where it matters).
    private static final Pattern RE_REP = Pattern.compile("(\\S)(\\1{2,})");
    private static final Pattern RE_WREP = Pattern.compile("(?U)(?:\\s|^)(\\w+)\\s+((?:\\1\\s+)+)\\1(\\s|\\W|$)");
    private static final Pattern RE_SPEC = Pattern.compile("([/#\\\\])");
    private static final Pattern RE_SPACE = Pattern.compile(" {2,}");
    private static final Pattern RE_ALL_CAPS = Pattern.compile("(\\s|^)([A-Z]+[^a-z\\s]*)(?=(\\s|$))");
    private static final Pattern RE_MAJ = Pattern.compile("(\\s|^)([A-Z][^A-Z\\s]*)(?=(\\s|$))");

    /** Characters split off the front of a word (spaCy's prefixes, less the rare ones). */
    private static final String PREFIX = "\"'([{<*$£€¥¿¡“‘«§+=~`…";
    /** Characters split off the end of a word; '.' is handled apart (abbreviations keep theirs). */
    private static final String SUFFIX = "\"')]}>,;:!?%“”’»…*";
    /** English clitics split off the end, longest first ({@code n't} before {@code 't}). */
    private static final List<String> CLITICS = List.of("n't", "n’t", "'s", "’s", "'m", "’m", "'re", "’re", "'ve", "’ve",
            "'ll", "’ll", "'d", "’d");
    /** Words whose final period is part of them (spaCy keeps these as one token). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.",
            "etc.", "inc.", "co.", "ltd.", "no.", "mt.", "prof.", "gen.", "gov.", "rev.", "capt.", "col.", "lt.",
            "messrs.", "oz.", "lb.", "lbs.", "approx.");
    /** Infixes: dashes between letters, runs of dashes, ellipses, commas glued between letters. */
    private static final Pattern INFIX = Pattern.compile(
            "(?<=\\p{L})(-|–|—|~)(?=\\p{L})|--+|—+|…|(?<=\\p{L})[,;!?](?=\\p{L})");

    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("hellip", "…"),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("eacute", "é"), Map.entry("deg", "°"));
    private static final Pattern RE_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>");
    private static final Pattern RE_ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    private Tokenizer() {}

    /** The tokens of one text, beginning with {@link #BOS}. */
    public static List<String> tokenize(String text) {
        return split(preprocess(text));
    }

    /** The tokens of each text (in parallel: tokenizing a corpus of millions of words is the slow part). */
    public static List<List<String>> tokenizeAll(List<String> texts) {
        return texts.parallelStream().map(Tokenizer::tokenize).toList();
    }

    /** fastai's rules on the raw string, ending with lower case and a leading {@code xxbos}. */
    public static String preprocess(String t) {
        t = fixHtml(t);
        t = replaceRep(t);
        t = replaceWrep(t);
        t = RE_SPEC.matcher(t).replaceAll(" $1 ");
        t = RE_SPACE.matcher(t).replaceAll(" ");
        t = replaceCase(RE_ALL_CAPS, TK_UP, t);
        t = replaceCase(RE_MAJ, TK_MAJ, t);
        return BOS + " " + t.toLowerCase(Locale.ROOT).strip();
    }

    /**
     * fastai's {@code fix_html}: the odd encodings of scraped reviews, HTML entities, {@code <br />} as a line
     * break. Two additions: well-formed entities are decoded first ({@code "&amp;quot;"} would otherwise become
     * {@code "&'"}: fastai's rules expect the bare {@code "quot;"} of IMDb's scrape), and other tags ({@code <a
     * href=…>}, {@code <p>}, {@code </span>}: 100 of them in the Amazon reviews) become a space, not tokens of URLs.
     */
    static String fixHtml(String x) {
        x = unescapeHtml(x);
        x = x.replace("#39;", "'").replace("amp;", "&").replace("#146;", "'").replace("nbsp;", " ")
                .replace("#36;", "$").replace("\\n", "\n").replace("quot;", "'").replace("<br />", "\n")
                .replace("\\\"", "\"").replace("<unk>", UNK).replace(" @.@ ", ".").replace(" @-@ ", "-")
                .replace("...", " …");
        // <br> and <br/> are spelled several ways in reviews; fastai knows only "<br />"
        x = x.replace("<br/>", "\n").replace("<br>", "\n");
        return RE_TAG.matcher(unescapeHtml(x)).replaceAll(" ");
    }

    /** Python's {@code html.unescape} for numeric entities and the common named ones. */
    static String unescapeHtml(String x) {
        if (x.indexOf('&') < 0) {
            return x;
        }
        Matcher m = RE_ENTITY.matcher(x);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String rep;
            try {
                if (e.startsWith("#x") || e.startsWith("#X")) {
                    rep = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
                } else if (e.startsWith("#")) {
                    rep = new String(Character.toChars(Integer.parseInt(e.substring(1))));
                } else {
                    rep = ENTITIES.getOrDefault(e, m.group());
                }
            } catch (IllegalArgumentException bad) {
                rep = m.group();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {@code cccc → " xxrep 4 c "}. */
    static String replaceRep(String t) {
        return RE_REP.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                " " + TK_REP + " " + (m.group(2).length() + 1) + " " + m.group(1) + " "));
    }

    /** {@code word word word → " xxwrep 3 word "}. */
    static String replaceWrep(String t) {
        return RE_WREP.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                " " + TK_WREP + " " + (m.group(2).trim().split("\\s+").length + 2) + " " + m.group(1) + " "
                        + m.group(3)));
    }

    /** fastai's {@code replace_all_caps}/{@code replace_maj}: a marker before words longer than one letter. */
    private static String replaceCase(Pattern re, String tok, String t) {
        return re.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + (m.group(2).length() > 1 ? tok + " " : "") + m.group(2).toLowerCase(Locale.ROOT)));
    }

    /** Splits a pre-processed string into tokens (the spaCy step). */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                int j = i;
                StringBuilder breaks = new StringBuilder();
                while (j < n && Character.isWhitespace(s.charAt(j))) {
                    if (s.charAt(j) == '\n') {
                        breaks.append('\n');
                    }
                    j++;
                }
                if (breaks.length() > 0) {
                    out.add(breaks.toString());
                }
                i = j;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                splitWord(s.substring(i, j), out);
                i = j;
            }
        }
        return out;
    }

    private static void splitWord(String w, List<String> out) {
        if (w.startsWith("xx") && SPECIAL.contains(w)) {
            out.add(w);
            return;
        }
        // prefixes; a period before a letter too (fastbook: "www.fast.ai" → "xxrep 3 w . fast.ai")
        while (w.length() > 1 && (PREFIX.indexOf(w.charAt(0)) >= 0
                || w.charAt(0) == '.' && Character.isLetter(w.charAt(1)))) {
            out.add(w.substring(0, 1));
            w = w.substring(1);
        }
        // suffixes, collected right to left
        List<String> tail = new ArrayList<>();
        boolean changed = true;
        while (changed && w.length() > 1) {
            changed = false;
            char last = w.charAt(w.length() - 1);
            if (SUFFIX.indexOf(last) >= 0) {
                tail.add(0, w.substring(w.length() - 1));
                w = w.substring(0, w.length() - 1);
                changed = true;
            } else if (last == '.' && !keepsPeriod(w)) {
                tail.add(0, ".");
                w = w.substring(0, w.length() - 1);
                changed = true;
            } else {
                for (String c : CLITICS) {
                    if (w.length() > c.length() && w.endsWith(c)) {
                        tail.add(0, w.substring(w.length() - c.length()));
                        w = w.substring(0, w.length() - c.length());
                        changed = true;
                        break;
                    }
                }
            }
        }
        // infixes
        Matcher m = INFIX.matcher(w);
        int start = 0;
        while (m.find()) {
            if (m.start() > start) {
                out.add(w.substring(start, m.start()));
            }
            out.add(m.group());
            start = m.end();
        }
        if (start < w.length()) {
            out.add(w.substring(start));
        }
        out.addAll(tail);
    }

    /** A final period stays on abbreviations ("mr.") and on dotted words ("u.s.", "e.g."). */
    private static boolean keepsPeriod(String w) {
        if (ABBREVIATIONS.contains(w)) {
            return true;
        }
        // "u.s." / "e.g.": letters separated by single periods
        return w.length() >= 4 && w.matches("(\\p{L}\\.){2,}");
    }

    /**
     * Readable text from tokens, undoing the special tokens (fastai's {@code decode_spec_tokens}) and the spaces
     * around punctuation.
     */
    public static String detokenize(List<String> tokens) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (t) {
                case BOS, PAD, EOS, FLD -> { }
                case TK_MAJ -> { // a marker before another special token (a model's output may do that) is dropped
                    if (next != null && !SPECIAL.contains(next)) {
                        words.add(next.isEmpty() ? next : Character.toUpperCase(next.charAt(0)) + next.substring(1));
                        i++;
                    }
                }
                case TK_UP -> {
                    if (next != null && !SPECIAL.contains(next)) {
                        words.add(next.toUpperCase(Locale.ROOT));
                        i++;
                    }
                }
                case TK_REP, TK_WREP -> {
                    if (i + 2 < tokens.size() && next.matches("[0-9]+")) {
                        int k = Math.min(Integer.parseInt(next), 20);
                        String unit = tokens.get(i + 2);
                        words.add(t.equals(TK_REP) ? unit.repeat(k) : String.join(" ", java.util.Collections.nCopies(k, unit)));
                        i += 2;
                    }
                }
                default -> words.add(t);
            }
        }
        String s = String.join(" ", words);
        s = s.replaceAll(" ([.,!?;:%)\\]}…]+|n't|'s|'m|'re|'ve|'ll|'d)(?=\\s|$)", "$1");
        s = s.replaceAll("([(\\[{$]) ", "$1");
        return s.replaceAll(" ?\n ?", "\n").strip();
    }
}
