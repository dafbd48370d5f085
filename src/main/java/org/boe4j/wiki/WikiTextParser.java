package org.boe4j.wiki;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns MediaWiki wikitext into plain text plus article links, the way Wikipedia2Vec's dump parser
 * (mwparserfromhell, keeping text, wikilinks, external-link titles and bold/italic content) sees a page.
 *
 * <p>What is dropped, with its links (written-down choices):
 * <ul>
 *   <li>templates {@code {{...}}} (nested, and parameters {@code {{{...}}}}): their links are ignored, since
 *       infoboxes and navboxes are not running text and their anchors are not mentions in prose;</li>
 *   <li>tables {@code {| ... |}} (nested; a table starts at the beginning of a line);</li>
 *   <li>{@code <ref>...</ref>} and the content of other non-prose tags ({@code math}, {@code gallery},
 *       {@code pre}, {@code syntaxhighlight}, {@code timeline}, ...); other HTML tags are removed but their
 *       content kept ({@code <small>}, {@code <span>}, {@code <b>});</li>
 *   <li>comments {@code <!-- -->}, headings ({@code == ... ==} lines, as Wikipedia2Vec does), magic words
 *       ({@code __TOC__}), list and indentation markers, bold/italic quotes;</li>
 *   <li>links outside the article namespace: category, file/image, interwiki, interlanguage (see
 *       {@link Namespaces}), with their captions.</li>
 * </ul>
 * An unclosed {@code {{} or {@code [[} is kept as literal text, as MediaWiki renders it. A link trail
 * ({@code [[apple]]s}) is not part of the anchor (as in mwparserfromhell).
 */
public final class WikiTextParser {

    /** Tags whose content is not prose and is dropped together with the tags. */
    private static final Set<String> DROPPED_CONTENT = Set.of("ref", "references", "math", "chem", "ce",
            "gallery", "pre", "code", "syntaxhighlight", "source", "score", "timeline", "graph", "hiero",
            "imagemap", "mapframe", "maplink", "templatedata", "templatestyles", "inputbox", "categorytree",
            "charinsert", "indicator", "section", "noinclude", "includeonly", "onlyinclude", "table", "style",
            "script");

    private static final String[] URL_SCHEMES = {"http://", "https://", "//", "ftp://", "mailto:", "irc://",
        "news:", "ftps://", "sftp://"};

    private final Namespaces namespaces;
    private final boolean firstLetterCase;

    public WikiTextParser(Namespaces namespaces, boolean firstLetterCase) {
        this.namespaces = namespaces;
        this.firstLetterCase = firstLetterCase;
    }

    /** Parses one page's wikitext. */
    public ParsedPage parse(String wikitext) {
        StringBuilder text = new StringBuilder(wikitext.length() / 2);
        List<WikiLink> links = new ArrayList<>();
        scan(wikitext, text, links);
        return new ParsedPage(text.toString(), links);
    }

    /** Plain text of a fragment (link anchors, external-link titles), links inside it ignored. */
    String plain(String fragment) {
        StringBuilder out = new StringBuilder(fragment.length());
        scan(fragment, out, null);
        return collapseSpaces(out);
    }

    private void scan(String s, StringBuilder out, List<WikiLink> links) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean lineStart = i == 0 || s.charAt(i - 1) == '\n';
            if (lineStart) {
                int next = lineStartMarkup(s, i);
                if (next != i) {
                    i = next;
                    continue;
                }
            }
            int next = -1;
            switch (c) {
                case '<' -> next = s.startsWith("<!--", i) ? skipComment(s, i) : tag(s, i, out);
                case '{' -> next = s.startsWith("{{", i) ? skipBalanced(s, i, "{{", "}}") : -1;
                case '[' -> next = s.startsWith("[[", i) ? link(s, i, out, links) : externalLink(s, i, out);
                case '\'' -> next = quotes(s, i);
                case '&' -> next = HtmlEntities.decodeAt(s, i, out);
                case '_' -> next = magicWord(s, i);
                default -> {
                }
            }
            if (next > i) {
                i = next;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /** Headings, tables, horizontal rules and list markers at the start of a line; returns i if none. */
    private static int lineStartMarkup(String s, int i) {
        int j = i;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        if (s.startsWith("{|", j)) {
            return skipTable(s, i);
        }
        if (j < s.length() && s.charAt(j) == '=') {
            int eol = endOfLine(s, j);
            String line = s.substring(j, eol).strip();
            if (line.length() >= 2 && line.endsWith("=")) {
                return eol;
            }
        }
        if (s.startsWith("----", j)) {
            int k = j;
            while (k < s.length() && s.charAt(k) == '-') {
                k++;
            }
            return k;
        }
        int k = j;
        while (k < s.length() && "*#:;".indexOf(s.charAt(k)) >= 0) {
            k++;
        }
        return k > j ? k : i;
    }

    private static int endOfLine(String s, int i) {
        int eol = s.indexOf('\n', i);
        return eol < 0 ? s.length() : eol;
    }

    /** Skips a table {| ... |}, counting nested tables that open at line starts. */
    private static int skipTable(String s, int i) {
        int depth = 0;
        int line = i;
        while (line < s.length()) {
            int eol = endOfLine(s, line);
            String trimmed = s.substring(line, eol).stripLeading();
            if (trimmed.startsWith("{|")) {
                depth++;
            } else if (trimmed.startsWith("|}") && !trimmed.startsWith("|}}")) {
                depth--;
                if (depth == 0) {
                    return eol;
                }
            }
            line = eol + 1;
        }
        return s.length(); // an unclosed table runs to the end of the page, as MediaWiki renders it
    }

    private static int skipComment(String s, int i) {
        int end = s.indexOf("-->", i + 4);
        return end < 0 ? s.length() : end + 3;
    }

    /** Returns the index after the balanced {@code close} of the {@code open} at i, or -1 when unclosed. */
    private static int skipBalanced(String s, int i, String open, String close) {
        int depth = 0;
        int j = i;
        int n = s.length();
        while (j < n) {
            if (s.startsWith(open, j)) {
                depth++;
                j += open.length();
            } else if (s.startsWith(close, j)) {
                depth--;
                j += close.length();
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    private int link(String s, int i, StringBuilder out, List<WikiLink> links) {
        int end = skipBalanced(s, i, "[[", "]]");
        if (end < 0) {
            return -1;
        }
        String inner = s.substring(i + 2, end - 2);
        int pipe = inner.indexOf('|');
        String rawTarget = pipe < 0 ? inner : inner.substring(0, pipe);
        if (rawTarget.indexOf('\n') >= 0 || rawTarget.indexOf('{') >= 0 || rawTarget.indexOf('[') >= 0
                || rawTarget.indexOf('<') >= 0 || rawTarget.isBlank()) {
            return -1; // not a valid link target: MediaWiki shows the brackets as text
        }
        String target = rawTarget.strip();
        boolean leadingColon = target.startsWith(":");
        if (leadingColon) {
            target = target.substring(1).strip();
        }
        if (namespaces.namespaceOf(target) != 0) {
            return end; // category, file, interwiki, interlanguage: not an article link, caption dropped
        }
        String anchor = pipe < 0 ? plain(target) : plain(inner.substring(pipe + 1));
        if (pipe >= 0 && anchor.isEmpty()) {
            anchor = pipeTrick(target);
        }
        out.append(anchor);
        String title = WikiTitles.normalize(HtmlEntities.decode(target), firstLetterCase);
        if (links != null && !title.isEmpty() && !anchor.isEmpty()) {
            links.add(new WikiLink(title, anchor));
        }
        return end;
    }

    /** {@code [[Paris (band)|]]} displays "Paris": the target without its parenthesised qualifier. */
    private static String pipeTrick(String target) {
        String t = target.replace('_', ' ');
        int paren = t.indexOf(" (");
        return (paren > 0 ? t.substring(0, paren) : t).strip();
    }

    /** {@code [http://example.org title]}: keeps the title; a bracket that is not an external link is text. */
    private int externalLink(String s, int i, StringBuilder out) {
        boolean url = false;
        for (String scheme : URL_SCHEMES) {
            if (s.regionMatches(true, i + 1, scheme, 0, scheme.length())) {
                url = true;
                break;
            }
        }
        if (!url) {
            return -1;
        }
        int close = s.indexOf(']', i);
        int eol = endOfLine(s, i);
        if (close < 0 || close > eol) {
            return -1;
        }
        int space = s.indexOf(' ', i);
        if (space > 0 && space < close) {
            out.append(plain(s.substring(space + 1, close)));
        }
        return close + 1;
    }

    /** Bold/italic quote runs ('' and ''') are markup; a single apostrophe is text. */
    private static int quotes(String s, int i) {
        int j = i;
        while (j < s.length() && s.charAt(j) == '\'') {
            j++;
        }
        return j - i >= 2 ? j : -1;
    }

    /** Behaviour switches such as __TOC__ or __NOTOC__. */
    private static int magicWord(String s, int i) {
        if (!s.startsWith("__", i)) {
            return -1;
        }
        int j = i + 2;
        while (j < s.length() && j - i < 40 && (Character.isLetter(s.charAt(j)))) {
            j++;
        }
        return j > i + 2 && s.startsWith("__", j) ? j + 2 : -1;
    }

    /** An HTML/extension tag: dropped with its content for non-prose tags, otherwise only the tag removed. */
    private static int tag(String s, int i, StringBuilder out) {
        int j = i + 1;
        boolean closing = j < s.length() && s.charAt(j) == '/';
        if (closing) {
            j++;
        }
        int nameStart = j;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128)) {
            j++;
        }
        if (j == nameStart || !Character.isLetter(s.charAt(nameStart))) {
            return -1;
        }
        int gt = s.indexOf('>', j);
        int nextLt = s.indexOf('<', j);
        if (gt < 0 || (nextLt >= 0 && nextLt < gt)) {
            return -1;
        }
        String name = s.substring(nameStart, j).toLowerCase(Locale.ROOT);
        boolean selfClosing = s.charAt(gt - 1) == '/';
        if (name.equals("br")) {
            out.append('\n');
            return gt + 1;
        }
        if (!closing && !selfClosing && DROPPED_CONTENT.contains(name)) {
            int close = indexOfIgnoreCase(s, "</" + name, gt + 1);
            if (close < 0) {
                return gt + 1;
            }
            int closeGt = s.indexOf('>', close);
            return closeGt < 0 ? s.length() : closeGt + 1;
        }
        return gt + 1;
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        int last = s.length() - needle.length();
        for (int k = from; k <= last; k++) {
            if (s.charAt(k) == '<' && s.regionMatches(true, k, needle, 0, needle.length())) {
                return k;
            }
        }
        return -1;
    }

    private static String collapseSpaces(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
