package org.boe4j.kb.build.wikipedia;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.boe4j.kb.LanguageCounts;

/**
 * The counts a Wikipedia dump yields for the entity dictionary (docs/kb.md, Wikipedia2Vec's MentionDB):
 * <ul>
 *   <li>{@code links(m, e)}: links with anchor m to page e (redirects resolved, sections dropped);</li>
 *   <li>{@code links(m) = sum_e links(m, e)};</li>
 *   <li>{@code pages(m)}: article pages whose plain text contains m (each page once);</li>
 *   <li>link probability {@code lp(m) = min(1, links(m) / pages(m))}, commonness
 *       {@code p(e|m) = links(m, e) / links(m)}.</li>
 * </ul>
 * Anchors are kept in their counted form ({@link AnchorOptions#anchorKey}: lower-cased by default); the query
 * methods apply that form to their argument. Targets are normalised titles in the dump's language.
 */
public final class AnchorStatistics {

    /** Receives one anchor with its targets, sorted by decreasing link count. */
    @FunctionalInterface
    public interface AnchorVisitor {
        void visit(String anchor, int totalLinks, int pagesContaining, String[] targets, int[] linkCounts);
    }

    /** What the build read and kept. */
    public record Summary(long pages, long articles, long redirects, long links, long linksWithLongAnchor,
            long unresolvedRedirectChains, int distinctAnchors, int distinctPairs, long textChars,
            boolean truncated, String truncationMessage) {
    }

    private final AnchorOptions options;
    private final StringTable anchors;
    private final StringTable titles;
    private final LinkCounter redirects;
    private final int[] pagesContaining;
    private final int[] totalLinks;
    private final int[] firstPair; // per anchor id, index of its first pair in the sorted arrays; length + 1
    private final int[] pairTargets;
    private final int[] pairCounts;
    private final Summary summary;

    AnchorStatistics(AnchorOptions options, LinkCounter pass1, PairCounts resolved, int[] pagesContaining,
            Summary summary) {
        this.options = options;
        this.anchors = pass1.anchors;
        this.titles = pass1.titles;
        this.redirects = pass1;
        this.pagesContaining = pagesContaining;
        this.summary = summary;
        int anchorCount = anchors.size();
        this.firstPair = new int[anchorCount + 1];
        this.totalLinks = new int[anchorCount];
        resolved.forEach((key, count) -> {
            firstPair[PairCounts.anchorOf(key) + 1]++;
            totalLinks[PairCounts.anchorOf(key)] += count;
        });
        for (int a = 0; a < anchorCount; a++) {
            firstPair[a + 1] += firstPair[a];
        }
        // bucket the pairs by anchor (counting sort), then order each anchor's targets by decreasing count
        this.pairTargets = new int[resolved.size()];
        this.pairCounts = new int[resolved.size()];
        int[] next = Arrays.copyOf(firstPair, anchorCount);
        resolved.forEach((key, count) -> {
            int slot = next[PairCounts.anchorOf(key)]++;
            pairTargets[slot] = PairCounts.targetOf(key);
            pairCounts[slot] = count;
        });
        for (int a = 0; a < anchorCount; a++) {
            sortSegment(firstPair[a], firstPair[a + 1]);
        }
    }

