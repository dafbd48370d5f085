package org.boe4j.kb.build.wikidict;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rows of the crosswikis dictionary that are not anchor text a document would contain, and titles that are not
 * English article titles. About 30% of the 20.9M rows are web anchors that point at Wikipedia itself
 * ({@code http://en.wikipedia.org/wiki/...}, {@code en:Paris}, {@code Paris - Wikipedia, the free encyclopedia},
 * {@code yago:Paris}); matching them in text would never happen, and keeping them costs memory. Each rule returns
 * a short reason (counted per reason in the KB header), or null when the row is kept. The rules, in order:
 * <ol>
 *   <li>{@code url}: the surface contains "://", starts with "www." or contains a host-like "wikipedia.org",
 *       ".com/", ".org/" etc.;</li>
 *   <li>{@code prefix}: the surface starts with an interwiki or namespace-like prefix: 1-12 ASCII letters (or
 *       a language code with a hyphen) followed by ':' and no space ("en:Paris", "yago:Paris", "fr:Paris",
 *       "wikt:paris", "Category:Paris"); "Star Wars: Episode I" has a space after the colon and stays;</li>
 *   <li>{@code wikipedia}: the surface names Wikipedia itself in any of the languages seen in the data
 *       ("Wikipedia", "Википеди", "ウィキペディア", "维基百科", "維基百科", "위키백과", "ויקיפדיה", "ويكيبيديا"):
 *       "Paris - Wikipedia", "!!! в Википедии", "Wikipedia英語版 - !!!";</li>
 *   <li>{@code percent-encoded} / {@code underscore}: "%21%21%21" or "Chk_Chk_Chk" (URL path pieces);</li>
 *   <li>{@code no-letter}: no letter at all ("!!!", "1984", "---"): such strings are numbers or punctuation in
 *       running text far more often than names;</li>
 *   <li>{@code title}: the title is not an article of the main namespace ("Wikipedia:...", "File:...",
 *       "Category:...", "Template:...", "Help:...", "Portal:...", "Special:..."), or is empty.</li>
 * </ol>
 * Titles in another language ("Seconde_Guerre_mondiale") are handled by {@link TitleMapper}, not here.
 */
public final class JunkRules {

    private static final Pattern NAMESPACE_TITLE = Pattern.compile(
            "^(?:Wikipedia|WP|File|Image|Category|Template|Help|Portal|Special|Talk|User|MediaWiki|Module|Draft|Book"
                    + "|TimedText|Media)(?:_talk)?:", Pattern.CASE_INSENSITIVE);
    private static final String[] WIKIPEDIA = {"wikipedia", "wikipédia", "wikipedie", "vikipedi", "википеди",
        "ウィキペディア", "维基百科", "維基百科", "위키백과", "ויקיפדיה", "ويكيبيديا"};
    private static final Pattern LANGUAGE_VARIANT = Pattern.compile("[a-z]{2,3}-[a-z]{2,8}");
    private static final String[] HOST_ENDINGS = {".com", ".org", ".net", ".html", ".htm", ".php"};

    private JunkRules() {
    }

    /** Why the row is junk, or null when it is kept. {@code surface} and {@code title} as written in the file. */
    public static String reason(String surface, String title) {
        if (title.isEmpty() || NAMESPACE_TITLE.matcher(title).find()) {
            return "title";
        }
        if (isUrl(surface)) {
            return "url";
        }
        if (hasPrefix(surface)) {
            return "prefix";
        }
        String lower = surface.toLowerCase(Locale.ROOT);
        for (String w : WIKIPEDIA) {
            if (lower.contains(w)) {
                return "wikipedia";
            }
        }
        if (isPercentEncoded(surface)) {
            return "percent-encoded";
        }
        if (surface.indexOf('_') >= 0) {
            return "underscore";
        }
        if (!hasLetter(surface)) {
            return "no-letter";
        }
        return null;
    }

    private static boolean isUrl(String s) {
        if (s.contains("://") || s.startsWith("www.")) {
            return true;
        }
        for (String end : HOST_ENDINGS) {
            int i = s.indexOf(end);
            while (i >= 0) {
                int after = i + end.length();
                if (after == s.length() || s.charAt(after) == '/') {
                    return true;
                }
                i = s.indexOf(end, i + 1);
            }
        }
        return false;
    }

    /** 1-12 ASCII letters, or xx(x)-yyyy, then ':' and a non-space. */
    private static boolean hasPrefix(String s) {
        int colon = s.indexOf(':');
        if (colon < 1 || colon > 12 || colon + 1 >= s.length() || Character.isWhitespace(s.charAt(colon + 1))) {
            return false;
        }
        boolean letters = true;
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            letters &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        if (letters) {
            return true;
        }
        return LANGUAGE_VARIANT.matcher(s.substring(0, colon)).matches();
    }

    private static boolean isPercentEncoded(String s) {
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
            if (Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                return true;
            }
        }
        return false;
    }

    static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** The reasons {@link #reason} can return, for reports. */
    public static String[] reasons() {
        return new String[] {"title", "url", "prefix", "wikipedia", "percent-encoded", "underscore", "no-letter"};
    }
}
