package org.boe4j.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.ArticleLinks;
import org.boe4j.wiki.DumpPage;
import org.boe4j.wiki.ParsedPage;
import org.boe4j.wiki.SiteInfo;
import org.boe4j.wiki.WikiDumpReader;
import org.boe4j.wiki.WikiLink;
import org.boe4j.wiki.WikiTextParser;

/**
 * Pass 1 on one page, with the single-machine rules ({@link ArticleLinks}, {@link WikiTextParser},
 * {@link WikiDumpReader#parsePage}): a page's XML becomes an article or redirect record, and the split's counts
 * (pages, articles, redirects, links, links with a too long anchor) grow as the single-machine LinkCounter's do.
 */
final class PagePass {

    static final int PAGES = 0;
    static final int ARTICLES = 1;
    static final int REDIRECTS = 2;
    static final int LINKS = 3;
    static final int LONG_ANCHORS = 4;

    private final SiteInfo site;
    private final AnchorOptions options;
    private final WikiTextParser parser;
    private final String where;
    final long[] counts = new long[5];

    PagePass(SiteInfo site, AnchorOptions options, String where) {
        this.site = site;
        this.options = options;
        this.parser = new WikiTextParser(site.namespaces(), site.firstLetterCase());
        this.where = where;
    }

    /** Parses one {@code <page>} element and hands its record (if any) to {@code out}. */
    void page(String pageXml, long order, Consumer<PageRecord> out) throws IOException {
        DumpPage page = WikiDumpReader.parsePage(pageXml, where);
        counts[PAGES]++;
        if (page.namespace() != 0) {
            return;
        }
        String title = ArticleLinks.title(page, site);
        if (title.isEmpty()) {
            return;
        }
        if (page.isRedirect()) {
            counts[REDIRECTS]++;
            String target = ArticleLinks.redirectTarget(page, title, site);
            if (target != null) {
                out.accept(PageRecord.redirect(order, title, target));
            }
            return;
        }
        counts[ARTICLES]++;
        ParsedPage parsed = parser.parse(page.text());
        String[] anchors = new String[parsed.links().size()];
        String[] targets = new String[anchors.length];
        int n = 0;
        for (WikiLink link : parsed.links()) {
            counts[LINKS]++;
            String key = ArticleLinks.anchorKey(options, link);
            if (key.isEmpty()) {
                continue;
            }
            if (ArticleLinks.tooLong(options, key)) {
                counts[LONG_ANCHORS]++;
                continue;
            }
            anchors[n] = key;
            targets[n] = link.target();
            n++;
        }
        out.accept(PageRecord.article(order, title, parsed.text(), Arrays.copyOf(anchors, n),
                Arrays.copyOf(targets, n)));
    }
}
