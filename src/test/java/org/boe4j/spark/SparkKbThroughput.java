package org.boe4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.WikipediaKbBuild;

/**
 * One-off measurement harness for docs/scale.md (not a test; run under {@code flock /work/cpu.lock}): the Spark
 * KB build in local[2] against the single-machine build with 2 threads, same dumps, same JVM, warm (2 warm-up
 * builds each, then the median of 3). Usage: java -cp ... org.boe4j.spark.SparkKbThroughput
 */
public final class SparkKbThroughput {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("boe4j-spark-throughput");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        byte[] en = DumpVariants.decompressed(DumpVariants.resource(DumpVariants.ENWIKI_GENSIM));
        byte[] ja = DumpVariants.closedAfterLastPage(
                DumpVariants.decompressed(DumpVariants.resource(DumpVariants.JAWIKI_TRUNCATED)));
        for (Object[] c : new Object[][] {{"en", en}, {"ja", ja}}) {
            String lang = (String) c[0];
            byte[] xml = (byte[]) c[1];
            Path dump = DumpVariants.bzip2(xml, dir.resolve(lang + ".xml.bz2"));
            double mb = xml.length / 1e6;
            double[] spark = new double[3];
            double[] local = new double[3];
            for (int i = -2; i < 3; i++) {
                long t0 = System.nanoTime();
                SparkKbBuild.wikipedia(sc, new SparkKbBuild.Config(lang, dump.toUri().toString(), null,
                        dir.resolve("s.kb"), KbOptions.defaults(), false, AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS,
                        WikidataDumpReader.Options.of(Set.of(lang)), 4), Instant.EPOCH);
                long t1 = System.nanoTime();
                WikipediaKbBuild.run(new WikipediaKbBuild.Config(lang, dump, null, dir.resolve("l.kb"),
                        KbOptions.defaults(), false, AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS,
                        WikidataDumpReader.Options.of(Set.of(lang)), dir, 2), null, Instant.EPOCH);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    spark[i] = (t1 - t0) / 1e9;
                    local[i] = (t2 - t1) / 1e9;
                }
            }
            Arrays.sort(spark);
            Arrays.sort(local);
            System.out.printf(Locale.ROOT, "%s: %.1f MB XML, %.2f MB bz2; spark local[2] 4 splits median %.2f s ="
                            + " %.2f MB/s XML (runs %s); single machine 2 threads median %.2f s = %.2f MB/s XML (runs %s)%n",
                    lang, mb, Files.size(dump) / 1e6, spark[1], mb / spark[1], Arrays.toString(spark), local[1],
                    mb / local[1], Arrays.toString(local));
        }
        LocalSpark.session().stop();
    }
}
