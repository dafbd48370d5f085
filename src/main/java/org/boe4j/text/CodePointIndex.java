package org.boe4j.text;

/**
 * Converts code-point indices into Java {@code String} (UTF-16) indices for one text. The Rust tokenizer behind
 * DJL reports character offsets in Unicode code points; Java strings index UTF-16 units, so every character
 * outside the Basic Multilingual Plane (emoji, rare CJK ideographs such as U+20BB7) shifts all later offsets by
 * one unless converted.
 */
final class CodePointIndex {

    private final String text;
    private final int codePoints;
    /** {@code utf16[i]} = UTF-16 index of code point {@code i}; null when the text has no surrogate pairs. */
    private final int[] utf16;

    CodePointIndex(String text) {
        this.text = text;
        this.codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            utf16 = null;
        } else {
            utf16 = new int[codePoints + 1];
            for (int cp = 0, i = 0; cp < codePoints; cp++) {
                utf16[cp] = i;
                i += Character.charCount(text.codePointAt(i));
            }
            utf16[codePoints] = text.length();
        }
    }

    /** The UTF-16 index of code point {@code codePoint}, which may be one past the last. */
    int toUtf16(long codePoint) {
        if (codePoint < 0 || codePoint > codePoints) {
            throw new IllegalStateException("tokenizer offset " + codePoint + " lies outside the text's "
                    + codePoints + " code points: '" + text + "'");
        }
        return utf16 == null ? (int) codePoint : utf16[(int) codePoint];
    }
}
