package org.boe4j.data;

/** Small text checks shared by the readers. */
final class Text {

    private Text() {
    }

    /**
     * True if the text has no visible content: empty, or only white space (including NBSP and the other Unicode
     * spaces). Texts are never trimmed when stored; this only decides whether a row is unusable.
     */
    static boolean isBlank(String s) {
        return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** A short, printable excerpt for error messages. */
    static String excerpt(String s) {
        String one = s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
