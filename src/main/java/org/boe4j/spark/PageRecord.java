package org.boe4j.spark;

import java.io.Serializable;

/**
 * What pass 1 of the Spark builder keeps of a dump split: articles (plain text and counted links), redirects, the
 * pieces of pages cut by split boundaries, and per-split page counts. One class with a kind, so that one cached
 * RDD holds them all and the dump is decompressed and parsed once.
 */
final class PageRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind { ARTICLE, REDIRECT, FRAGMENT, STATS }

    final Kind kind;
    /** Dump order of the page: split index in the high 32 bits, page index within the split below. */
    final long order;
    final String title;
    /** REDIRECT: the normalised target. */
    final String target;
    /** ARTICLE: plain text; FRAGMENT: the XML lines of the piece. */
    final String text;
    /** ARTICLE: counted anchors of the links, and their raw (unresolved) targets, in link order. */
    final String[] linkAnchors;
    final String[] linkTargets;
    /** FRAGMENT: true for the lines before the split's first {@code <page>} line, false for its open last page. */
    final boolean head;
    /** FRAGMENT (head): whether the piece ends with a {@code </page>} line (it closes a page of earlier splits). */
    final boolean closesPage;
    /** STATS: pages (all namespaces), articles, redirects, links, links with a too long anchor. */
    final long[] counts;
    /** STATS: whether the split holds the closing {@code </mediawiki>} line. */
    final boolean sawEnd;

    private PageRecord(Kind kind, long order, String title, String target, String text, String[] linkAnchors,
            String[] linkTargets, boolean head, boolean closesPage, long[] counts, boolean sawEnd) {
        this.kind = kind;
        this.order = order;
        this.title = title;
        this.target = target;
        this.text = text;
        this.linkAnchors = linkAnchors;
        this.linkTargets = linkTargets;
        this.head = head;
        this.closesPage = closesPage;
        this.counts = counts;
        this.sawEnd = sawEnd;
    }

    static long order(int split, long indexInSplit) {
        return ((long) split << 32) | indexInSplit;
    }

    static int split(long order) {
        return (int) (order >>> 32);
    }

    static PageRecord article(long order, String title, String text, String[] anchors, String[] targets) {
        return new PageRecord(Kind.ARTICLE, order, title, null, text, anchors, targets, false, false, null, false);
    }

    static PageRecord redirect(long order, String title, String target) {
        return new PageRecord(Kind.REDIRECT, order, title, target, null, null, null, false, false, null, false);
    }

    static PageRecord fragment(int split, boolean head, boolean closesPage, String xml) {
        return new PageRecord(Kind.FRAGMENT, order(split, 0), null, null, xml, null, null, head, closesPage, null,
                false);
    }

    static PageRecord stats(int split, long[] counts, boolean sawEnd) {
        return new PageRecord(Kind.STATS, order(split, 0), null, null, null, null, null, false, false, counts, sawEnd);
    }
}
