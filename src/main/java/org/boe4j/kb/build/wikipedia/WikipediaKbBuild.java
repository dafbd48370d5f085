package org.boe4j.kb.build.wikipedia;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.boe4j.io.Progress;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;

/**
 * One language's KB from its Wikipedia dump (entity dictionary) and, optionally, the Wikidata dump
 * (inter-language map to English titles), written as a KB file (docs/kb.md).
 */
public final class WikipediaKbBuild {

    /**
     * @param language        the dump's language ("ja")
     * @param wikidata        the Wikidata JSON dump, or null for a KB without inter-language pairs
     * @param kbOptions       thresholds and matching options (they also decide how anchors are counted)
     * @param allowTruncated  keep the complete pages of a dump that ends mid-XML (reported in the KB notes)
     * @param wikidataOptions malformed-line limits for the Wikidata dump (its languages are replaced by
     *                        {@code language})
     * @param spillDirectory  where pass 1 keeps the articles' plain text for pass 2 (temporary), or null to
     *                        read the dump twice
     * @param threads         worker threads for wikitext parsing and anchor search (results do not depend on it)
     */
    public record Config(String language, Path dump, Path wikidata, Path out, KbOptions kbOptions,
            boolean allowTruncated, int maxRedirectHops, WikidataDumpReader.Options wikidataOptions,
            Path spillDirectory, int threads) {

        /** The anchor-counting options that agree with the KB's matching options. */
        public AnchorOptions anchorOptions() {
            return new AnchorOptions(!kbOptions.caseInsensitive(), kbOptions.maxMentionLength(), maxRedirectHops,
                    language, allowTruncated);
        }
    }

    /** What was built. */
    public record Report(WikipediaAnchorStatisticsBuilder.Build wikipedia, WikidataDumpReader.Result wikidata,
            KnowledgeBase kb) {
    }

    private WikipediaKbBuild() {
    }

    public static Report run(Config config, PrintStream progressOut) throws IOException {
        if (Files.exists(config.out()) && Files.isDirectory(config.out())) {
            throw new IOException("--out " + config.out() + " is a directory; expected a KB file path");
        }
        WikipediaAnchorStatisticsBuilder.Build build =
                new WikipediaAnchorStatisticsBuilder(config.anchorOptions(), progressOut, config.spillDirectory(),
                        config.threads())
                        .build(config.dump());
        AnchorStatistics stats = build.statistics();
        AnchorStatistics.Summary s = stats.summary();

        KbBuilder kb = new KbBuilder(config.kbOptions());
        stats.addTo(kb.counts(config.language()));
        kb.addSource(KbSource.ofFile("wikipedia-dump", config.dump(),
                String.format(Locale.ROOT, "%s: %d articles, %d redirects, %d links, %d distinct anchors%s",
                        config.language(), s.articles(), s.redirects(), s.links(), s.distinctAnchors(),
                        s.truncated() ? "; TRUNCATED dump, complete pages only" : "")));
        String prefix = "wikipedia." + config.language() + ".";
        kb.note(prefix + "builder", "org.boe4j.kb.build.wikipedia (two passes: links+redirects, page occurrences)");
        kb.note(prefix + "articles", Long.toString(s.articles()));
        kb.note(prefix + "links", Long.toString(s.links()));
        kb.note(prefix + "linksWithLongAnchor", Long.toString(s.linksWithLongAnchor()));
        kb.note(prefix + "templatesAndTables", "links inside templates, tables and <ref> are not counted");
        if (s.truncated()) {
            kb.note(prefix + "truncated", s.truncationMessage());
        }

        WikidataDumpReader.Result wikidata = null;
        if (config.wikidata() != null) {
            WikidataDumpReader.Options o = config.wikidataOptions();
            WikidataDumpReader.Options forLanguage = new WikidataDumpReader.Options(Set.of(config.language()),
                    false, o.maxMalformedLines(), o.maxMalformedFraction(), o.allowTruncated());
            try (Progress progress = progressOut == null ? Progress.silent()
                    : new Progress("wikidata", Files.size(config.wikidata()), "B", progressOut)) {
                wikidata = new WikidataDumpReader(forLanguage).read(config.wikidata(), progress);
            }
            wikidata.links().addTo(kb, false);
            kb.addSource(KbSource.ofFile("wikidata-dump", config.wikidata(),
                    String.format(Locale.ROOT, "%d entities, %d with enwiki, %d %s pairs, %d malformed lines",
                            wikidata.entityLines(), wikidata.withEnglish(), wikidata.links().size(config.language()),
                            config.language(), wikidata.malformedCount())));
        }
        KnowledgeBase built = kb.build();
        KbFile.write(built, config.out());
        return new Report(build, wikidata, built);
    }
}
