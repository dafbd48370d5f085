package org.boe4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.WikipediaKbBuild;
import org.boe4j.wiki.TruncatedDumpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark-built KB equals the single-machine KB byte for byte, on the real English (gensim, 206 pages) and
 * Japanese (jawiki head, 238 complete pages, with the ja->en pairs of real Wikidata entities) samples, whether
 * the bzip2 dump (100 kB blocks) is cut into several splits (pages cut by split boundaries are joined). The header's {@code createdAt} is the only field that
 * depends on the moment of the build; both builds are given the same instant, so the files must be identical.
 */
class SparkKbBuildTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static JavaSparkContext sc() {
        return JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
    }

    private byte[] singleMachine(String lang, Path dump, Path wikidata, boolean allowTruncated) throws Exception {
        Path out = dir.resolve(lang + "-local.kb");
        WikipediaKbBuild.Config config = new WikipediaKbBuild.Config(lang, dump, wikidata, out, KbOptions.defaults(),
                allowTruncated, AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS,
                WikidataDumpReader.Options.of(Set.of(lang)).withAllowTruncated(allowTruncated), dir, 1);
        WikipediaKbBuild.run(config, null, AT);
        return Files.readAllBytes(out);
    }

    private SparkKbBuild.Report spark(String lang, Path dump, Path wikidata, boolean allowTruncated, int partitions,
            Path out) throws Exception {
        SparkKbBuild.Config config = new SparkKbBuild.Config(lang, dump.toUri().toString(),
                wikidata == null ? null : wikidata.toUri().toString(), out, KbOptions.defaults(), allowTruncated,
                AnchorOptions.DEFAULT_MAX_REDIRECT_HOPS,
                WikidataDumpReader.Options.of(Set.of(lang)).withAllowTruncated(allowTruncated), partitions);
        return SparkKbBuild.wikipedia(sc(), config, AT);
    }

    @Test
    void englishKbIsByteIdenticalFromSeveralSplits() throws Exception {
        Path dump = DumpVariants.bzip2(DumpVariants.decompressed(DumpVariants.resource(DumpVariants.ENWIKI_GENSIM)),
                dir.resolve("enwiki.xml.bz2"));
        byte[] local = singleMachine("en", dump, null, false);
        for (int partitions : new int[] {5}) {
            Path out = dir.resolve("en-spark-" + partitions + ".kb");
            SparkKbBuild.Report r = spark("en", dump, null, false, partitions, out);
            assertThat(r.dumpPartitions()).isGreaterThanOrEqualTo(partitions);
            assertThat(r.wikipedia().articles()).isEqualTo(106);
            assertThat(r.wikipedia().redirects()).isEqualTo(99);
            assertThat(Files.readAllBytes(out)).as("%d splits", partitions).isEqualTo(local);
        }
        assertThat(KbFile.read(dir.resolve("en-spark-5.kb")).dictionary("en").size()).isGreaterThan(1000);
    }

    @Test
    void japaneseKbWithWikidataPairsIsByteIdenticalInSeveralSplits() throws Exception {
        byte[] xml = DumpVariants.closedAfterLastPage(
                DumpVariants.decompressed(DumpVariants.resource(DumpVariants.JAWIKI_TRUNCATED)));
        Path dump = DumpVariants.bzip2(xml, dir.resolve("jawiki.xml.bz2"));
        Path wikidata = DumpVariants.bzip2(DumpVariants.wikidataDump(List.of("wbgetentities-Q1.json",
                "wbgetentites-Oliver-Kahn.json", "wbgetentities-Q32063953.json"), ""), dir.resolve("wd.json.bz2"));
        byte[] local = singleMachine("ja", dump, wikidata, false);
        for (int partitions : new int[] {7}) {
            Path out = dir.resolve("ja-spark-" + partitions + ".kb");
            SparkKbBuild.Report r = spark("ja", dump, wikidata, false, partitions, out);
            assertThat(r.dumpPartitions()).isGreaterThanOrEqualTo(partitions);
            assertThat(r.wikipedia().pages()).isEqualTo(238);
            assertThat(r.wikidata().withEnglish()).isEqualTo(3);
            assertThat(Files.readAllBytes(out)).as("%d splits", partitions).isEqualTo(local);
        }
        KnowledgeBase kb = KbFile.read(dir.resolve("ja-spark-7.kb"));
        assertThat(kb.toEnglish("ja", "宇宙")).isEqualTo("Universe");
        assertThat(kb.toEnglish("ja", "カールスルーエ")).isEqualTo("Karlsruhe");
    }

    /**
     * A dump cut inside a page (the first 3 million characters of the jawiki head, cut at a line end): without --allow-truncated
     * both builders refuse it naming the number of complete pages ({@code </page>} lines of the cut, counted
     * here on the text); with it they keep the same pages and the KBs are identical except the wording of the
     * truncation note (the single-machine one quotes the StAX parser's error, the Spark one names the missing
     * line).
     */
    @Test
    void truncatedDumpKeepsTheSameCompletePages() throws Exception {
        String xml = new String(DumpVariants.decompressed(DumpVariants.resource(DumpVariants.JAWIKI_TRUNCATED)),
                StandardCharsets.UTF_8);
        String cut = xml.substring(0, xml.lastIndexOf('\n', 3_000_000) + 1);
        assertThat(cut.substring(cut.lastIndexOf("<page>"))).doesNotContain("</page>");
        long complete = cut.lines().filter(l -> l.strip().equals("</page>")).count();
        Path dump = DumpVariants.bzip2(cut.getBytes(StandardCharsets.UTF_8),
                dir.resolve("jawiki-cut.xml.bz2"));
        assertThatThrownBy(() -> spark("ja", dump, null, false, 3, dir.resolve("x.kb")))
                .isInstanceOf(TruncatedDumpException.class)
                .hasMessageContaining("after " + complete + " complete pages")
                .hasMessageContaining("--allow-truncated");
        assertThat(dir.resolve("x.kb")).doesNotExist();

        byte[] local = singleMachine("ja", dump, null, true);
        Path out = dir.resolve("ja-truncated-spark.kb");
        spark("ja", dump, null, true, 3, out);
        KnowledgeBase a = KbFile.read(dir.resolve("ja-local.kb"));
        KnowledgeBase b = KbFile.read(out);
        assertThat(a.header().notes().get("wikipedia.ja.truncated")).contains("after " + complete + " complete pages");
        assertThat(b.header().notes().get("wikipedia.ja.truncated")).contains("after " + complete + " complete pages");
        assertThat(bytesWithoutTruncationNote(b)).isEqualTo(bytesWithoutTruncationNote(a)).isNotEqualTo(local);
    }

    private byte[] bytesWithoutTruncationNote(KnowledgeBase kb) throws Exception {
        KbHeader h = kb.header();
        Map<String, String> notes = new TreeMap<>(h.notes());
        notes.remove("wikipedia.ja.truncated");
        KbHeader stripped = new KbHeader(h.formatVersion(), h.createdAt(), h.languages(), h.options(), h.sources(),
                h.counts(), notes);
        Path f = Files.createTempFile(dir, "stripped", ".kb");
        KbFile.write(new KnowledgeBase(stripped, kb.dictionaries(), kb.interlanguage()), f);
        return Files.readAllBytes(f);
    }
}
