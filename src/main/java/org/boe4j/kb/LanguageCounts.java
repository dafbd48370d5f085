package org.boe4j.kb;
import org.boe4j.wiki.WikiTitles;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Raw anchor statistics of one language, as a Wikipedia dump reader collects them (docs/method.md §1):
 * <ul>
 *   <li>{@link #addLink}: links with anchor m pointing to page e (numerator of p(e|m));</li>
 *   <li>{@link #addAnchorLinkTotal} (optional): all links with anchor m, including those whose target is
 *       not kept (red links, non-article namespaces); when never given for m, the total is the sum of
 *       {@link #addLink} counts. Denominator of p(e|m), numerator of lp(m);</li>
 *   <li>{@link #addTextOccurrences}: how often m occurs in article text, linked or not; Wikipedia2Vec counts
 *       <em>pages</em> whose text contains m (each page once), and {@link #pageCounter()} does exactly that.
 *       Denominator of lp(m).</li>
 * </ul>
 * Anchors are normalised with the KB's {@link SurfaceNormalizer}; targets with {@link WikiTitles#normalize}.
 * Link targets that are redirects ({@link #addRedirect}) are resolved at build time, before p(e|m) is
 * computed, so "[[USA|America]]" and "[[United States|America]]" count for the same entity (as in
 * Wikipedia2Vec). Methods are synchronized, so several reader threads may feed one instance.
 */
public final class LanguageCounts {

    /** Per-anchor statistics. */
    static final class Anchor {
        final Map<String, Long> targets = new HashMap<>(2);
        long explicitTotal;
        long textOccurrences;
        boolean hasTextCount;
    }

    private final String language;
    private final SurfaceNormalizer normalizer;
    private final KbOptions options;
    private final Map<String, Anchor> anchors = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();
    private boolean anyTextCount;

    LanguageCounts(String language, KbOptions options) {
        this.language = language;
        this.options = options;
        this.normalizer = new SurfaceNormalizer(options.caseInsensitive());
    }

    public String language() {
        return language;
    }

    public SurfaceNormalizer normalizer() {
        return normalizer;
    }

    /** Counts {@code count} links with anchor text {@code anchor} to page {@code target}. */
    public synchronized void addLink(String anchor, String target, long count) {
        String m = normalizer.normalize(anchor);
        String e = WikiTitles.normalize(target);
        if (m.isEmpty() || e.isEmpty() || count <= 0) {
            return;
        }
        anchors.computeIfAbsent(m, k -> new Anchor()).targets.merge(e, count, Long::sum);
    }

    /** Records that page {@code from} redirects to page {@code to} (a redirect page of the dump). */
    public synchronized void addRedirect(String from, String to) {
        String f = WikiTitles.normalize(from);
        String t = WikiTitles.normalize(to);
        if (!f.isEmpty() && !t.isEmpty() && !f.equals(t)) {
            redirects.put(f, t);
        }
    }

    /**
     * The page a title ends at after following redirects (at most 10 hops; a cycle or a longer chain keeps the
     * title where it stopped).
     */
    public synchronized String resolve(String title) {
        String t = WikiTitles.normalize(title);
        for (int hop = 0; hop < 10; hop++) {
            String next = redirects.get(t);
            if (next == null) {
                return t;
            }
            t = next;
        }
        return t;
    }

    /** Counts {@code count} links with anchor {@code anchor}, whatever their target (see class comment). */
    public synchronized void addAnchorLinkTotal(String anchor, long count) {
        String m = normalizer.normalize(anchor);
        if (m.isEmpty() || count <= 0) {
            return;
        }
        anchors.computeIfAbsent(m, k -> new Anchor()).explicitTotal += count;
    }

    /**
     * Counts {@code count} text occurrences (pages, for Wikipedia2Vec's definition) of {@code surface}. Only
     * surfaces that are anchors matter; others are ignored (they can never be kept).
     */
    public synchronized void addTextOccurrences(String surface, long count) {
        anyTextCount = true;
        Anchor a = anchors.get(normalizer.normalize(surface));
        if (a != null && count > 0) {
            a.textOccurrences += count;
            a.hasTextCount = true;
        }
    }

    /** The normalised anchors seen so far (for a second pass that counts their text occurrences). */
    public synchronized Set<String> anchors() {
        return Collections.unmodifiableSet(anchors.keySet());
    }

    /**
     * A counter for the second pass: feed it every article's plain text (links included as their anchor
     * text); it adds one text occurrence per page for every anchor found in the page, matched with the
     * KB's own automaton and boundary rules (so counting and extraction agree). Build it after all links
     * were added; it is not thread-safe, use one per thread.
     */
    public PageOccurrenceCounter pageCounter() {
        return new PageOccurrenceCounter(this);
    }

    KbOptions options() {
        return options;
    }

    synchronized Map<String, Anchor> anchorMap() {
        return anchors;
    }

    synchronized boolean anyTextCount() {
        return anyTextCount;
    }

    synchronized void addNormalizedTextOccurrence(String normalizedSurface, long count) {
        anyTextCount = true;
        Anchor a = anchors.get(normalizedSurface);
        if (a != null) {
            a.textOccurrences += count;
            a.hasTextCount = true;
        }
    }
}
