package org.boe4j.wiki;

import com.ibm.icu.lang.UCharacter;

import java.util.Locale;
import java.util.Set;

/**
 * MediaWiki page-title normalisation, so that link targets, page titles, Wikidata sitelinks and
 * Wikipedia2Vec keys all meet in one canonical form: the title as MediaWiki displays it, with spaces.
 *
 * <p>What MediaWiki does to a title (Title::secureAndSplit / MediaWikiTitleCodec): underscores become spaces,
 * runs of whitespace collapse to one space, leading and trailing whitespace is removed, a fragment
 * ({@code #section}) is not part of the page, and on wikis with {@code $wgCapitalLinks = true} (every
 * Wikipedia except Wiktionary-like projects) the first character is upper-cased. The first-letter rule
 * upper-cases one code point with the full Unicode mapping ({@code ß} stays as is in MediaWiki, which uses
 * a title-case table; we follow the same exception list below).
 */
public final class WikiTitles {

    /** Code points whose upper-case mapping MediaWiki does not apply to the first letter of a title. */
    private static final Set<Integer> FIRST_LETTER_KEEP = Set.of((int) 'ß', 0x0149 /* ŉ */, 0x01F0 /* ǰ */);

    private WikiTitles() {
    }

    /** Normalises a title on a wiki that capitalises the first letter (all Wikipedias). */
    public static String normalize(String title) {
        return normalize(title, true);
    }

    /**
     * Normalises a page title or link target.
     *
     * @param capitalizeFirst MediaWiki's {@code $wgCapitalLinks}: upper-case the first code point
     * @return the canonical title, or the empty string when nothing is left (e.g. a pure fragment link)
     */
    public static String normalize(String title, boolean capitalizeFirst) {
        if (title == null) {
            return "";
        }
        String t = title;
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        t = collapseSpaces(t.replace('_', ' '));
        // A leading colon forces a link to the main namespace ("[[:Category:X]]" shows the page): drop it.
        while (t.startsWith(":")) {
            t = t.substring(1).strip();
        }
        if (capitalizeFirst && !t.isEmpty()) {
            t = upperFirst(t);
        }
        return t;
    }

    /** The underscore form used in URLs and in Wikipedia2Vec files: spaces become underscores. */
    public static String toUnderscores(String title) {
        return normalize(title).replace(' ', '_');
    }

    /** Upper-cases the first code point as MediaWiki's first-letter rule does. */
    public static String upperFirst(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        if (FIRST_LETTER_KEEP.contains(first)) {
            return s;
        }
        int len = Character.charCount(first);
        String head = UCharacter.toUpperCase(Locale.ROOT, s.substring(0, len));
        return head + s.substring(len);
    }

    /** True when the title looks like a Wikidata item id (Q followed by digits). */
    public static boolean isWikidataId(String key) {
        if (key == null || key.length() < 2 || key.charAt(0) != 'Q') {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String collapseSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (UCharacter.isWhitespace(cp) || cp == 0x00A0 || cp == 0x200E || cp == 0x200F) {
                pendingSpace = b.length() > 0;
                continue;
            }
            if (pendingSpace) {
                b.append(' ');
                pendingSpace = false;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
