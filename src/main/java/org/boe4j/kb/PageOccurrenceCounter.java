package org.boe4j.kb;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Second pass of a dump build: counts, for every anchor, the pages whose text contains it (the denominator
 * of Wikipedia2Vec's lp(m), docs/method.md §1), using the same normalisation, automaton and word boundaries
 * as extraction. Counts accumulate locally and reach the {@link LanguageCounts} on {@link #close()}. One
 * instance per thread; anchors added to the counts after this counter was created are not counted.
 */
public final class PageOccurrenceCounter implements AutoCloseable {

    private final LanguageCounts counts;
    private final SurfaceNormalizer normalizer;
    private final String[] surfaces;
    private final SurfaceAutomaton automaton;
    private final long[] pages;
    private final BitSet seenInPage;
    private boolean closed;

    PageOccurrenceCounter(LanguageCounts counts) {
        this.counts = counts;
        this.normalizer = counts.normalizer();
        int max = counts.options().maxMentionLength();
        this.surfaces = counts.anchors().stream()
                .filter(s -> s.codePointCount(0, s.length()) <= max)
                .sorted().toArray(String[]::new);
        this.automaton = new SurfaceAutomaton(surfaces);
        this.pages = new long[surfaces.length];
        this.seenInPage = new BitSet(surfaces.length);
    }

    /** Counts one page: every anchor found in its text gets +1, however often it occurs there. */
    public void countPage(String pageText) {
        if (closed) {
            throw new IllegalStateException("counter already closed");
        }
        seenInPage.clear();
        NormalizedText nt = normalizer.normalizeText(pageText);
        String norm = nt.text();
        WordBoundaries words = WordBoundaries.of(norm);
        automaton.matchAll(norm, (id, s, e) -> {
            if (!seenInPage.get(id) && words.isBoundary(s) && words.isBoundary(e)
                    && nt.alignsWithOriginal(s, e)) {
                seenInPage.set(id);
                pages[id]++;
            }
        });
    }

    /** Adds the local counts to the {@link LanguageCounts}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < surfaces.length; i++) {
            if (pages[i] > 0) {
                counts.addNormalizedTextOccurrence(surfaces[i], pages[i]);
            }
        }
        Arrays.fill(pages, 0);
    }
}
