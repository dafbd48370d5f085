package org.boe4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.model.TrainedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point for {@code spark-submit --class org.boe4j.spark.SparkMain boe4j.jar <command> ...} (docs/scale.md).
 * Spark is not on the {@code boe4j} launcher's class path (provided scope), so these commands run only under
 * spark-submit (or with Spark's jars added by hand).
 */
@Command(name = "boe4j-spark", mixinStandardHelpOptions = true,
        subcommands = {SparkMain.KbBuild.class, SparkMain.KbWikidata.class, SparkMain.Predict.class},
        description = "boe4j jobs on Apache Spark: KB builds from full dumps, batch inference.")
public final class SparkMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }

    static SparkSession session() {
        return SparkSession.builder().appName("boe4j").getOrCreate();
    }

    @Command(name = "kb-build", mixinStandardHelpOptions = true,
            description = "The KB of `boe4j kb build wikipedia` from a Wikipedia dump (.bz2 splittable) and"
                    + " optionally the Wikidata dump; the file is written on the driver.")
    static final class KbBuild implements Callable<Integer> {
        @Option(names = "--lang", required = true) String language;
        @Option(names = "--dump", required = true, description = "Hadoop path of <lang>wiki-*-pages-articles.xml.bz2")
        String dump;
        @Option(names = "--wikidata", description = "Hadoop path of latest-all.json.bz2") String wikidata;
        @Option(names = "--out", required = true, description = "local KB file on the driver") Path out;
        @Option(names = "--allow-truncated") boolean allowTruncated;
        @Option(names = "--case-sensitive") boolean caseSensitive;
        @Option(names = "--max-mention-length") int maxMentionLength = KbOptions.DEFAULT_MAX_MENTION_LENGTH;
        @Option(names = "--min-link-prob") double minLinkProbability = KbOptions.DEFAULT_MIN_LINK_PROBABILITY;
        @Option(names = "--min-commonness") double minCommonness = KbOptions.DEFAULT_MIN_COMMONNESS;
        @Option(names = "--max-redirect-hops") int maxRedirectHops = AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS;
        @Option(names = "--max-malformed-lines") long maxMalformedLines =
                WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_LINES;
        @Option(names = "--max-malformed-fraction") double maxMalformedFraction =
                WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_FRACTION;
        @Option(names = "--min-partitions", description = "at least this many splits (default: ${DEFAULT-VALUE})")
        int minPartitions = 2;
        @Option(names = "--created-at", description = "ISO-8601 instant for the header (reproducible files)")
        Instant createdAt;

        @Override
        public Integer call() throws Exception {
            KbOptions kb = KbOptions.defaults().withThresholds(minLinkProbability, minCommonness)
                    .withCaseInsensitive(!caseSensitive).withMaxMentionLength(maxMentionLength);
            WikidataDumpReader.Options wd = WikidataDumpReader.Options.of(Set.of(language))
                    .withLimits(maxMalformedLines, maxMalformedFraction).withAllowTruncated(allowTruncated);
            try (SparkSession spark = session()) {
                long start = System.nanoTime();
                SparkKbBuild.Report r = SparkKbBuild.wikipedia(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        new SparkKbBuild.Config(language, dump, wikidata, out, kb, allowTruncated, maxRedirectHops, wd,
                                minPartitions), createdAt);
                var s = r.wikipedia();
                System.out.printf(Locale.ROOT, "wikipedia %s: %d pages, %d articles, %d redirects, %d links, %d distinct"
                                + " anchors, %d pairs; %d splits; %.1f s%n", language, s.pages(), s.articles(),
                        s.redirects(), s.links(), s.distinctAnchors(), s.distinctPairs(), r.dumpPartitions(),
                        (System.nanoTime() - start) / 1e9);
                if (s.truncated()) {
                    System.out.println("WARNING: " + s.truncationMessage() + "; the KB holds the complete pages only");
                }
                System.out.println("KB " + out + ": " + r.kb().header().counts());
            }
            return 0;
        }
    }

    @Command(name = "kb-wikidata", mixinStandardHelpOptions = true,
            description = "`boe4j kb build wikidata` on Spark: adds the Wikidata pairs of --lang to an existing KB.")
    static final class KbWikidata implements Callable<Integer> {
        @Option(names = "--dump", required = true) String dump;
        @Option(names = "--lang", required = true, split = ",") List<String> languages;
        @Option(names = "--kb", required = true) Path kb;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--allow-truncated") boolean allowTruncated;
        @Option(names = "--min-partitions") int minPartitions = 2;

        @Override
        public Integer call() throws Exception {
            KnowledgeBase base = KbFile.read(kb);
            try (SparkSession spark = session()) {
                KnowledgeBase updated = SparkKbBuild.wikidata(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        dump, WikidataDumpReader.Options.of(new LinkedHashSet<>(languages))
                                .withAllowTruncated(allowTruncated), base, out, minPartitions);
                System.out.println("KB " + out + ": " + updated.header().counts());
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Batch inference with a saved trained-model directory (as `boe4j predict --model DIR`):"
                    + " documents in (text lines, JSONL, Parquet), predictions out (JSONL in the format of"
                    + " `boe4j predict --json`, or Parquet).")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--input", required = true) String input;
        @Option(names = "--format", description = "text, jsonl or parquet (default: ${DEFAULT-VALUE})")
        String format = "jsonl";
        @Option(names = "--output", required = true) String output;
        @Option(names = "--parquet-output") boolean parquetOutput;
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "a trained-model directory"
                + " (written by `boe4j experiment`), readable at this path on every executor")
        String model;
        @Option(names = "--kb", paramLabel = "FILE", description = "KB file on every executor (default: the one"
                + " recorded in the model's model.json)")
        String kb;
        @Option(names = "--encoder", paramLabel = "DIR", description = "for a head on a frozen encoder: where the"
                + " encoder directory is on every executor (default: the recorded path)")
        String encoder;
        @Option(names = "--lang", description = "language of documents without one (default: ${DEFAULT-VALUE})")
        String language = "en";
        @Option(names = "--id-field") String idField = "id";
        @Option(names = "--text-field") String textField = "text";
        @Option(names = "--lang-field") String langField = "lang";
        @Option(names = "--batch-size") int batchSize = 16;
        @Option(names = "--entities", description = "also write the bag of entities (and attention weights)")
        boolean entities;
        @Option(names = "--min-partitions") int minPartitions = 2;

        @Override
        public Integer call() throws Exception {
            checkModelOnDriver(Path.of(model));
            PredictorFactory f = new PredictorFactory(model, kb, encoder);
            try (SparkSession spark = session()) {
                long n = SparkPredict.run(spark, f, new SparkPredict.Config(input, DocumentInput.Format.of(format),
                        new DocumentInput.Fields(idField, textField, langField, language), output, parquetOutput,
                        batchSize, entities, minPartitions));
                System.out.println(n + " documents predicted -> " + output);
            }
            return 0;
        }

        /**
         * A model directory the driver can read is verified before the job starts (card, file sizes and checksums),
         * so a wrong or damaged path fails in seconds rather than on every executor; one the driver cannot see is
         * left to the executors, with a note.
         */
        static void checkModelOnDriver(Path dir) throws IOException {
            if (Files.isDirectory(dir)) {
                TrainedModel.verifyDirectory(dir);
            } else if (Files.exists(dir)) {
                throw new IOException(dir + ": --model must be a trained-model directory (with "
                        + TrainedModel.CARD_FILE + "), this is a file");
            } else {
                System.err.println("note: " + dir + " is not visible on the driver; the executors will load it");
            }
        }
    }
}
