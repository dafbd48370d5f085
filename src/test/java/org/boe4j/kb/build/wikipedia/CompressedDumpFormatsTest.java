package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.TruncatedDumpException;
import org.boe4j.wiki.WikiDumpReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.boe4j.io.CompressedInput;
import org.boe4j.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The same real dump (the 3-page wikipedia2vec sample) as .bz2 (committed), and as plain XML, .gz and .xz made
 * from it at test time, yields identical statistics; a mislabelled file and a compressed stream cut in the
 * middle give clear errors (or, with allowTruncated, the pages before the cut).
 */
class CompressedDumpFormatsTest {

    @TempDir
    static Path dir;

    private static Path bz2;
    private static Path plain;
    private static Path gz;
    private static Path xz;

    @BeforeAll
    static void makeCopies() throws IOException {
        bz2 = WikiFixtures.path(WikiFixtures.ENWIKI_W2V);
        plain = dir.resolve("sample.xml");
        try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(bz2))) {
            Files.copy(in, plain);
        }
        gz = dir.resolve("sample.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        xz = dir.resolve("sample.xml.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            Files.copy(plain, out);
        }
    }

    private static String statistics(Path dump) throws IOException {
        AnchorStatistics stats = new WikipediaAnchorStatisticsBuilder(AnchorOptions.defaults("en"), null)
                .build(dump).statistics();
        StringBuilder b = new StringBuilder(stats.summary().toString()).append('\n');
        stats.forEachAnchor((anchor, total, pages, targets, counts) -> b.append(anchor).append('\t').append(total)
                .append('\t').append(pages).append('\t').append(String.join("|", targets)).append('\t')
                .append(Arrays.toString(counts)).append('\n'));
        return b.toString();
    }

    @Test
    void allFormatsReadTheSameContent() throws IOException {
        String expected = statistics(bz2);
        assertThat(expected.lines().count()).isGreaterThan(100);
        assertThat(statistics(plain)).isEqualTo(expected);
        assertThat(statistics(gz)).isEqualTo(expected);
        assertThat(statistics(xz)).isEqualTo(expected);
        try (CompressedInput in = CompressedInput.open(xz)) {
            assertThat(in.compression()).isEqualTo(CompressedInput.Compression.XZ);
        }
    }

    @Test
    void aFileWhoseExtensionLiesIsRejected() throws IOException {
        Path wrong = dir.resolve("really-gzip.xml.bz2");
        Files.copy(gz, wrong);
        assertThatThrownBy(() -> CompressedInput.open(wrong)).isInstanceOf(IOException.class)
                .hasMessageContaining("really-gzip.xml.bz2").hasMessageContaining("BZIP2")
                .hasMessageContaining("1f 8b").hasMessageContaining("GZIP");
    }

    @Test
    void aCompressedStreamCutInTheMiddleIsReported() throws IOException {
        // the gensim sample is 6 MB of XML in several 900 kB bzip2 blocks: cut at 60%, the first blocks decode
        byte[] all = Files.readAllBytes(WikiFixtures.path(WikiFixtures.ENWIKI_GENSIM));
        Path cut = dir.resolve("cut.xml.bz2");
        Files.write(cut, Arrays.copyOf(all, all.length * 6 / 10));
        assertThatThrownBy(() -> new WikiDumpReader(false).read(cut, (p, s) -> { }, Progress.silent()))
                .isInstanceOf(TruncatedDumpException.class).hasMessageContaining("cut.xml.bz2")
                .hasMessageContaining("complete pages").hasMessageContaining("--allow-truncated");
        long[] pages = {0};
        WikiDumpReader.Result r = new WikiDumpReader(true).read(cut, (p, s) -> pages[0]++, Progress.silent());
        assertThat(r.truncated()).isTrue();
        assertThat(r.pages()).isEqualTo(pages[0]).isBetween(1L, 205L);

        // cut inside the first block: nothing can be decoded, an error in both modes
        Path head = dir.resolve("head.xml.bz2");
        Files.write(head, Arrays.copyOf(all, 1000));
        assertThatThrownBy(() -> new WikiDumpReader(true).read(head, (p, s) -> { }, Progress.silent()))
                .isInstanceOf(IOException.class).hasMessageContaining("head.xml.bz2")
                .hasMessageContaining("cannot start decompressing");
    }

    @Test
    void filesThatAreNoMediaWikiExportAreRejectedInBothModes() throws IOException {
        Path other = dir.resolve("other.xml");
        Files.writeString(other, "<rss><channel><title>x</title></channel></rss>");
        assertThatThrownBy(() -> new WikiDumpReader(true).read(other, (p, s) -> { }, Progress.silent()))
                .isInstanceOf(IOException.class).hasMessageContaining("other.xml")
                .hasMessageContaining("root element <rss>, expected <mediawiki>");
        Path garbage = dir.resolve("garbage.xml");
        Files.writeString(garbage, "this is { not xml");
        assertThatThrownBy(() -> new WikiDumpReader(true).read(garbage, (p, s) -> { }, Progress.silent()))
                .isInstanceOf(IOException.class).isNotInstanceOf(TruncatedDumpException.class)
                .hasMessageContaining("garbage.xml").hasMessageContaining("nothing to keep");
    }
}
