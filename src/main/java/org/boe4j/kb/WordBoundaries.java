package org.boe4j.kb;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

import java.util.BitSet;

/**
 * Where a mention may start or end (docs/method.md §2: space-delimited scripts match on token boundaries;
 * Chinese, Japanese and other scripts written without spaces match anywhere; Thai, Lao, Khmer and Myanmar on the
 * words of ICU's dictionary segmentation).
 *
 * <p>A position between code points a and b is a boundary when either side is the text's edge, either side
 * is not a word character (letter, mark or digit), or either side belongs to a script written without
 * spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, including characters whose Script_Extensions
 * contain one of them, such as the prolonged sound mark ー). So "Paris" matches in "Paris," and "l'Italie"
 * but not in "Parisienne", and "東京" matches inside "東京都". Deciding by the characters, not the language,
 * also handles Latin names inside Japanese text ("EUの").
 *
 * <p>One exception, measured on SIB-200 Japanese: a position between two Katakana characters is not a
 * boundary. Katakana writes loanwords as one unbroken run, so a Katakana name inside a longer run is
 * another word: without the rule "タイ" (Thailand) was found 12 times in 1,004 sentences; 12 of its 13
 * occurrences there are inside other words ("タイブレーク" tie-break, "タイプ" type, "タイム" time, "ライフスタイル" lifestyle, ...).
 *
 * <p>A second one, measured on SIB-200 Thai: between two characters of Thai, Lao, Khmer or Myanmar (scripts that
 * separate phrases, not words, with spaces) a position is a boundary only where ICU's dictionary word segmentation
 * puts one. Without it the ICU KB's two-letter name "กา" (Ga language) matched inside "การ", one of the commonest
 * Thai words, in most sentences: 75% of the 1,004 sentences had an entity, at a precision of 0.21 (docs/kb.md).
 * The segmentation is computed once per text ({@link #of}), and only for a text that has such characters.
 */
public final class WordBoundaries {

    private static final int[] NO_SPACE_SCRIPTS = {UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA, UScript.THAI,
            UScript.LAO, UScript.KHMER, UScript.MYANMAR, UScript.TIBETAN, UScript.YI, UScript.JAVANESE,
            UScript.BALINESE};

    private static final int[] DICTIONARY_SCRIPTS = {UScript.THAI, UScript.LAO, UScript.KHMER, UScript.MYANMAR};

    private final CharSequence text;
    /** ICU's word boundaries of {@link #text}, or null when it has no character of {@link #DICTIONARY_SCRIPTS}. */
    private final BitSet dictionaryBreaks;

    private WordBoundaries(CharSequence text, BitSet dictionaryBreaks) {
        this.text = text;
        this.dictionaryBreaks = dictionaryBreaks;
    }

    /** The boundaries of one text: build once per text, then ask {@link #isBoundary(int)} per position. */
    public static WordBoundaries of(CharSequence text) {
        return new WordBoundaries(text, dictionaryBreaks(text));
    }

    private static BitSet dictionaryBreaks(CharSequence text) {
        boolean any = false;
        for (int i = 0; i < text.length() && !any; i++) {
            any = isDictionarySegmented(text.charAt(i));
        }
        if (!any) {
            return null;
        }
        BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT); // dictionary-based for these scripts
        words.setText(text.toString());
        BitSet breaks = new BitSet(text.length() + 1);
        for (int b = words.first(); b != BreakIterator.DONE; b = words.next()) {
            breaks.set(b);
        }
        return breaks;
    }

    /** True when a mention may start or end at UTF-16 index {@code pos} of this text. */
    public boolean isBoundary(int pos) {
        if (pos <= 0 || pos >= text.length()) {
            return true;
        }
        if (dictionaryBreaks != null && isDictionarySegmented(text.charAt(pos - 1))
                && isDictionarySegmented(text.charAt(pos))) {
            return dictionaryBreaks.get(pos);
        }
        return characterBoundary(text, pos);
    }

    /** The rule without the dictionary segmentation (the class comment's first paragraph and Katakana rule). */
    private static boolean characterBoundary(CharSequence text, int pos) {
        if (pos <= 0 || pos >= text.length()) {
            return true;
        }
        int before = Character.codePointBefore(text, pos);
        int after = Character.codePointAt(text, pos);
        if (!isWordChar(before) || !isWordChar(after)) {
            return true;
        }
        if (isKatakana(before) && isKatakana(after)) {
            return false;
        }
        return isWrittenWithoutSpaces(before) || isWrittenWithoutSpaces(after);
    }

    /** Katakana letters and the prolonged sound mark (ー, Script=Common, Script_Extensions={Hira, Kana}). */
    static boolean isKatakana(int cp) {
        return cp >= 0x30A0 && cp <= 0x30FF && cp != 0x30FB /* ・ separates words */
                || cp >= 0x31F0 && cp <= 0x31FF || cp >= 0xFF66 && cp <= 0xFF9F;
    }

    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        int type = UCharacter.getType(cp);
        return UCharacter.isLetterOrDigit(cp) || type == UCharacterCategory.NON_SPACING_MARK
                || type == UCharacterCategory.COMBINING_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK
                || type == UCharacterCategory.LETTER_NUMBER;
    }

    /** Thai, Lao, Khmer and Myanmar: all in the BMP, so a char is a code point. */
    static boolean isDictionarySegmented(char c) {
        return hasScript(c, DICTIONARY_SCRIPTS);
    }

    static boolean isWrittenWithoutSpaces(int cp) {
        return hasScript(cp, NO_SPACE_SCRIPTS);
    }

    /** Script or Script_Extensions of {@code cp} among {@code scripts} (all of them start at U+0E00 or later). */
    private static boolean hasScript(int cp, int[] scripts) {
        if (cp < 0x0E00) {
            return false;
        }
        for (int script : scripts) {
            if (UScript.hasScript(cp, script)) {
                return true;
            }
        }
        return false;
    }
}
