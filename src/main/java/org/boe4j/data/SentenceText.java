package org.boe4j.data;

import java.util.List;
import java.util.Set;

/**
 * Tokens back to a sentence: joined by one space, except where writing puts none. MultiCoNER splits Chinese into
 * single characters ({@code 约 瑟 夫 · 斯 大 林}); with spaces between them no KB name ({@code 斯大林}) could ever
 * match, while BERT splits CJK characters anyway. So no space goes between two tokens when one side is in a script
 * written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) and the other side is such a
 * script too, or is no letter at all (digits, punctuation: {@code 2008 年} -> {@code 2008年}, {@code 夫 ·} ->
 * {@code 夫·}). Latin words next to Chinese keep their space.
 */
final class SentenceText {

    private static final Set<Character.UnicodeScript> UNSPACED = Set.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR,
            Character.UnicodeScript.TIBETAN);

    private SentenceText() {
    }

    /**
     * The sentence; {@code starts[i]} receives the UTF-16 start of token i (the array has room for at least
     * {@code tokens.size()} entries).
     */
    static String join(List<String> tokens, int[] starts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (i > 0 && spaceBetween(tokens.get(i - 1), t)) {
                sb.append(' ');
            }
            starts[i] = sb.length();
            sb.append(t);
        }
        return sb.toString();
    }

    /** The UTF-16 end of the span ending before token {@code endToken} (exclusive). */
    static int end(List<String> tokens, int[] starts, int endToken) {
        return starts[endToken - 1] + tokens.get(endToken - 1).length();
    }

    static boolean spaceBetween(String left, String right) {
        int a = left.codePointBefore(left.length());
        int b = right.codePointAt(0);
        boolean ua = unspaced(a);
        boolean ub = unspaced(b);
        return !((ua && (ub || !Character.isLetter(b))) || (ub && !Character.isLetter(a)));
    }

    private static boolean unspaced(int codePoint) {
        return UNSPACED.contains(Character.UnicodeScript.of(codePoint));
    }
}
