package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded SIB-200 copy, read with the real reader. Expected texts were checked by hand against the raw
 * files ({@code cat -A}) and against Python's {@code csv.reader(delimiter='\t')}, an independent RFC-4180 parser.
 */
class Sib200Test {

    @Test
    void everyEmbeddedLanguageHasTheReleaseSizesAndLabels() throws Exception {
        Map<String, Integer> sizes = Map.of("train", 701, "dev", 99, "test", 204);
        for (String lang : Sib200.EMBEDDED) {
            for (String split : Sib200.SPLITS) {
                Dataset d = Sib200.embedded(lang, split, BadRowPolicy.FAIL);
                assertThat(d.size()).as(lang + " " + split).isEqualTo(sizes.get(split));
                assertThat(d.labels()).isEqualTo(Sib200.LABELS);
                assertThat(d.multiLabel()).isFalse();
                assertThat(d.skipped().count()).isZero();
                assertThat(d.split()).isEqualTo(split);
                assertThat(d.language()).isEqualTo(org.boe4j.lang.Languages.code(lang));
                assertThat(d.sources()).singleElement().satisfies(s -> assertThat(s.sha256()).hasSize(64));
                for (int c : d.labelCounts()) {
                    assertThat(c).as("every topic occurs in " + lang + " " + split).isPositive();
                }
            }
        }
    }

    @Test
    void sha256IsThatOfTheFileBytes() throws Exception {
        // reference values from `sha256sum src/main/resources/org/boe4j/data/sib200/*/test.tsv`
        assertThat(Sib200.embedded("es", "test", BadRowPolicy.FAIL).sources().get(0).sha256())
                .isEqualTo("971fbbf0ed5e2f4d10953264c9d5ef05d854b654014d3a10b98f50a12443ea41");
        assertThat(Sib200.embedded("eng_Latn", "test", BadRowPolicy.FAIL).sources().get(0).sha256())
                .isEqualTo("fd7012f846f5a8caead1e7419023d64a28351893f3d9c7ebcde4c5481ca5d326");
    }

    @Test
    void leadingSpaceIsKept() throws Exception {
        Example e = byId(Sib200.embedded("spanish", "test", BadRowPolicy.FAIL)).get("1715");
        assertThat(e.text()).isEqualTo(" Si bien hoy Tombuct\u00fa es una ciudad empobrecida, a\u00fan cuenta con un "
                + "aeropuerto y su reputaci\u00f3n hace que sea un atractivo tur\u00edstico.");
        assertThat(e.label()).isEqualTo("travel");
        assertThat(e.language()).isEqualTo("es");
        assertThat(e.source().file()).isEqualTo("classpath:/org/boe4j/data/sib200/spa_Latn/test.tsv");
        assertThat(e.source().line()).isEqualTo(76); // `grep -n ^1715 spa_Latn/test.tsv`
    }

    @Test
    void quotedFieldsAreUnquotedOnce() throws Exception {
        Map<String, Example> en = byId(Sib200.embedded("en", "test", BadRowPolicy.FAIL));
        // raw: "\"\"\"We now have ... diabetic,\"\" he added.\""
        assertThat(en.get("997").text()).isEqualTo(
                "\"We now have 4-month-old mice that are non-diabetic that used to be diabetic,\" he added.");
        assertThat(en.get("997").label()).isEqualTo("health");
        // the fra dev row holds doubled quotes even after unquoting (so does the release, read by pandas)
        Map<String, Example> fr = byId(Sib200.embedded("fr", "dev", BadRowPolicy.FAIL));
        assertThat(fr.get("1095").text()).startsWith("\"Dans une interview,")
                .contains("\u00e9tait \"\"tr\u00e8s troublante").endsWith("\"\".\"");
    }

    @Test
    void invisibleCharactersAreKept() throws Exception {
        Map<String, Example> de = byId(Sib200.embedded("de", "train", BadRowPolicy.FAIL));
        assertThat(de.get("665").text()).startsWith("Der \u200d\u200c\u200d\u201etypische\u201d Besuch");
        Map<String, Example> fr = byId(Sib200.embedded("fr", "test", BadRowPolicy.FAIL));
        assertThat(fr.get("61").text()).startsWith("Lors de son discours").endsWith("aujourd'hui.\u00a0\u00bb");
        Map<String, Example> en = byId(Sib200.embedded("en", "test", BadRowPolicy.FAIL));
        assertThat(en.get("1679").text()).startsWith("The AI \u200b\u200bsystem");
    }

    @Test
    void anotherLanguageDirectoryOnDiskReadsTheSameWay(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("xxx_Latn");
        Files.createDirectories(dir);
        for (String split : Sib200.SPLITS) {
            try (InputStream in = DataFile.resource("org/boe4j/data/sib200/eng_Latn/" + split + ".tsv").open()) {
                Files.copy(in, dir.resolve(split + ".tsv"));
            }
        }
        Dataset disk = Sib200.read(dir, "test", BadRowPolicy.FAIL); // no labels.txt: the release's 7 topics
        Dataset embedded = Sib200.embedded("en", "test", BadRowPolicy.FAIL);
        assertThat(disk.language()).isEqualTo("xxx_Latn");
        assertThat(disk.labels()).isEqualTo(Sib200.LABELS);
        assertThat(disk.size()).isEqualTo(204);
        assertThat(disk.sources().get(0).sha256()).isEqualTo(embedded.sources().get(0).sha256());
        for (int i = 0; i < disk.size(); i++) {
            assertThat(disk.examples().get(i).text()).isEqualTo(embedded.examples().get(i).text());
            assertThat(disk.examples().get(i).labels()).isEqualTo(embedded.examples().get(i).labels());
        }
    }

    @Test
    void wrongHeaderAndUnknownLanguageAreReported(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("bad_Latn");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("test.tsv"), "id\tlabel\ttext\n1\ttravel\tHello\n");
        assertThatThrownBy(() -> Sib200.read(dir, "test", BadRowPolicy.SKIP))
                .isInstanceOf(BadRowException.class)
                .hasMessage(dir.resolve("test.tsv") + ":1: header [id, label, text], expected [index_id, category, text]");
        assertThatThrownBy(() -> Sib200.embedded("swh_Latn", "test", BadRowPolicy.FAIL))
                .hasMessageContaining("not embedded");
    }

    private static Map<String, Example> byId(Dataset d) {
        return d.examples().stream().collect(Collectors.toMap(Example::id, Function.identity()));
    }
}
