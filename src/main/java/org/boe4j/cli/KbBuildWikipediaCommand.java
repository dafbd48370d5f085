package org.boe4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.AnchorStatistics;
import org.boe4j.wiki.WikiDumpReader;
import org.boe4j.kb.build.wikipedia.WikipediaKbBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code boe4j kb build wikipedia}: an entity dictionary (and inter-language map) from dumps (docs/kb.md). */
@Command(name = "wikipedia", mixinStandardHelpOptions = true,
        description = "Build a KB from a Wikipedia pages-articles XML dump (.xml, .bz2, .xz, .gz) and optionally"
                + " the Wikidata JSON dump (inter-language links to English). Two passes over the dump.")
public final class KbBuildWikipediaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lang", required = true, paramLabel = "LANG", description = "language of the dump (ja, en, ...)")
    String language;

    @Option(names = "--dump", required = true, paramLabel = "FILE", description = "<lang>wiki-*-pages-articles.xml[.bz2]")
    Path dump;

    @Option(names = "--wikidata", paramLabel = "FILE", description = "Wikidata latest-all.json[.gz|.bz2] (optional)")
    Path wikidata;

    @Option(names = "--out", required = true, paramLabel = "KB", description = "KB file to write")
    Path out;

    @Option(names = "--allow-truncated", description = "keep the complete pages of a dump that ends mid-XML"
            + " (reported in the KB notes) instead of failing")
    boolean allowTruncated;

    @Option(names = "--case-sensitive", description = "count and match anchors case-sensitively (default: case-folded)")
    boolean caseSensitive;

    @Option(names = "--max-mention-length", paramLabel = "N", description = "longest anchor in code points (default: ${DEFAULT-VALUE})")
    int maxMentionLength = KbOptions.DEFAULT_MAX_MENTION_LENGTH;

    @Option(names = "--min-link-prob", paramLabel = "P", description = "keep m when lp(m) >= P (default: ${DEFAULT-VALUE})")
    double minLinkProbability = KbOptions.DEFAULT_MIN_LINK_PROBABILITY;

    @Option(names = "--min-commonness", paramLabel = "P", description = "keep (m, e) when p(e|m) >= P (default: ${DEFAULT-VALUE})")
    double minCommonness = KbOptions.DEFAULT_MIN_COMMONNESS;

    @Option(names = "--max-redirect-hops", paramLabel = "N", description = "redirect chain bound (default: ${DEFAULT-VALUE})")
    int maxRedirectHops = AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS;

    @Option(names = "--max-malformed-lines", paramLabel = "N", description = "Wikidata: fail beyond N malformed lines (default: ${DEFAULT-VALUE})")
    long maxMalformedLines = WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_LINES;

    @Option(names = "--max-malformed-fraction", paramLabel = "F", description = "Wikidata: fail when this share of lines is malformed (default: ${DEFAULT-VALUE})")
    double maxMalformedFraction = WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_FRACTION;

    @Option(names = "--spill-dir", paramLabel = "DIR", description = "where pass 1 keeps the articles' plain text"
            + " for pass 2, a temporary file of about a quarter of the XML size (default: the directory of --out)")
    Path spillDirectory;

    @Option(names = "--no-spill", description = "read the dump twice instead of keeping a temporary text file")
    boolean noSpill;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads for wikitext parsing and anchor"
            + " search; decompression has its own (default: cores, at most 8: ${DEFAULT-VALUE})")
    int threads = Math.min(8, Runtime.getRuntime().availableProcessors());

    @Override
    public Integer call() throws Exception {
        KbFile.checkReplaceable(out); // before hours of dump reading, not after
        KbOptions kbOptions = KbOptions.defaults().withThresholds(minLinkProbability, minCommonness)
                .withCaseInsensitive(!caseSensitive).withMaxMentionLength(maxMentionLength);
        WikidataDumpReader.Options wd = WikidataDumpReader.Options.of(Set.of(language))
                .withLimits(maxMalformedLines, maxMalformedFraction).withAllowTruncated(allowTruncated);
        Path spill = noSpill ? null : spillDirectory != null ? spillDirectory
                : out.toAbsolutePath().getParent();
        WikipediaKbBuild.Config config = new WikipediaKbBuild.Config(language, dump, wikidata, out, kbOptions,
                allowTruncated, maxRedirectHops, wd, spill, threads);
        // the progress line redraws in place on a terminal, so it writes to the process's stdout directly
        WikipediaKbBuild.Report report = WikipediaKbBuild.run(config, System.out);
        PrintWriter o = spec.commandLine().getOut();
        AnchorStatistics.Summary s = report.wikipedia().statistics().summary();
        o.printf(Locale.ROOT, "wikipedia %s: %d pages, %d articles, %d redirects, %d links, %d distinct anchors, %d (anchor, target) pairs%n",
                language, s.pages(), s.articles(), s.redirects(), s.links(), s.distinctAnchors(), s.distinctPairs());
        printPass(o, "pass 1 (links)", report.wikipedia().linkPass());
        printPass(o, "pass 2 (occurrences)", report.wikipedia().occurrencePass());
        if (s.truncated()) {
            o.println("WARNING: " + s.truncationMessage() + "; the KB holds the complete pages only");
        }
        if (report.wikidata() != null) {
            WikidataDumpReader.Result w = report.wikidata();
            o.printf(Locale.ROOT, "wikidata: %d entities, %d with enwiki, %d %s->en pairs, %d malformed lines%s%n",
                    w.entityLines(), w.withEnglish(), w.links().size(language), language, w.malformedCount(),
                    w.firstMalformed().isEmpty() ? "" : " (first at line " + w.firstMalformed().get(0).lineNumber() + ")");
        }
        if (wikidata == null && !language.equals("en")) {
            o.println("NOTE: no --wikidata: the " + language + " dictionary's entities are " + language
                    + " titles and map to no English entity until `kb build wikidata` adds the pairs");
        }
        o.printf(Locale.ROOT, "KB %s: %s%n", out, report.kb().header().counts());
        return 0;
    }

    static void printPass(PrintWriter o, String name, WikiDumpReader.Result r) {
        o.printf(Locale.ROOT, "%s: %.1f MB compressed, %.1f MB XML in %.1f s: %.2f MB/s compressed, %.2f MB/s XML"
                        + " (%.2f MB/s XML per process CPU-second)%n", name, r.compressedBytes() / 1e6,
                r.uncompressedBytes() / 1e6, r.seconds(), r.compressedMBps(), r.uncompressedMBps(), r.uncompressedMBpsCpu());
    }
}
