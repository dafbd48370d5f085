package org.boe4j.kb.build.wikipedia;

/**
 * MediaWiki title normalisation for link targets and page titles of a "first-letter" wiki: character
 * references decoded, underscores are spaces, runs of white space collapse to one space, trimmed, and the
 * first letter upper-cased ({@code [[anarchism]]} and {@code [[Anarchism]]} name the same page).
 * A section ({@code #History}) is dropped: the link goes to the page.
 *
 * <p>Kept here until the KB core's {@code WikiTitles} is merged; the two must agree (the lead dedupes).
 */
public final class DumpTitles {

    private DumpTitles() {
    }

    /**
     * Normalises a link target or page title; returns "" when nothing is left (e.g. a link to a section of the
     * same page, {@code [[#History]]}).
     *
     * @param firstLetterCase whether the wiki upper-cases the first letter (siteinfo {@code <case>first-letter})
     */
    public static String normalize(String raw, boolean firstLetterCase) {
        String s = HtmlEntities.decode(raw);
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        if (firstLetterCase && out.length() > 0) {
            int first = out.codePointAt(0);
            int upper = Character.toUpperCase(first);
            if (upper != first) {
                out.replace(0, Character.charCount(first), new String(Character.toChars(upper)));
            }
        }
        return out.toString();
    }
}
