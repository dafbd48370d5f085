package org.boe4j.kb.build.wikipedia;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.Arrays;

/**
 * Pass 2 over the dump: for every anchor, the number of article pages whose plain text contains it (each page
 * counted once), the denominator of the link probability {@code lp(m) = min(1, links(m) / pages(m))}.
 *
 * <p>Matching follows Wikipedia2Vec's {@code MentionDB._count_occurrences}: a candidate starts at a token start
 * and is counted only where it ends on a token boundary, is at most maxMentionLength long, and is compared
 * lower-cased unless case-sensitive. Tokens are ICU word boundaries for the dump's language (dictionary-based
 * for Japanese, Chinese and Thai, which have no spaces) — the same rule for every script.
 *
 * <p>Instead of an Aho-Corasick automaton, each text span between two boundaries at most maxMentionLength
 * apart is looked up in the anchor hash table, its hash extended one char at a time: since matches must start
 * and end on boundaries, this finds exactly the matches an automaton filtered by boundaries would, with no
 * failure links to store for tens of millions of anchors.
 *
 * <p>(ours) A page that links with anchor m counts as containing m even when the word-boundary rules put no
 * boundary at the ends of the anchor in context, so that {@code pages(m) >= 1} whenever {@code links(m) >= 1}
 * (Wikipedia2Vec drops such anchors instead).
 */
final class OccurrenceCounter {

    private final AnchorOptions options;
    private final StringTable anchors;
    private final BreakIterator words;
    final int[] pagesContaining;
    private final int[] lastPage;
    private int page;
    private boolean[] boundary = new boolean[1 << 16];
    long articles;
    long textChars;

    OccurrenceCounter(AnchorOptions options, StringTable anchors) {
        this.options = options;
        this.anchors = anchors;
        this.words = BreakIterator.getWordInstance(ULocale.forLanguageTag(options.language()));
        this.pagesContaining = new int[anchors.size()];
        this.lastPage = new int[anchors.size()];
        Arrays.fill(lastPage, -1);
    }

    void page(ParsedPage parsed) {
        articles++;
        String text = options.anchorKey(parsed.text());
        textChars += text.length();
        markBoundaries(text);
        int n = text.length();
        int maxLen = options.maxMentionLength();
        for (int start = 0; start < n; start++) {
            if (!boundary[start] || Character.isWhitespace(text.charAt(start))) {
                continue;
            }
            int h = 0;
            int codePoints = 0;
            for (int end = start + 1; end <= n; end++) {
                char c = text.charAt(end - 1);
                h = StringTable.extend(h, c);
                if (!Character.isLowSurrogate(c) && ++codePoints > maxLen) {
                    break;
                }
                if (boundary[end] && !(end < n && Character.isLowSurrogate(text.charAt(end)))) {
                    int id = anchors.find(text, start, end, h);
                    if (id >= 0) {
                        seen(id);
                    }
                }
            }
        }
        for (WikiLink link : parsed.links()) {
            int id = anchors.find(options.anchorKey(link.anchor()));
            if (id >= 0) {
                seen(id);
            }
        }
        page++;
    }

    private void seen(int anchorId) {
        if (lastPage[anchorId] != page) {
            lastPage[anchorId] = page;
            pagesContaining[anchorId]++;
        }
    }

    private void markBoundaries(String text) {
        int n = text.length();
        if (boundary.length < n + 1) {
            boundary = new boolean[Math.max(n + 1, boundary.length * 2)];
        } else {
            Arrays.fill(boundary, 0, n + 1, false);
        }
        words.setText(text);
        for (int b = words.first(); b != BreakIterator.DONE; b = words.next()) {
            boundary[b] = true;
        }
    }
}
