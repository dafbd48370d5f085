package org.boe4j.kb.build.wikidata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.boe4j.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wikidata dump reader on real entities.
 *
 * <p>The two real dump-layout samples (Wikidata-Toolkit's {@code sample-dump-20150815.json.gz} and
 * {@code mock-dump-with-bugs.json}) have empty sitelinks, so the sitelink test dump is made at test time from
 * the three real full entities of the {@code wbgetentities-*.json} API answers (Q1 Universe, Q131261 Oliver
 * Kahn, and Q1040 Karlsruhe, requested as Q32063953: the answer's key, its "id" is Q1040), one entity per
 * line in the dump layout ({@code [}, lines with a trailing comma, {@code ]}). Expected titles read by hand from those files ({@code python3 -c "import json; ..."} printing
 * {@code sitelinks[x]['title']}): jawiki 宇宙 / オリバー・カーン / カールスルーエ, dewiki Universum / Oliver
 * Kahn / Karlsruhe, thwiki เอกภพ / (none) / คาร์ลสรูเออ, enwiki Universe / Oliver Kahn / Karlsruhe.
 */
class WikidataDumpReaderTest {

    @TempDir
    static Path dir;

    private static List<String> entityLines;

    @BeforeAll
    static void readEntities() throws IOException {
        entityLines = new ArrayList<>();
        for (String name : List.of("wbgetentities-Q1.json", "wbgetentites-Oliver-Kahn.json",
                "wbgetentities-Q32063953.json")) {
            JsonObject answer = JsonParser.parseString(Files.readString(resource(name))).getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : answer.getAsJsonObject("entities").entrySet()) {
                entityLines.add(e.getValue().toString());
            }
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(WikidataDumpReaderTest.class.getResource("/wiki/wikidata/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    /** Writes lines in dump layout: "[", each line + ",", except the last, "]" (when closed). */
    static Path dump(String name, List<String> lines, boolean closed) throws IOException {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < lines.size(); i++) {
            b.append(lines.get(i)).append(i + 1 < lines.size() ? ",\n" : "\n");
        }
        if (closed) {
            b.append("]\n");
        }
        Path file = dir.resolve(name);
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                : name.endsWith(".bz2") ? new BZip2CompressorOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private static WikidataDumpReader.Result read(Path file, WikidataDumpReader.Options options) throws IOException {
        return new WikidataDumpReader(options).read(file, Progress.silent());
    }

    @Test
    void sitelinksOfTheChosenLanguagesMapToEnglish() throws IOException {
        WikidataDumpReader.Result r = read(dump("three.json", entityLines, true),
                WikidataDumpReader.Options.of(Set.of("ja", "de", "th")).withItemIds(true));
        assertThat(r.entityLines()).isEqualTo(3);
        assertThat(r.withEnglish()).isEqualTo(3);
        assertThat(r.malformedCount()).isZero();
        assertThat(r.complete()).isTrue();
        InterlanguageLinks links = r.links();
        assertThat(links.pairs("ja")).containsOnly(Map.entry("宇宙", "Universe"),
                Map.entry("オリバー・カーン", "Oliver Kahn"), Map.entry("カールスルーエ", "Karlsruhe"));
        assertThat(links.pairs("de")).containsOnly(Map.entry("Universum", "Universe"),
                Map.entry("Oliver Kahn", "Oliver Kahn"), Map.entry("Karlsruhe", "Karlsruhe"));
        assertThat(links.pairs("th")).containsOnly(Map.entry("เอกภพ", "Universe"), Map.entry("คาร์ลสรูเออ", "Karlsruhe"));
        assertThat(links.pairs("fr")).isEmpty(); // not asked for
        assertThat(links.items()).containsOnly(Map.entry("Q1", "Universe"), Map.entry("Q131261", "Oliver Kahn"),
                Map.entry("Q1040", "Karlsruhe"));
        assertThat(r.sitelinksByLanguage()).containsEntry("th", 2L).containsEntry("ja", 3L).containsEntry("en", 3L);
    }

    @Test
    void gzipAndBzip2ReadTheSame() throws IOException {
        WikidataDumpReader.Options o = WikidataDumpReader.Options.of(Set.of("ja", "th"));
        Map<String, String> plain = read(dump("p.json", entityLines, true), o).links().pairs("ja");
        assertThat(read(dump("p.json.gz", entityLines, true), o).links().pairs("ja")).isEqualTo(plain).hasSize(3);
        assertThat(read(dump("p.json.bz2", entityLines, true), o).links().pairs("ja")).isEqualTo(plain);
    }

    @Test
    void malformedLinesAreCountedWithTheirLineNumbers() throws IOException {
        List<String> lines = new ArrayList<>(entityLines);
        lines.add(1, entityLines.get(0).substring(0, 500));          // file line 3: a cut line
        lines.add(3, "this is not json");                             // file line 5
        lines.add(4, "{\"type\":\"item\",\"sitelinks\":{}}");        // file line 6: no id
        Path file = dump("bad.json", lines, true);
        WikidataDumpReader.Result r = read(file, WikidataDumpReader.Options.of(Set.of("ja")).withLimits(10, 0.9));
        assertThat(r.entityLines()).isEqualTo(3);
        assertThat(r.malformedCount()).isEqualTo(3);
        assertThat(r.firstMalformed()).extracting(WikidataDumpReader.MalformedLine::lineNumber).containsExactly(3L, 5L, 6L);
        assertThat(r.firstMalformed().get(2).reason()).contains("without a string \"id\"");
        assertThat(r.links().pairs("ja")).hasSize(3); // the good lines still count

        // over the count limit: an error naming the file and the first bad lines
        assertThatThrownBy(() -> read(file, WikidataDumpReader.Options.of(Set.of("ja")).withLimits(2, 0.9)))
                .isInstanceOf(MalformedDumpException.class).hasMessageContaining("bad.json")
                .hasMessageContaining("more than 2 malformed lines").hasMessageContaining("line 3:")
                .hasMessageContaining("line 5:");
        // over the default share limit (1%): 3 of 6 lines
        assertThatThrownBy(() -> read(file, WikidataDumpReader.Options.of(Set.of("ja"))))
                .isInstanceOf(MalformedDumpException.class).hasMessageContaining("3 of 6 entity lines are malformed");
    }

    @Test
    void wikibaseEmptyMapsWrittenAsArraysAreNotMalformed() throws IOException {
        // mock-dump-with-bugs.json: 101 entity lines; line 3 has "labels":[] and line 19 "claims":[]
        WikidataDumpReader.Result r = read(resource("mock-dump-with-bugs.json"), WikidataDumpReader.Options.of(Set.of("ja")));
        assertThat(r.entityLines()).isEqualTo(101);
        assertThat(r.malformedCount()).isZero();
        assertThat(r.complete()).isTrue();
        WikidataDumpReader.Result sample = read(resource("sample-dump-20150815.json.gz"), WikidataDumpReader.Options.of(Set.of("ja")));
        assertThat(sample.entityLines()).isEqualTo(101);
        assertThat(sample.withEnglish()).isZero(); // its sitelinks are empty
    }

    @Test
    void aDumpWithoutItsClosingLineIsAnErrorUnlessAllowed() throws IOException {
        Path file = dump("open.json", entityLines, false);
        assertThatThrownBy(() -> read(file, WikidataDumpReader.Options.of(Set.of("ja"))))
                .isInstanceOf(MalformedDumpException.class).hasMessageContaining("open.json")
                .hasMessageContaining("without its closing ']'").hasMessageContaining("--allow-truncated");
        WikidataDumpReader.Result r = read(file, WikidataDumpReader.Options.of(Set.of("ja")).withAllowTruncated(true));
        assertThat(r.complete()).isFalse();
        assertThat(r.links().pairs("ja")).hasSize(3);
    }

    @Test
    void aFileThatIsNoDumpIsRejected() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello\nworld\n");
        assertThatThrownBy(() -> read(file, WikidataDumpReader.Options.of(Set.of("ja"))))
                .isInstanceOf(MalformedDumpException.class).hasMessageContaining("not a Wikidata JSON dump");
    }

}
