package org.boe4j.kb;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;

/**
 * Where a mention may start or end (docs/method.md §2: space-delimited scripts match on token boundaries;
 * Chinese, Japanese, Thai and other scripts written without spaces match anywhere).
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
 */
public final class WordBoundaries {

    private static final int[] NO_SPACE_SCRIPTS = {UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA, UScript.THAI,
            UScript.LAO, UScript.KHMER, UScript.MYANMAR, UScript.TIBETAN, UScript.YI, UScript.JAVANESE,
            UScript.BALINESE};

    private WordBoundaries() {
    }

    /** True when a mention may start or end at UTF-16 index {@code pos} of {@code text}. */
    public static boolean isBoundary(CharSequence text, int pos) {
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

    static boolean isWrittenWithoutSpaces(int cp) {
        if (cp < 0x0E00) {
            return false;
        }
        for (int script : NO_SPACE_SCRIPTS) {
            if (UScript.hasScript(cp, script)) {
                return true;
            }
        }
        return false;
    }
}
