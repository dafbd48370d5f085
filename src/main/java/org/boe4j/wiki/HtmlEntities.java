package org.boe4j.wiki;

import java.util.Map;

/**
 * Decodes the HTML character references that appear in wikitext ({@code &nbsp;}, {@code &amp;}, {@code &#91;},
 * {@code &#x2013;}). The XML layer has already decoded one level ({@code &amp;nbsp;} in the file is
 * {@code &nbsp;} in the wikitext); this is the second level that MediaWiki renders.
 * Unknown names are left as written.
 */
public final class HtmlEntities {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("ndash", "\u2013"),
            Map.entry("mdash", "\u2014"), Map.entry("minus", "\u2212"), Map.entry("thinsp", " "),
            Map.entry("ensp", " "), Map.entry("emsp", " "), Map.entry("shy", ""), Map.entry("zwj", "\u200d"),
            Map.entry("zwnj", "\u200c"), Map.entry("lrm", ""), Map.entry("rlm", ""), Map.entry("times", "\u00d7"),
            Map.entry("middot", "\u00b7"), Map.entry("hellip", "\u2026"), Map.entry("deg", "\u00b0"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"),
            Map.entry("bull", "\u2022"), Map.entry("prime", "\u2032"), Map.entry("Prime", "\u2033"));

    private HtmlEntities() {
    }

    /**
     * If a character reference starts at {@code s[i]} (an '&'), appends its decoded text to {@code out} and
     * returns the index after it; otherwise returns -1 and appends nothing.
     */
    static int decodeAt(CharSequence s, int i, StringBuilder out) {
        int end = i + 1;
        int limit = Math.min(s.length(), i + 12);
        while (end < limit && s.charAt(end) != ';' && s.charAt(end) != '&' && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        if (end >= limit || s.charAt(end) != ';' || end == i + 1) {
            return -1;
        }
        String name = s.subSequence(i + 1, end).toString();
        if (name.charAt(0) == '#') {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                if (!Character.isValidCodePoint(cp)) {
                    return -1;
                }
                out.appendCodePoint(cp);
                return end + 1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        String decoded = NAMED.get(name);
        if (decoded == null) {
            return -1;
        }
        out.append(decoded);
        return end + 1;
    }

    /** Decodes every known character reference in {@code s}. */
    public static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            if (s.charAt(i) == '&') {
                int next = decodeAt(s, i, out);
                if (next > 0) {
                    i = next;
                    continue;
                }
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }
}
