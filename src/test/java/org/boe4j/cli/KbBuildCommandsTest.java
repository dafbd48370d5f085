package org.boe4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.LanguageDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kb build wikipedia} and {@code kb build wikidata} end to end on the real samples: a KB file is written,
 * reads back, and holds the hand-counted dictionary entry ("screen reader" -> Screen reader, 3 links, see
 * EnglishDumpStatisticsTest) and the Wikidata pairs; a truncated dump without --allow-truncated fails and
 * leaves no file.
 */
class KbBuildCommandsTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KbBuildCommandsTest.class.getResource(name).toURI());
    }

    private static int run(Object command, StringWriter out, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void buildsAnEnglishKbAndAddsWikidataPairs() throws Exception {
        Path kb = dir.resolve("en.kb");
        StringWriter out = new StringWriter();
        int code = run(new KbBuildWikipediaCommand(), out, "--lang", "en", "--dump",
                resource("/wiki/enwiki/wikipedia2vec-sample.xml.bz2").toString(), "--out", kb.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("2 articles, 1 redirects").contains("MB/s XML");

        KnowledgeBase read = KbFile.read(kb);
        LanguageDictionary en = read.dictionary("en");
        int i = en.find(read.options().caseInsensitive() ? "screen reader" : "Screen reader");
        assertThat(i).isNotNegative();
        assertThat(en.candidates(i)).extracting(Candidate::entity).containsExactly("Screen reader");
        assertThat(read.header().sources()).extracting(s -> s.kind()).containsExactly("wikipedia-dump");

        // the Wikidata pairs of the three real entities (see WikidataDumpReaderTest), added to that KB
        Path wikidata = dir.resolve("wd.json");
        StringBuilder lines = new StringBuilder("[\n");
        for (String name : List.of("Q1.json", "Q32063953.json")) {
            String answer = Files.readString(resource("/wiki/wikidata/wbgetentities-" + name), StandardCharsets.UTF_8);
            JsonObject entities = JsonParser.parseString(answer).getAsJsonObject()
                    .getAsJsonObject("entities");
            for (String key : entities.keySet()) {
                lines.append(entities.get(key).toString()).append(",\n");
            }
        }
        lines.append("]\n");
        Files.writeString(wikidata, lines.toString());
        Path kb2 = dir.resolve("en-wd.kb");
        code = run(new KbBuildWikidataCommand(), out, "--dump", wikidata.toString(), "--lang", "ja,de", "--kb",
                kb.toString(), "--out", kb2.toString());
        assertThat(code).as(out.toString()).isZero();
        KnowledgeBase withPairs = KbFile.read(kb2);
        assertThat(withPairs.interlanguage().toEnglish("ja", "カールスルーエ")).isEqualTo("Karlsruhe");
        assertThat(withPairs.interlanguage().toEnglish("de", "Universum")).isEqualTo("Universe");
        assertThat(withPairs.dictionary("en").size()).isEqualTo(en.size());
        assertThat(withPairs.header().sources()).extracting(s -> s.kind())
                .containsExactly("wikipedia-dump", "wikidata-dump");
    }

    @Test
    void aTruncatedDumpFailsWithoutTheFlagAndLeavesNoFile() throws Exception {
        Path kb = dir.resolve("ja.kb");
        StringWriter out = new StringWriter();
        int code = run(new KbBuildWikipediaCommand(), out, "--lang", "ja", "--dump",
                resource("/wiki/jawiki/jawiki-truncated-100k.xml.xz").toString(), "--out", kb.toString());
        assertThat(code).isNotZero();
        assertThat(out.toString()).contains("after 238 complete pages").contains("--allow-truncated");
        assertThat(kb).doesNotExist();
    }

    /** Issue 16, defect 16: the refusal comes before the dump is read, and the file is untouched. */
    @Test
    void refusesAnOutputFileThatIsNotAKbBeforeBuilding() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
        StringWriter out = new StringWriter();
        int code = run(new KbBuildWikipediaCommand(), out, "--lang", "en", "--dump",
                resource("/wiki/enwiki/wikipedia2vec-sample.xml.bz2").toString(), "--out", notes.toString());
        assertThat(code).isNotZero();
        assertThat(out.toString()).contains(notes + " exists and is not a boe4j KB").doesNotContain("articles");
        assertThat(notes).hasContent("my notes");
    }

    /**
     * The whole intended command on the real Japanese sample: dictionary from the (truncated) jawiki dump plus
     * the ja->en pairs of the real Wikidata entities (Q1 宇宙 -> Universe; see WikidataDumpReaderTest), so
     * that a Japanese sentence yields the English entity.
     */
    @Test
    void buildsAJapaneseKbWithWikidataPairs() throws Exception {
        Path wikidata = dir.resolve("wd.json.gz");
        StringBuilder lines = new StringBuilder("[\n");
        for (String name : List.of("wbgetentities-Q1.json", "wbgetentites-Oliver-Kahn.json")) {
            String answer = Files.readString(resource("/wiki/wikidata/" + name), StandardCharsets.UTF_8);
            JsonObject entities = JsonParser.parseString(answer).getAsJsonObject()
                    .getAsJsonObject("entities");
            for (String key : entities.keySet()) {
                lines.append(entities.get(key).toString()).append(",\n");
            }
        }
        lines.append("]\n");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(wikidata))) {
            o.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path kb = dir.resolve("ja.kb");
        StringWriter out = new StringWriter();
        int code = run(new KbBuildWikipediaCommand(), out, "--lang", "ja", "--dump",
                resource("/wiki/jawiki/jawiki-truncated-100k.xml.xz").toString(), "--allow-truncated",
                "--wikidata", wikidata.toString(), "--out", kb.toString(), "--threads", "2");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("WARNING").contains("after 238 complete pages")
                .contains("wikidata: 2 entities, 2 with enwiki, 2 ja->en pairs, 0 malformed lines");
        KnowledgeBase read = KbFile.read(kb);
        assertThat(read.header().notes()).containsKey("wikipedia.ja.truncated");
        assertThat(read.header().sources()).extracting(s -> s.kind()).containsExactly("wikipedia-dump", "wikidata-dump");
        assertThat(read.toEnglish("ja", "宇宙")).isEqualTo("Universe");
        assertThat(read.extractor("ja").find("宇宙の始まり"))
                .anySatisfy(m -> assertThat(m.candidates()).extracting(Candidate::entity).contains("Universe"));
    }
}
