package org.boe4j.kb.build.wikipedia;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.boe4j.kb.NormalizedText;
import org.boe4j.kb.SurfaceNormalizer;
import org.boe4j.kb.WordBoundaries;

/**
 * Pass 2 over the dump: for every anchor, the number of article pages whose plain text contains it (each page
 * counted once), the denominator of the link probability {@code lp(m) = min(1, links(m) / pages(m))}.
 *
 * <p>Matching is the KB's own (so that counting agrees with {@code MentionExtractor} at query time): the text
 * is normalised with the KB's {@link SurfaceNormalizer} (NFKC, case-folded by default), and a match counts
 * only where it starts and ends on a {@link WordBoundaries} boundary (as Wikipedia2Vec's
 * {@code MentionDB._count_occurrences} requires a token start and a token end), is at most maxMentionLength
 * code points long, and covers whole normalisation pieces.
 *
 * <p>Instead of an automaton, from each boundary the span is extended one char at a time (its hash extended
 * with it) while a {@link PrefixFilter} says some anchor may start with it, and looked up in the anchor hash
 * table wherever it ends on a boundary. Since matches must start and end on boundaries, this finds exactly
 * what an automaton filtered by boundaries finds, without storing an automaton's nodes and failure links
 * for tens of millions of anchors (the filter costs ~10 bits per prefix).
 *
 * <p>(ours) A page that links with anchor m counts as containing m even when its text puts no boundary at the
 * ends of the anchor ({@code [[apple]]s} reads "apples"), so that {@code pages(m) >= 1} whenever
 * {@code links(m) >= 1} (Wikipedia2Vec drops such anchors instead).
 */
final class OccurrenceCounter {

    private final AnchorOptions options;
    private final SurfaceNormalizer normalizer;
    private final StringTable anchors;
    private final PrefixFilter prefixes;
    final int[] pagesContaining;
    private final int[] lastPage;
    private int page;
    private final ThreadLocal<boolean[]> boundaries = ThreadLocal.withInitial(() -> new boolean[1 << 16]);
    long articles;
    final AtomicLong textChars = new AtomicLong();

    OccurrenceCounter(AnchorOptions options, StringTable anchors) {
        this.options = options;
        this.normalizer = options.normalizer();
        this.anchors = anchors;
        this.prefixes = new PrefixFilter(anchors);
        this.pagesContaining = new int[anchors.size()];
        this.lastPage = new int[anchors.size()];
        Arrays.fill(lastPage, -1);
    }

    /** The anchor ids of an article's links (thread-safe: the anchor table is only read in pass 2). */
    int[] linkAnchorIds(ParsedPage parsed) {
        int[] ids = new int[parsed.links().size()];
        int n = 0;
        for (WikiLink link : parsed.links()) {
            int id = anchors.find(options.anchorKey(link.anchor()));
            if (id >= 0) {
                ids[n++] = id;
            }
        }
        return Arrays.copyOf(ids, n);
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

    /**
     * The ids of the anchors that occur in an article's plain text (possibly repeated). Thread-safe: several
     * threads may search pages at once.
     */
    int[] anchorsIn(String plainText) {
        NormalizedText normalized = normalizer.normalizeText(plainText);
        String text = normalized.text();
        int n = text.length();
        boolean[] boundary = markBoundaries(text);
        int maxLen = options.maxMentionLength();
        int[] found = new int[16];
        int count = 0;
        for (int start = 0; start < n; start++) {
            if (!boundary[start] || text.charAt(start) == ' ') {
                continue;
            }
            int h = 0;
            int codePoints = 0;
            for (int end = start + 1; end <= n; end++) {
                char c = text.charAt(end - 1);
                h = StringTable.extend(h, c);
                if (!Character.isLowSurrogate(c) && ++codePoints > maxLen
                        || !prefixes.mightContain(h, end - start)) {
                    break; // too long, or no anchor starts with text[start, end)
                }
                if (boundary[end] && prefixes.mightBeAnchor(h, end - start)) {
                    int id = anchors.find(text, start, end, h);
                    if (id >= 0 && normalized.alignsWithOriginal(start, end)) {
                        if (count == found.length) {
                            found = Arrays.copyOf(found, count * 2);
                        }
                        found[count++] = id;
                    }
                }
            }
        }
        textChars.addAndGet(n);
        return Arrays.copyOf(found, count);
    }

    private void seen(int anchorId) {
        if (lastPage[anchorId] != page) {
            lastPage[anchorId] = page;
            pagesContaining[anchorId]++;
        }
    }

    /** boundary[i]: a mention may start or end at i (never inside a surrogate pair); a per-thread buffer. */
    private boolean[] markBoundaries(String text) {
        int n = text.length();
        boolean[] boundary = boundaries.get();
        if (boundary.length < n + 1) {
            boundary = new boolean[Math.max(n + 1, boundary.length * 2)];
            boundaries.set(boundary);
        }
        for (int i = 0; i <= n; i++) {
            boundary[i] = !(i > 0 && i < n && Character.isLowSurrogate(text.charAt(i)))
                    && WordBoundaries.isBoundary(text, i);
        }
        return boundary;
    }
}
