package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.ParsedPage;
import org.boe4j.wiki.WikiTextParser;
import org.boe4j.wiki.SiteInfo;
import org.boe4j.wiki.DumpPage;
import org.boe4j.wiki.WikiDumpReader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boe4j.io.Progress;

/**
 * Builds {@link AnchorStatistics} from a Wikipedia XML dump in two streamed passes (docs/kb.md):
 * <ol>
 *   <li>links: per (anchor, target) counts over namespace-0 articles, redirects and article titles; then
 *       targets are resolved through redirects;</li>
 *   <li>occurrences: per anchor, the number of articles whose plain text contains it (needs the complete set of
 *       anchors from pass 1, hence the second pass). It reads either the dump again or, faster, a temporary
 *       file of the articles' plain text that pass 1 wrote ({@link PageTextSpill}).</li>
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
    private final Path spillDirectory;
    private final int threads;

    /** Re-reads the dump in pass 2 (no temporary file); one thread. */
    public WikipediaAnchorStatisticsBuilder(AnchorOptions options, PrintStream progressOut) {
        this(options, progressOut, null, 1);
    }

    /**
     * @param progressOut    where the progress lines go, or null for none
     * @param spillDirectory where pass 1 writes the articles' plain text for pass 2 (a temporary gzip file,
     *                       deleted at the end; about a quarter of the XML size), or null to re-read the dump
     * @param threads        worker threads that parse wikitext (pass 1) and search anchors (pass 2); counting
     *                       stays on one thread in dump order, so results do not depend on this
     */
    public WikipediaAnchorStatisticsBuilder(AnchorOptions options, PrintStream progressOut, Path spillDirectory,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.options = options;
        this.progressOut = progressOut;
        this.spillDirectory = spillDirectory;
        this.threads = threads;
    }

    public Build build(Path dump) throws IOException {
        WikiDumpReader reader = new WikiDumpReader(options.allowTruncated());
        long size = Files.size(dump);
        LinkCounter links = new LinkCounter(options);
        ParserCache parsers = new ParserCache();
        PageTextSpill spill = spillDirectory == null ? null : new PageTextSpill(spillDirectory);
        try {
            WikiDumpReader.Result pass1;
            try (Progress progress = progress("pass 1/2 links", size);
                 OrderedWork<ParsedDumpPage> work = new OrderedWork<>(threads, "wikitext parser", done -> {
                     LinkCounter.Article article = links.page(done.page(), done.site(), done.parsed());
                     if (article != null && spill != null) {
                         spill.write(article.parsed().text(), article.anchorIds());
                     }
                 })) {
                pass1 = reader.read(dump, (page, site) -> {
                    if (LinkCounter.isArticle(page)) {
                        WikiTextParser parser = parsers.forSite(site);
                        work.submit(() -> new ParsedDumpPage(page, site, parser.parse(page.text())));
                    } else {
                        work.submitDone(new ParsedDumpPage(page, site, null));
                    }
                }, progress);
                work.finish();
            }
            PairCounts resolved = links.resolveRedirects();

            OccurrenceCounter occurrences = new OccurrenceCounter(options, links.anchors);
            WikiDumpReader.Result pass2 = spill == null ? rereadDump(dump, reader, parsers, occurrences, pass1, size)
                    : readSpill(spill, occurrences, pass1);
            AnchorStatistics.Summary summary = new AnchorStatistics.Summary(links.pages, links.articlePages,
                    links.redirectPages, links.links, links.linksWithLongAnchor, links.unresolvedRedirectChains,
                    links.anchors.size(), resolved.size(), occurrences.textChars.get(), pass1.truncated(),
                    pass1.truncationMessage());
            AnchorStatistics statistics = new AnchorStatistics(options, links, resolved,
                    occurrences.pagesContaining, summary);
            return new Build(statistics, pass1, pass2);
        } finally {
            if (spill != null) {
                spill.close();
            }
        }
    }

    /** A page with its parsed wikitext (null unless it is an article). */
    private record ParsedDumpPage(DumpPage page, SiteInfo site, ParsedPage parsed) {
    }

    /** One article's anchors: found in its text, and of its links. */
    private record FoundAnchors(int[] inText, int[] ofLinks) {
    }

    private WikiDumpReader.Result rereadDump(Path dump, WikiDumpReader reader, ParserCache parsers,
            OccurrenceCounter occurrences, WikiDumpReader.Result pass1, long size) throws IOException {
        WikiDumpReader.Result pass2;
        try (Progress progress = progress("pass 2/2 occurrences", size);
             OrderedWork<FoundAnchors> work = new OrderedWork<>(threads, "anchor search",
                     found -> occurrences.count(found.inText(), found.ofLinks()))) {
            pass2 = reader.read(dump, (page, site) -> {
                if (LinkCounter.isArticle(page)) {
                    WikiTextParser parser = parsers.forSite(site);
                    work.submit(() -> {
                        ParsedPage parsed = parser.parse(page.text());
                        return new FoundAnchors(occurrences.anchorsIn(parsed.text()), occurrences.linkAnchorIds(parsed));
                    });
                }
            }, progress);
            work.finish();
        }
        if (pass2.pages() != pass1.pages()) {
            throw new IOException(dump + ": the second pass read " + pass2.pages() + " pages, the first "
                    + pass1.pages() + "; the file changed between passes");
        }
        return pass2;
    }

    /**
     * Pass 2 over the spill file. The result reports the spill file's size as compressed bytes and the dump's
     * XML bytes as uncompressed bytes, so that "MB of XML per second" compares with pass 1.
     */
    private WikiDumpReader.Result readSpill(PageTextSpill spill, OccurrenceCounter occurrences,
            WikiDumpReader.Result pass1) throws IOException {
        long start = System.nanoTime();
        long cpuStart = WikiDumpReader.cpuNanos();
        long spillBytes = spill.finish();
        try (Progress progress = progress("pass 2/2 occurrences (spill)", spillBytes);
             OrderedWork<FoundAnchors> work = new OrderedWork<>(threads, "anchor search",
                     found -> occurrences.count(found.inText(), found.ofLinks()))) {
            spill.read((text, ids) -> {
                try {
                    work.submit(() -> new FoundAnchors(occurrences.anchorsIn(text), ids));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, progress::update);
            work.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new WikiDumpReader.Result(pass1.siteInfo(), pass1.pages(), pass1.truncated(),
                pass1.truncationMessage(), spillBytes, pass1.uncompressedBytes(), (System.nanoTime() - start) / 1e9,
                (WikiDumpReader.cpuNanos() - cpuStart) / 1e9);
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
