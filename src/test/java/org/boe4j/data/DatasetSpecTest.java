package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {

    @TempDir
    Path dir;

    @Test
    void embeddedAndOnDiskSib200() throws Exception {
        Dataset d = DatasetSpec.parse("sib200:fra_Latn:dev").read(BadRowPolicy.FAIL);
        assertThat(d.language()).isEqualTo("fr");
        assertThat(d.size()).isEqualTo(99);
        Path lang = dir.resolve("xyz_Latn");
        Files.createDirectories(lang);
        try (InputStream in = DataFile.resource("org/boe4j/data/sib200/eng_Latn/dev.tsv").open()) {
            Files.copy(in, lang.resolve("dev.tsv"));
        }
        Dataset disk = DatasetSpec.parse("sib200:" + lang + ":dev").read(BadRowPolicy.FAIL);
        assertThat(disk.language()).isEqualTo("xyz_Latn");
        assertThat(disk.size()).isEqualTo(99);
    }

    @Test
    void mldocCsvAndJsonl() throws Exception {
        Files.writeString(dir.resolve("german.test"), "CCAT\tEin Text\n");
        assertThat(DatasetSpec.parse("mldoc:" + dir + ":de:test").read(BadRowPolicy.FAIL).language()).isEqualTo("de");

        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "stars,review\n5,great\n1,awful\n");
        Dataset c = DatasetSpec.parse("csv:" + csv + "?text=review&label=stars&labels=1,5&lang=spanish&split=test")
                .read(BadRowPolicy.FAIL);
        assertThat(c.labels()).containsExactly("1", "5");
        assertThat(c.language()).isEqualTo("es");
        assertThat(c.split()).isEqualTo("test");

        Path tsv = dir.resolve("p.tsv");
        Files.writeString(tsv, "x\ta|b\n");
        Dataset t = DatasetSpec.parse("tsv:" + tsv + "?text=#0&label=#1&header=false&multi=|").read(BadRowPolicy.FAIL);
        assertThat(t.examples().get(0).labels()).containsExactly("a", "b");
        assertThat(t.split()).isEqualTo("p.tsv");

        Path jsonl = dir.resolve("j.jsonl");
        Files.writeString(jsonl, "{\"t\": \"hi\", \"y\": [\"a\"]}\n");
        Dataset j = DatasetSpec.parse("jsonl:" + jsonl + "?text=t&label=y&multi=true").read(BadRowPolicy.FAIL);
        assertThat(j.multiLabel()).isTrue();
        assertThat(j.examples().get(0).labels()).containsExactly("a");
    }

    @Test
    void badSpecsExplainTheGrammar() {
        assertThatThrownBy(() -> DatasetSpec.parse("sib200")).hasMessageContaining("no '<kind>:' prefix")
                .hasMessageContaining("expected sib200:<lang>:<split>");
        assertThatThrownBy(() -> DatasetSpec.parse("sib200:fr")).hasMessageContaining("expected 2 ':'-separated");
        assertThatThrownBy(() -> DatasetSpec.parse("csv:x.csv")).hasMessageContaining("missing '?text=");
        assertThatThrownBy(() -> DatasetSpec.parse("csv:x.csv?text=a&lable=b")).hasMessageContaining("unknown option 'lable'");
        assertThatThrownBy(() -> DatasetSpec.parse("parquet:x")).hasMessageContaining("unknown kind 'parquet'");
        assertThatThrownBy(() -> DatasetSpec.parse("sib200:xx:test").read(BadRowPolicy.FAIL))
                .hasMessageContaining("not embedded");
    }

    @Test
    void everyRegisteredFormatParsesItsOwnSpecsAndTheGrammarListsThemAll() {
        for (DatasetFormat f : DatasetFormats.all()) {
            assertThat(DatasetSpec.grammar()).contains(f.name() + ":");
        }
        DatasetSpec s = DatasetSpec.parse("shinra:/a/ja.json?dump=/w/jawiki.xml.bz2&max-text-chars=2560&lang=ja");
        assertThat(s.format().name()).isEqualTo("shinra");
        assertThat(s.parts()).containsExactly("/a/ja.json");
        assertThat(s.format().requiredFiles(s)).containsExactly(Path.of("/a/ja.json"), Path.of("/w/jawiki.xml.bz2"));
        assertThatThrownBy(() -> DatasetSpec.parse("shinra:/a/ja.json?lang=ja")).hasMessageContaining("'dump' is required");
        assertThatThrownBy(() -> DatasetSpec.parse("shinra:/a/ja.json?dump=d&max-text-chars=many"))
                .hasMessageContaining("max-text-chars=many is not a number");
        assertThat(DatasetSpec.parse("mldoc:/m:fr:test").format().requiredFiles(DatasetSpec.parse("mldoc:/m:fr:test")))
                .containsExactly(Path.of("/m/french.test"));
    }
}
