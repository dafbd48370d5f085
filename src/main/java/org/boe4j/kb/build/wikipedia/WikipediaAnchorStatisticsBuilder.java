package org.boe4j.kb.build.wikipedia;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boe4j.io.Progress;

/**
 * Builds {@link AnchorStatistics} from a Wikipedia XML dump in two streamed passes (docs/kb-dumps.md):
 * <ol>
 *   <li>links: per (anchor, target) counts over namespace-0 articles, redirects and article titles; then
 *       targets are resolved through redirects;</li>
 *   <li>occurrences: per anchor, the number of articles whose plain text contains it (needs the complete set of
 *       anchors from pass 1, hence the second pass).</li>
 * </ol>
 * Memory is bounded by the number of distinct anchors, titles and (anchor, target) pairs, not by the dump size.
 */
public final class WikipediaAnchorStatisticsBuilder {

    /** The statistics and how each pass went (pages, truncation, throughput). */
    public record Build(AnchorStatistics statistics, WikiDumpReader.Result linkPass,
            WikiDumpReader.Result occurrencePass) {
    }

    private final AnchorOptions options;
    private final PrintStream progressOut;

    /** @param progressOut where the progress lines go, or null for none */
    public WikipediaAnchorStatisticsBuilder(AnchorOptions options, PrintStream progressOut) {
        this.options = options;
        this.progressOut = progressOut;
    }

    public Build build(Path dump) throws IOException {
        WikiDumpReader reader = new WikiDumpReader(options.allowTruncated());
        long size = Files.size(dump);

        LinkCounter links = new LinkCounter(options);
        ParserCache parsers = new ParserCache();
        WikiDumpReader.Result pass1;
        try (Progress progress = progress("pass 1/2 links", size)) {
            pass1 = reader.read(dump, (page, site) -> links.page(page, site, parsers.forSite(site)), progress);
        }
        PairCounts resolved = links.resolveRedirects();

        OccurrenceCounter occurrences = new OccurrenceCounter(options, links.anchors);
        WikiDumpReader.Result pass2;
        try (Progress progress = progress("pass 2/2 occurrences", size)) {
            pass2 = reader.read(dump, (page, site) -> {
                if (page.namespace() == 0 && !page.isRedirect()) {
                    occurrences.page(parsers.forSite(site).parse(page.text()));
                }
            }, progress);
        }
        if (pass2.pages() != pass1.pages()) {
            throw new IOException(dump + ": the second pass read " + pass2.pages() + " pages, the first "
                    + pass1.pages() + "; the file changed between passes");
        }
        AnchorStatistics.Summary summary = new AnchorStatistics.Summary(links.pages, links.articlePages,
                links.redirectPages, links.links, links.linksWithLongAnchor, links.unresolvedRedirectChains,
                links.anchors.size(), resolved.size(), occurrences.textChars, pass1.truncated(),
                pass1.truncationMessage());
        AnchorStatistics statistics = new AnchorStatistics(options, links, resolved, occurrences.pagesContaining,
                summary);
        return new Build(statistics, pass1, pass2);
    }

    /** One parser per siteinfo (namespaces and case rule come from the dump). */
    private static final class ParserCache {
        private SiteInfo site;
        private WikiTextParser parser;

        WikiTextParser forSite(SiteInfo s) {
            if (s != site) {
                site = s;
                parser = new WikiTextParser(s.namespaces(), s.firstLetterCase());
            }
            return parser;
        }
    }

    private Progress progress(String label, long size) {
        return progressOut == null ? Progress.silent() : new Progress(label, size, "B", progressOut);
    }
}
