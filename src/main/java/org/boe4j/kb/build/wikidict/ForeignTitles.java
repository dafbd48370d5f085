package org.boe4j.kb.build.wikidict;

import org.boe4j.kb.build.wordfreq.WordFrequencies;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Titles of the dictionary that are not English Wikipedia titles ({@code Seconde_Guerre_mondiale},
 * {@code 日本}). The dictionary's own row for such a title maps the title to itself, and there is no redirect or
 * title list in the artifact, so they cannot be mapped to the English article: they are detected and dropped
 * (counted as {@code foreign-title}). The only mapping applied to every title is the display form
 * ({@code WikiTitles.normalize}: underscores to spaces, first letter upper case).
 *
 * <p>Rules: (1) a letter outside the Latin script (English titles are Latin, diacritics included: "Ōsaka" stays);
 * (2) the title's lower-case words of 4+ letters (English titles write function words and common nouns in lower
 * case after the first word, names capitalised) are all missing from English wordfreq, and at least one of them is
 * in the French, German, Italian or Spanish list ("mondiale", "Guerre" is capitalised and ignored). A title
 * without such words ("Angela_Merkel", "Nome,_Alaska") is kept.
 */
public final class ForeignTitles {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[_ ,()\\-–:'.]+");

    private final WordFrequencies english = WordFrequencies.embedded("en");
    private final List<WordFrequencies> others = List.of(WordFrequencies.embedded("fr"),
            WordFrequencies.embedded("de"), WordFrequencies.embedded("it"), WordFrequencies.embedded("es"));

    /** "foreign-title" when the title is not English by the rules above, else null. */
    public String reason(String title) {
        for (int i = 0; i < title.length(); ) {
            int cp = title.codePointAt(i);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                return "foreign-title";
            }
            i += Character.charCount(cp);
        }
        String[] words = WORD_SEPARATORS.split(title);
        boolean anyForeign = false;
        int lowerWords = 0;
        for (int w = 1; w < words.length; w++) {
            String word = words[w];
            if (word.length() < 4 || !word.chars().allMatch(Character::isLowerCase)) {
                continue;
            }
            lowerWords++;
            if (english.frequency(word) > 0) {
                return null;
            }
            for (WordFrequencies o : others) {
                anyForeign |= o.frequency(word) > 0;
            }
        }
        return lowerWords > 0 && anyForeign ? "foreign-title" : null;
    }
}
