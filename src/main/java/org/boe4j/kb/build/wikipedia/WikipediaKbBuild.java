package org.boe4j.kb.build.wikipedia;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        return run(config, progressOut, null);
    }

    /** @param createdAt the header's build time, or null for now (a fixed instant makes the file reproducible) */
    public static Report run(Config config, PrintStream progressOut, Instant createdAt) throws IOException {
        if (Files.exists(config.out()) && Files.isDirectory(config.out())) {
            throw new IOException("--out " + config.out() + " is a directory; expected a KB file path");
        }
        WikipediaAnchorStatisticsBuilder.Build build =
                new WikipediaAnchorStatisticsBuilder(config.anchorOptions(), progressOut, config.spillDirectory(),
                        config.threads())
                        .build(config.dump());
        AnchorStatistics stats = build.statistics();

        KbBuilder kb = new KbBuilder(config.kbOptions());
        if (createdAt != null) {
            kb.createdAt(createdAt);
        }
        stats.addTo(kb.counts(config.language()));
        describeWikipedia(kb, config.language(), stats.summary(), KbSource.ofFile("wikipedia-dump", config.dump(),
                ""));

        WikidataDumpReader.Result wikidata = null;
        if (config.wikidata() != null) {
            try (Progress progress = progressOut == null ? Progress.silent()
                    : new Progress("wikidata", Files.size(config.wikidata()), "B", progressOut)) {
                wikidata = new WikidataDumpReader(wikidataOptions(config)).read(config.wikidata(), progress);
            }
            addWikidata(kb, config.language(), wikidata, KbSource.ofFile("wikidata-dump", config.wikidata(), ""));
        }
        KnowledgeBase built = kb.build();
        KbFile.write(built, config.out());
        return new Report(build, wikidata, built);
    }

    /** The Wikidata reader's options for this build: only the dump's language, limits from the config. */
    public static WikidataDumpReader.Options wikidataOptions(Config config) {
        WikidataDumpReader.Options o = config.wikidataOptions();
        return new WikidataDumpReader.Options(Set.of(config.language()), false, o.maxMalformedLines(),
                o.maxMalformedFraction(), o.allowTruncated());
    }

    /**
     * Records the Wikipedia dump in the KB header: its source (with the summary as description) and the
     * {@code wikipedia.<lang>.*} notes. Shared with the Spark builder, so both write the same header.
     *
     * @param file the dump's name, SHA-256 and size (its description is replaced)
     */
    public static void describeWikipedia(KbBuilder kb, String language, AnchorStatistics.Summary s, KbSource file) {
        kb.addSource(new KbSource(file.kind(), file.name(), file.sha256(), file.bytes(),
                String.format(Locale.ROOT, "%s: %d articles, %d redirects, %d links, %d distinct anchors%s",
                        language, s.articles(), s.redirects(), s.links(), s.distinctAnchors(),
                        s.truncated() ? "; TRUNCATED dump, complete pages only" : "")));
        String prefix = "wikipedia." + language + ".";
        kb.note(prefix + "builder", "org.boe4j.kb.build.wikipedia (two passes: links+redirects, page occurrences)");
        kb.note(prefix + "articles", Long.toString(s.articles()));
        kb.note(prefix + "links", Long.toString(s.links()));
        kb.note(prefix + "linksWithLongAnchor", Long.toString(s.linksWithLongAnchor()));
        kb.note(prefix + "templatesAndTables", "links inside templates, tables and <ref> are not counted");
        if (s.truncated()) {
            kb.note(prefix + "truncated", s.truncationMessage());
        }
    }

    /** Adds the language's Wikidata pairs and records the Wikidata dump as a source (shared with Spark). */
    public static void addWikidata(KbBuilder kb, String language, WikidataDumpReader.Result wikidata, KbSource file) {
        wikidata.links().addTo(kb, false);
        kb.addSource(new KbSource(file.kind(), file.name(), file.sha256(), file.bytes(),
                String.format(Locale.ROOT, "%d entities, %d with enwiki, %d %s pairs, %d malformed lines",
                        wikidata.entityLines(), wikidata.withEnglish(), wikidata.links().size(language),
                        language, wikidata.malformedCount())));
    }
}
