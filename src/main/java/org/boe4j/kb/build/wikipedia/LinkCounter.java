package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.WikiLink;
import org.boe4j.wiki.ParsedPage;
import org.boe4j.wiki.SiteInfo;
import org.boe4j.wiki.DumpPage;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Pass 1 over the dump: counts links per (anchor, target) and records redirects and article titles.
 * Targets are resolved through redirects only at the end ({@link #resolveRedirects}), because a redirect page
 * may come after the pages that link to it.
 */
final class LinkCounter {

    private final AnchorOptions options;
    final StringTable titles = new StringTable();
    final StringTable anchors = new StringTable();
    private int[] redirectOf = new int[1024]; // title id -> redirect target title id + 1, 0 = not a redirect
    final BitSet articles = new BitSet();
    private PairCounts rawPairs = new PairCounts();

    long pages;
    long articlePages;
    long redirectPages;
    long links;
    long linksWithLongAnchor;
    long unresolvedRedirectChains;

    LinkCounter(AnchorOptions options) {
        this.options = options;
    }

    /** An article's parsed content and the ids of its links' (counted) anchors, for pass 2. */
    record Article(ParsedPage parsed, int[] anchorIds) {
    }

    /** Whether pass 1 parses this page's wikitext (a namespace-0 page that is not a redirect). */
    static boolean isArticle(DumpPage page) {
        return ArticleLinks.isArticle(page);
    }

    /**
     * Counts one page whose wikitext was already parsed (null unless {@link #isArticle}); returns the article,
     * or null for a redirect or a page outside namespace 0.
     */
    Article page(DumpPage page, SiteInfo site, ParsedPage parsed) {
        pages++;
        if (page.namespace() != 0) {
            return null;
        }
        String title = ArticleLinks.title(page, site);
        if (title.isEmpty()) {
            return null;
        }
        int titleId = titles.intern(title);
        if (page.isRedirect()) {
            redirectPages++;
            String target = ArticleLinks.redirectTarget(page, title, site);
            if (target != null) {
                setRedirect(titleId, titles.intern(target));
            }
            return null;
        }
        articlePages++;
        articles.set(titleId);
        int[] ids = new int[parsed.links().size()];
        int n = 0;
        for (WikiLink link : parsed.links()) {
            links++;
            String key = ArticleLinks.anchorKey(options, link);
            if (key.isEmpty()) {
                continue;
            }
            if (ArticleLinks.tooLong(options, key)) {
                linksWithLongAnchor++; // never matched in text either: Wikipedia2Vec skips these links
                continue;
            }
            int anchorId = anchors.intern(key);
            rawPairs.add(anchorId, titles.intern(link.target()), 1);
            ids[n++] = anchorId;
        }
        return new Article(parsed, Arrays.copyOf(ids, n));
    }

    private void setRedirect(int from, int to) {
        if (from >= redirectOf.length) {
            redirectOf = Arrays.copyOf(redirectOf, Math.max(from + 1, redirectOf.length * 2));
        }
        redirectOf[from] = to + 1;
    }

    /** The final page a title leads to through at most maxRedirectHops redirects; itself if not a redirect. */
    int resolve(int titleId) {
        Integer target = RedirectChains.resolve(titleId,
                id -> id < redirectOf.length && redirectOf[id] != 0 ? redirectOf[id] - 1 : null,
                options.maxRedirectHops());
        return target == null ? -1 : target;
    }

    boolean isRedirect(int titleId) {
        return titleId < redirectOf.length && redirectOf[titleId] != 0;
    }

    /**
     * Re-keys the counts by the redirect-resolved target: counts of [[A]] and [[B]] merge when B redirects to A.
     * A target whose chain is cyclic or longer than the bound keeps its own title (and is counted).
     */
    PairCounts resolveRedirects() {
        PairCounts resolved = new PairCounts();
        rawPairs.forEach((key, count) -> {
            int target = PairCounts.targetOf(key);
            int finalTarget = resolve(target);
            if (finalTarget < 0) {
                unresolvedRedirectChains++;
                finalTarget = target;
            }
            resolved.add(PairCounts.anchorOf(key), finalTarget, count);
        });
        rawPairs = null;
        return resolved;
    }
}
