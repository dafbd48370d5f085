package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.ParsedPage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pass 2 over the dump: for every anchor, the number of article pages whose plain text contains it (each page
 * counted once), the denominator of the link probability {@code lp(m) = min(1, links(m) / pages(m))}. The search
 * is {@link AnchorMatcher}'s; this class adds the per-page counting.
 *
 * <p>(ours) A page that links with anchor m counts as containing m even when its text puts no boundary at the
 * ends of the anchor ({@code [[apple]]s} reads "apples"), so that {@code pages(m) >= 1} whenever
 * {@code links(m) >= 1} (Wikipedia2Vec drops such anchors instead).
 */
final class OccurrenceCounter {

    private final AnchorMatcher matcher;
    final int[] pagesContaining;
    private final int[] lastPage;
    private int page;
    long articles;
    final AtomicLong textChars;

    OccurrenceCounter(AnchorOptions options, StringTable anchors) {
        this.matcher = new AnchorMatcher(options, anchors);
        this.textChars = matcher.textChars;
        this.pagesContaining = new int[anchors.size()];
        this.lastPage = new int[anchors.size()];
        Arrays.fill(lastPage, -1);
    }

    /** The anchor ids of an article's links (thread-safe). */
    int[] linkAnchorIds(ParsedPage parsed) {
        return matcher.linkAnchorIds(parsed);
    }

    /** The ids of the anchors in an article's plain text, possibly repeated (thread-safe). */
    int[] anchorsIn(String plainText) {
        return matcher.anchorsIn(plainText);
    }

    /**
     * Adds one article's anchors (from {@link #anchorsIn} and its links) to the page counts. Not thread-safe:
     * one thread counts, in any page order.
     */
    void count(int[] foundInText, int[] linkAnchorIds) {
        articles++;
        for (int id : foundInText) {
            seen(id);
        }
        for (int id : linkAnchorIds) {
            seen(id);
        }
        page++;
    }

    private void seen(int anchorId) {
        if (lastPage[anchorId] != page) {
            lastPage[anchorId] = page;
            pagesContaining[anchorId]++;
        }
    }
}
