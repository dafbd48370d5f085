package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.WikiLink;
import org.boe4j.wiki.ParsedPage;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.boe4j.kb.NormalizedText;
import org.boe4j.kb.SurfaceNormalizer;
import org.boe4j.kb.WordBoundaries;

/**
 * Finds the known anchors in an article's plain text, the search of pass 2 (docs/kb.md): the text is normalised
 * with the KB's {@link SurfaceNormalizer} (NFKC, case-folded by default), and a match counts only where it starts
 * and ends on a {@link WordBoundaries} boundary (as Wikipedia2Vec's {@code MentionDB._count_occurrences} requires a
 * token start and a token end), is at most maxMentionLength code points long, and covers whole normalisation
 * pieces.
 *
 * <p>Instead of an automaton, from each boundary the span is extended one char at a time (its hash extended
 * with it) while a {@link PrefixFilter} says some anchor may start with it, and looked up in the anchor hash
 * table wherever it ends on a boundary. Since matches must start and end on boundaries, this finds exactly
 * what an automaton filtered by boundaries finds, without storing an automaton's nodes and failure links
 * for tens of millions of anchors (the filter costs ~10 bits per prefix).
 *
 * <p>Thread-safe once built (the tables are only read): used by the single-machine {@link OccurrenceCounter}'s
 * worker threads and, one per executor JVM, by the Spark builder (org.boe4j.spark).
 */
public final class AnchorMatcher {

    private final AnchorOptions options;
    private final SurfaceNormalizer normalizer;
    private final StringTable anchors;
    private final PrefixFilter prefixes;
    private final ThreadLocal<boolean[]> boundaries = ThreadLocal.withInitial(() -> new boolean[1 << 16]);
    final AtomicLong textChars = new AtomicLong();

    AnchorMatcher(AnchorOptions options, StringTable anchors) {
        this.options = options;
        this.normalizer = options.normalizer();
        this.anchors = anchors;
        this.prefixes = new PrefixFilter(anchors);
    }

    /**
     * A matcher over {@code anchors} in their counted form ({@link AnchorOptions#anchorKey}); the id of an anchor
     * is its index in the list.
     */
    public static AnchorMatcher of(AnchorOptions options, List<String> anchors) {
        StringTable table = new StringTable();
        for (String a : anchors) {
            if (table.intern(a) != table.size() - 1) {
                throw new IllegalArgumentException("anchor listed twice: \"" + a + "\"");
            }
        }
        return new AnchorMatcher(options, table);
    }

    /** Number of anchors. */
    public int size() {
        return anchors.size();
    }

    /** Characters of normalised text searched so far. */
    public long textChars() {
        return textChars.get();
    }

    /** The id of a counted anchor, or -1. */
    public int id(String anchorKey) {
        return anchors.find(anchorKey);
    }

    /** The anchor ids of an article's links (thread-safe: the anchor table is only read in pass 2). */
    public int[] linkAnchorIds(ParsedPage parsed) {
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
     * The ids of the anchors that occur in an article's plain text (possibly repeated). Thread-safe: several
     * threads may search pages at once.
     */
    public int[] anchorsIn(String plainText) {
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

    /** boundary[i]: a mention may start or end at i (never inside a surrogate pair); a per-thread buffer. */
    private boolean[] markBoundaries(String text) {
        int n = text.length();
        boolean[] boundary = boundaries.get();
        if (boundary.length < n + 1) {
            boundary = new boolean[Math.max(n + 1, boundary.length * 2)];
            boundaries.set(boundary);
        }
        WordBoundaries words = WordBoundaries.of(text);
        for (int i = 0; i <= n; i++) {
            boundary[i] = !(i > 0 && i < n && Character.isLowSurrogate(text.charAt(i))) && words.isBoundary(i);
        }
        return boundary;
    }
}
