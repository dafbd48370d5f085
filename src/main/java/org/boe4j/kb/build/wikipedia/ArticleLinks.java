package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.WikiLink;
import org.boe4j.wiki.HtmlEntities;
import org.boe4j.wiki.SiteInfo;
import org.boe4j.wiki.DumpPage;

import org.boe4j.wiki.WikiTitles;

/**
 * The per-page rules of pass 1 (docs/kb.md), shared by the single-machine {@link LinkCounter} and the Spark
 * builder (org.boe4j.spark), so that both count exactly the same pages, redirects and links.
 */
public final class ArticleLinks {

    private ArticleLinks() {
    }

    /** Whether pass 1 parses this page's wikitext (a namespace-0 page that is not a redirect). */
    public static boolean isArticle(DumpPage page) {
        return page.namespace() == 0 && !page.isRedirect();
    }

    /** The page's title in display form ("" when it normalises to nothing: such a page is skipped). */
    public static String title(DumpPage page, SiteInfo site) {
        return WikiTitles.normalize(page.title(), site.firstLetterCase());
    }

    /**
     * The normalised target of a redirect page, or null when it records no redirect (empty target, or a page
     * redirecting to itself).
     */
    public static String redirectTarget(DumpPage page, String title, SiteInfo site) {
        String target = WikiTitles.normalize(HtmlEntities.decode(page.redirectTarget()), site.firstLetterCase());
        return target.isEmpty() || target.equals(title) ? null : target;
    }

    /** The counted form of a link's anchor ({@link AnchorOptions#anchorKey}); "" when it normalises to nothing. */
    public static String anchorKey(AnchorOptions options, WikiLink link) {
        return options.anchorKey(link.anchor());
    }

    /** Whether a counted anchor is longer than the mention bound: such links are not counted (Wikipedia2Vec). */
    public static boolean tooLong(AnchorOptions options, String key) {
        return key.codePointCount(0, key.length()) > options.maxMentionLength();
    }
}
