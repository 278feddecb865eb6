package ai.fastdjl.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written strings and the exact tokens fastai's rules and a spaCy-like splitter give them. */
class TokenizerTest {

    private static void assertTokens(String text, String... expected) {
        assertEquals(List.of(expected), Tokenizer.tokenize(text), text);
    }

    @Test
    void fastaisDocumentedExamples() {
        // fastai's Tokenizer docs
        assertTokens("This isn't the easiest text to tokenize with fastai",
                "xxbos", "xxmaj", "this", "is", "n't", "the", "easiest", "text", "to", "tokenize", "with", "fastai");
        // fastbook chapter 10: rep, url-ish words, spec_add_spaces and all caps in one string
        assertTokens("© Fast.ai www.fast.ai/INDEX",
                "xxbos", "©", "xxmaj", "fast.ai", "xxrep", "3", "w", ".", "fast.ai", "/", "xxup", "index");
    }

    @Test
    void capsAndRepeatsBecomeMarkersBeforeLowerCase() {
        // a one-letter capital gets no marker (fastai: only words longer than one letter)
        assertTokens("I LOVE it!!!!", "xxbos", "i", "xxup", "love", "it", "xxrep", "4", "!");
        assertTokens("sooo good", "xxbos", "s", "xxrep", "3", "o", "good");
        assertTokens("ah ah ah, well-known <br />Don't",
                "xxbos", "xxwrep", "3", "ah", ",", "well", "-", "known", "\n", "xxmaj", "do", "n't");
    }

    @Test
    void punctuationContractionsAndAbbreviations() {
        assertTokens("The U.S. costs $5.50 (really).",
                "xxbos", "xxmaj", "the", "xxup", "u.s.", "costs", "$", "5.50", "(", "really", ")", ".");
        assertTokens("I'm sure we'll see, you've",
                "xxbos", "xxmaj", "i", "'m", "sure", "we", "'ll", "see", ",", "you", "'ve");
        assertTokens("Mr. Smith: tea--or coffee?",
                "xxbos", "xxmaj", "mr.", "xxmaj", "smith", ":", "tea", "--", "or", "coffee", "?");
    }

    @Test
    void htmlLineBreaksAndEntities() {
        // a review's two <br /> make one paragraph token
        assertTokens("Great product<br /><br />Would buy again.",
                "xxbos", "xxmaj", "great", "product", "\n\n", "xxmaj", "would", "buy", "again", ".");
        // fastai's fix_html examples: the bare "amp;", "#39;" of scraped reviews, "..." as an ellipsis
        assertEquals("Sarah & Duck …", Tokenizer.fixHtml("Sarah amp; Duck..."));
        assertEquals("' .-", Tokenizer.fixHtml("quot;  @.@  @-@ ").strip());
        // well-formed entities too, and tags other than <br /> are markup, not words
        assertTokens("Ben &amp; Jerry#39;s &quot;best&quot;",
                "xxbos", "xxmaj", "ben", "&", "xxmaj", "jerry", "'s", "\"", "best", "\"");
        assertTokens("Try <a href=\"http://www.amazon.com/dp/B0001\">Cocoa</a> now",
                "xxbos", "xxmaj", "try", "xxmaj", "cocoa", "now");
    }

    @Test
    void detokenizeUndoesMarkersAndSpacing() {
        assertEquals("This isn't the easiest text.", Tokenizer.detokenize(Tokenizer.tokenize(
                "This isn't the easiest text.")));
        assertEquals("i LOVE it!!!!", Tokenizer.detokenize(Tokenizer.tokenize("I LOVE it!!!!")));
        assertEquals("Great product\n\nWould buy again.", Tokenizer.detokenize(Tokenizer.tokenize(
                "Great product<br /><br />Would buy again.")));
        // a capital marker a model put before another special token is dropped, not spelled "Xxmaj"
        assertEquals("Good", Tokenizer.detokenize(List.of("xxbos", "xxmaj", "xxmaj", "good")));
    }
}
