package org.boe4j.io;

/**
 * Text from inputs, model cards and KB files made safe to print on a terminal or in a tab-separated column.
 *
 * <p>Why: a text (or a label, entity title, path) may hold ESC, BEL, NUL or other control characters; printed raw,
 * an ESC sequence can rewrite the screen, retitle the window or hide earlier output, and a tab or newline breaks a
 * TSV row. Every control character is therefore written as an escape, as in a C or Java string literal: {@code \t}
 * {@code \n} {@code \r}, {@code \\} for the backslash itself (so that the escaped form is unambiguous), {@code \xNN}
 * for the other C0 and C1 controls and DEL, and {@code \}{@code uNNNN} for the Unicode line and paragraph separators.
 * Printable text, non-Latin scripts and emoji are unchanged.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code s} with every control character escaped (see the class comment). */
    public static String escape(String s) {
        return escape(s, false);
    }

    /**
     * As {@link #escape(String)}, but line breaks ({@code \n}) stay and a backslash is not doubled: for messages,
     * which may span lines and name Windows paths, and are not a data column.
     */
    public static String escapeKeepingNewlines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c, keepNewlines)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c <= 0xFF ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c, boolean keepNewlines) {
        if (c == '\n') {
            return !keepNewlines;
        }
        return c == '\\' && !keepNewlines || c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
    }

    /**
     * A JSON text with DEL and the C1 controls (U+007F-U+009F), which JSON allows unescaped and Gson writes raw, as
     * {@code \}{@code u00NN} escapes: the same JSON value, safe on a terminal. (Gson already escapes C0 controls
     * and the line separators.) Such characters occur only inside strings, so replacing them is always valid.
     */
    public static String jsonWithEscapedControls(String json) {
        int i = 0;
        while (i < json.length() && !(json.charAt(i) >= 0x7F && json.charAt(i) <= 0x9F)) {
            i++;
        }
        if (i == json.length()) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 16).append(json, 0, i);
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7F && c <= 0x9F) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