    /** Sorts one anchor's targets by decreasing count, ties by title (deterministic output). */
    private void sortSegment(int from, int to) {
        if (to - from < 2) {
            return;
        }
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (x, y) -> {
            int byCount = Integer.compare(pairCounts[y], pairCounts[x]);
            return byCount != 0 ? byCount : titles.get(pairTargets[x]).compareTo(titles.get(pairTargets[y]));
        });
        int[] targets = new int[order.length];
        int[] counts = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            targets[i] = pairTargets[order[i]];
            counts[i] = pairCounts[order[i]];
        }
        System.arraycopy(targets, 0, pairTargets, from, targets.length);
        System.arraycopy(counts, 0, pairCounts, from, counts.length);
    }

    public AnchorOptions options() {
        return options;
    }

    public Summary summary() {
        return summary;
    }

    public int anchorCount() {
        return anchors.size();
    }

    /** {@code links(m)}, 0 for an unknown anchor. */
    public int totalLinks(String anchor) {
        int id = anchors.find(options.anchorKey(anchor));
        return id < 0 ? 0 : totalLinks[id];
    }

    /** {@code pages(m)}, 0 for an unknown anchor. */
    public int pagesContaining(String anchor) {
        int id = anchors.find(options.anchorKey(anchor));
        return id < 0 ? 0 : pagesContaining[id];
    }

    /** {@code links(m, e)}. */
    public int linkCount(String anchor, String target) {
        return targets(anchor).getOrDefault(target, 0);
    }

    /** The targets of an anchor with their link counts, by decreasing count. */
    public Map<String, Integer> targets(String anchor) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int id = anchors.find(options.anchorKey(anchor));
        if (id >= 0) {
            for (int i = firstPair[id]; i < firstPair[id + 1]; i++) {
                out.put(titles.get(pairTargets[i]), pairCounts[i]);
            }
        }
        return out;
    }

    /** {@code lp(m) = min(1, links(m) / pages(m))}; 0 when m never occurs. */
    public double linkProbability(String anchor) {
        int pages = pagesContaining(anchor);
        return pages == 0 ? 0.0 : Math.min(1.0, (double) totalLinks(anchor) / pages);
    }

    /** {@code p(e|m) = links(m, e) / links(m)}; 0 when m is never a link anchor. */
    public double commonness(String anchor, String target) {
        int total = totalLinks(anchor);
        return total == 0 ? 0.0 : (double) linkCount(anchor, target) / total;
    }

    /** Visits all anchors in id order (first-seen order in the dump). */
    public void forEachAnchor(AnchorVisitor visitor) {
        for (int a = 0; a < anchors.size(); a++) {
            int from = firstPair[a];
            int to = firstPair[a + 1];
            String[] targets = new String[to - from];
            int[] counts = new int[to - from];
            for (int i = from; i < to; i++) {
                targets[i - from] = titles.get(pairTargets[i]);
                counts[i - from] = pairCounts[i];
            }
            visitor.visit(anchors.get(a), totalLinks[a], pagesContaining[a], targets, counts);
        }
    }

    /** Whether {@code title} (normalised) is an article (not a redirect) of the dump. */
    public boolean isArticle(String title) {
        int id = titles.find(title);
        return id >= 0 && redirects.articles.get(id);
    }

    /** The page a title leads to after redirects; the title itself when it is not a redirect or not resolvable. */
    public String resolveRedirect(String title) {
        int id = titles.find(title);
        if (id < 0) {
            return title;
        }
        int target = redirects.resolve(id);
        return target < 0 ? title : titles.get(target);
    }

    /** Visits every redirect (from, final target) of the dump's article namespace. */
    public void forEachRedirect(BiConsumer<String, String> visitor) {
        for (int id = 0; id < titles.size(); id++) {
            if (redirects.isRedirect(id)) {
                int target = redirects.resolve(id);
                if (target >= 0) {
                    visitor.accept(titles.get(id), titles.get(target));
                }
            }
        }
    }

    /** Visits every article title (non-redirect namespace-0 page). */
    public void forEachArticle(Consumer<String> visitor) {
        redirects.articles.stream().forEach(id -> visitor.accept(titles.get(id)));
    }

    /**
     * Feeds these statistics to the KB builder's raw counts of one language: {@code links(m, e)} through
     * {@link LanguageCounts#addLink} and {@code pages(m)} through {@link LanguageCounts#addTextOccurrences}; the
     * builder applies lp and commonness thresholds.
     */
    public void addTo(LanguageCounts counts) {
        forEachAnchor((anchor, total, pages, targets, linkCounts) -> {
            for (int i = 0; i < targets.length; i++) {
                counts.addLink(anchor, targets[i], linkCounts[i]);
            }
            counts.addTextOccurrences(anchor, pages);
        });
    }

    /** Approximate heap bytes held (for the memory-per-anchor figure in docs/kb.md). */
    public long approximateBytes() {
        return anchors.approximateBytes() + titles.approximateBytes()
                + 4L * (pagesContaining.length + totalLinks.length + firstPair.length)
                + 8L * pairTargets.length;
    }
}
