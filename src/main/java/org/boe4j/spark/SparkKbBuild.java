package org.boe4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbMerge;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.AnchorStatistics;
import org.boe4j.kb.build.wikipedia.WikipediaKbBuild;

/**
 * The KB builds of {@code boe4j kb build wikipedia|wikidata} on Spark: the dumps are read and counted by the
 * cluster, the driver assembles the KB with the single-machine code ({@link KbBuilder},
 * {@link WikipediaKbBuild#describeWikipedia}, {@link WikipediaKbBuild#addWikidata}, {@link KbMerge}) and writes
 * it to a local file. For the same dumps and build time the file is byte-identical to the single-machine one
 * (SparkKbBuildTest); only the pass statistics differ (Spark does not report per-pass throughput).
 */
public final class SparkKbBuild {

    /**
     * @param dump          Hadoop path of the Wikipedia XML dump (.bz2 splittable, .gz, or plain)
     * @param wikidata      Hadoop path of the Wikidata JSON dump, or null
     * @param out           local path of the KB file
     * @param minPartitions at least this many splits (bzip2 and plain files are split at block boundaries)
     */
    public record Config(String language, String dump, String wikidata, Path out, KbOptions kbOptions,
            boolean allowTruncated, int maxRedirectHops, WikidataDumpReader.Options wikidataOptions,
            int minPartitions) {

        /** The same anchor options as the single-machine build of these settings. */
        public AnchorOptions anchorOptions() {
            return asLocal().anchorOptions();
        }

        WikipediaKbBuild.Config asLocal() {
            return new WikipediaKbBuild.Config(language, Path.of("unused"), null, out, kbOptions, allowTruncated,
                    maxRedirectHops, wikidataOptions, null, 1);
        }
    }

    /** What was built: the statistics summary, the Wikidata result (or null), the KB and the dump's splits. */
    public record Report(AnchorStatistics.Summary wikipedia,
            WikidataDumpReader.Result wikidata, KnowledgeBase kb, int dumpPartitions) {
    }

    private SparkKbBuild() {
    }

    /** One language's KB from its Wikipedia dump and optionally the Wikidata dump. */
    public static Report wikipedia(JavaSparkContext sc, Config config, Instant createdAt) throws IOException {
        if (Files.isDirectory(config.out())) {
            throw new IOException("--out " + config.out() + " is a directory; expected a KB file path");
        }
        SparkWikipediaAnchors.Counts counts = SparkWikipediaAnchors.compute(sc, config.dump(),
                config.anchorOptions(), config.minPartitions());
        KbBuilder kb = new KbBuilder(config.kbOptions());
        if (createdAt != null) {
            kb.createdAt(createdAt);
        }
        counts.addTo(kb.counts(config.language()));
        WikipediaKbBuild.describeWikipedia(kb, config.language(), counts.summary(),
                DumpFiles.source("wikipedia-dump", config.dump(), sc.hadoopConfiguration()));
        WikidataDumpReader.Result wikidata = null;
        if (config.wikidata() != null) {
            wikidata = SparkWikidataLinks.read(sc, config.wikidata(),
                    WikipediaKbBuild.wikidataOptions(config.asLocal()), config.minPartitions());
            WikipediaKbBuild.addWikidata(kb, config.language(), wikidata,
                    DumpFiles.source("wikidata-dump", config.wikidata(), sc.hadoopConfiguration()));
        }
        KnowledgeBase built = kb.build();
        KbFile.write(built, config.out());
        return new Report(counts.summary(), wikidata, built, counts.partitions());
    }

    /**
     * {@code kb build wikidata} on Spark: the pairs of the Wikidata dump for {@code options.languages()} added to
     * an existing KB (its pairs win on conflicts), as KbBuildWikidataCommand does.
     */
    public static KnowledgeBase wikidata(JavaSparkContext sc, String dump, WikidataDumpReader.Options options,
            KnowledgeBase base, Path out, int minPartitions) throws IOException {
        WikidataDumpReader.Result r = SparkWikidataLinks.read(sc, dump, options, minPartitions);
        KbSource file = DumpFiles.source("wikidata-dump", dump, sc.hadoopConfiguration());
        KbSource source = new KbSource(file.kind(), file.name(), file.sha256(), file.bytes(),
                String.format(Locale.ROOT, "%d entities, %d with enwiki, languages %s, %d malformed lines%s",
                        r.entityLines(), r.withEnglish(), options.languages().stream().sorted().toList(),
                        r.malformedCount(), r.complete() ? "" : "; no closing ']' line (truncated)"));
        KnowledgeBase updated = KbMerge.merge(base, r.links().toKb(base.options(), source, false));
        KbFile.write(updated, out);
        return updated;
    }
}
