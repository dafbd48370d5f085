package org.boe4j.kb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EntityVectorsTest {

    @TempDir
    Path dir;

    private final EntityIndex index = EntityIndex.of(List.of("New York City", "Apollo 11", "Tokyo", "Paris"));

    @Test
    void indexReservesZeroForPaddingAndSortsTitles() throws IOException {
        assertThat(index.titles()).containsExactly("<pad>", "Apollo 11", "New York City", "Paris", "Tokyo");
        assertThat(index.id("New_York_City")).isEqualTo(2);
        assertThat(index.id("Berlin")).isEqualTo(-1);
        Path f = dir.resolve("entities.txt");
        index.write(f);
        assertThat(EntityIndex.read(f).titles()).isEqualTo(index.titles());
    }

    @Test
    void readsWikipedia2VecWithHeaderSpacesAndUnderscores() throws IOException {
        // word2vec-style: header, a word line, titles with underscores and with spaces, a title ending in a number
        Path f = write("w2v.txt", "5 3\n"
                + "the 0.1 0.2 0.3\n"
                + "ENTITY/New_York_City 1 2 3\n"
                + "ENTITY/Apollo 11 4 5 6\n"
                + "ENTITY/Tokyo -1.5 0 2.5e-1\n"
                + "ENTITY/Unknown_Entity 9 9 9\n");
        EntityVectors v = EntityVectors.fromWikipedia2Vec(f, index, 3, 42);
        assertThat(v.fromFile()).isEqualTo(3);
        assertThat(v.row(0)).containsExactly(0f, 0f, 0f);
        assertThat(v.row(index.id("New York City"))).containsExactly(1f, 2f, 3f);
        assertThat(v.row(index.id("Apollo 11"))).containsExactly(4f, 5f, 6f);
        assertThat(v.row(index.id("Tokyo"))).containsExactly(-1.5f, 0f, 0.25f);
        // Paris is missing from the file: seeded random row, identical to the random initialisation's row
        assertThat(v.row(index.id("Paris"))).isEqualTo(EntityVectors.random(index, 3, 42, 0.02).row(index.id("Paris")));
    }

    @Test
    void readsTabSeparatedGzipWithoutHeader() throws IOException {
        Path f = dir.resolve("w2v.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(("paris 1 1\nENTITY/New York City\t7 8\nENTITY/Paris\t0.5 -0.5\n").getBytes(StandardCharsets.UTF_8));
        }
        EntityVectors v = EntityVectors.fromWikipedia2Vec(f, index, 2, 1);
        assertThat(v.fromFile()).isEqualTo(2);
        assertThat(v.row(index.id("New York City"))).containsExactly(7f, 8f);
        assertThat(v.row(index.id("Paris"))).containsExactly(0.5f, -0.5f);
    }

    @Test
    void readsBzip2() throws IOException {
        Path f = dir.resolve("w2v.txt.bz2");
        try (OutputStream out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(
                Files.newOutputStream(f))) {
            out.write("1 2\nENTITY/Tokyo 3 4\n".getBytes(StandardCharsets.UTF_8));
        }
        EntityVectors v = EntityVectors.fromWikipedia2Vec(f, index, 2, 1);
        assertThat(v.fromFile()).isEqualTo(1);
        assertThat(v.row(index.id("Tokyo"))).containsExactly(3f, 4f);
    }

    @Test
    void dimensionMismatchNamesFileAndLine() throws IOException {
        Path header = write("h.txt", "2 300\nENTITY/Paris 1 2\n");
        assertThatThrownBy(() -> EntityVectors.fromWikipedia2Vec(header, index, 768, 1))
                .hasMessageContaining("h.txt:1").hasMessageContaining("dimension 300")
                .hasMessageContaining("768");
        Path noHeader = write("n.txt", "the 1 2 3\nENTITY/Paris 1 2\n");
        assertThatThrownBy(() -> EntityVectors.fromWikipedia2Vec(noHeader, index, 2, 1))
                .hasMessageContaining("n.txt:1").hasMessageContaining("expected 2").hasMessageContaining("found 3");
        Path tab = write("t.txt", "ENTITY/Paris\t1 2 3\n");
        assertThatThrownBy(() -> EntityVectors.fromWikipedia2Vec(tab, index, 2, 1))
                .hasMessageContaining("t.txt:1").hasMessageContaining("found 3");
        Path wide = write("w.txt", "ENTITY/Paris 1 2 3 4 5 6 7 8 9\n");
        assertThatThrownBy(() -> EntityVectors.fromWikipedia2Vec(wide, index, 2, 1))
                .hasMessageContaining("w.txt:1").hasMessageContaining("found 9");
    }

    @Test
    void seededRandomInitIsReproducibleWithTheDocumentedScale() {
        EntityIndex big = EntityIndex.of(IntStream.range(0, 2000).mapToObj(i -> "E" + i).toList());
        EntityVectors a = EntityVectors.random(big, 64, 7, EntityVectors.DEFAULT_STD);
        EntityVectors b = EntityVectors.random(big, 64, 7, EntityVectors.DEFAULT_STD);
        EntityVectors c = EntityVectors.random(big, 64, 8, EntityVectors.DEFAULT_STD);
        assertThat(a.data()).isEqualTo(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
        assertThat(a.row(0)).containsOnly(0f);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 64; i < a.data().length; i++) {
            sum += a.data()[i];
            sq += a.data()[i] * (double) a.data()[i];
            n++;
        }
        double mean = sum / n;
        // 127,936 samples: the standard error of the mean is 0.02/sqrt(n) = 5.6e-5, of the std about 4e-5
        assertThat(mean).isCloseTo(0.0, within(3e-4));
        assertThat(Math.sqrt(sq / n - mean * mean)).isCloseTo(0.02, within(3e-4));
    }

    @Test
    void nameEncoderVectorsFollowTheIndexAndCheckTheDimension() {
        // a deterministic fake encoder: (length of the name, number of spaces, first char code)
        NameEncoder fake = names -> names.stream()
                .map(s -> new float[]{s.length(), s.chars().filter(ch -> ch == ' ').count(), s.charAt(0)})
                .toArray(float[][]::new);
        EntityVectors v = EntityVectors.fromNames(index, fake, 3, 2);
        assertThat(v.row(0)).containsExactly(0f, 0f, 0f);
        assertThat(v.row(index.id("New York City"))).containsExactly(13f, 2f, 'N');
        assertThat(v.row(index.id("Tokyo"))).containsExactly(5f, 0f, 'T');
        assertThatThrownBy(() -> EntityVectors.fromNames(index, fake, 768, 2))
                .hasMessageContaining("dimension 3").hasMessageContaining("768");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
