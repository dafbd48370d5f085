package org.boe4j.cli;

import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KbCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new KbCommand()).execute(args);
            assertThat(code).as("exit code of kb %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoEntitiesAndMergeWorkOnKbFiles() throws Exception {
        KbBuilder wiki = new KbBuilder(KbOptions.defaults());
        wiki.counts("ja").addLink("東京", "東京都", 8);
        wiki.counts("ja").addLink("東京", "東京 (小説)", 2);
        wiki.addInterlanguage("ja", "東京都", "Tokyo");
        Path a = dir.resolve("wiki.kb");
        KbFile.write(wiki.build(), a);

        KbBuilder icu = new KbBuilder(KbOptions.defaults().withMaxMentionLength(40));
        icu.addEntry("en", "Japan", 1, "Japan", 1);
        Path b = dir.resolve("icu.kb");
        KbFile.write(icu.build(), b);

        String info = run("info", a.toString());
        assertThat(info).contains("version 1").contains("languages     1: [ja]").contains("loaded and verified");

        String ents = run("entities", "--lang", "jpn_Jpan", "--kb", a.toString(), "😀東京へ");
        assertThat(ents).contains("1 mentions (1 with an English entity)")
                .contains("[2, 4) \"東京\"")
                .contains("東京都").contains("en:Tokyo")
                .contains("東京 (小説)").contains("(no English entity: dropped)");

        Path c = dir.resolve("merged.kb");
        run("merge", a.toString(), b.toString(), "--out", c.toString());
        KnowledgeBase merged = KbFile.read(c);
        assertThat(merged.languages()).containsExactly("en", "ja");
        assertThat(merged.header().sources()).extracting(s -> s.name()).contains("wiki.kb", "icu.kb");
        assertThat(merged.header().sources().get(0).sha256()).hasSize(64);
    }

    /** The affixed word is shown as written (docs/kb.md "Affixes"), and a SIB-200 directory code names the language. */
    @Test
    void entitiesShowsTheAffixedWordAsFoundInTheText() throws Exception {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("he", "יפן", 1, "Japan", 1);
        b.addEntry("ko", "일본", 1, "Japan", 1);
        b.addInterlanguage("he", "Japan", "Japan");
        b.addInterlanguage("ko", "Japan", "Japan");
        Path kb = dir.resolve("affix.kb");
        KbFile.write(b.build(), kb);
        // "ראש הממשלה טס ליפן." (The prime minister flew to Japan.)
        String he = run("entities", "--lang", "heb_Hebr", "--kb", kb.toString(), "ראש הממשלה טס ליפן.");
        assertThat(he).contains("1 mentions (1 with an English entity)").contains("[14, 18) \"ליפן\"");
        String ko = run("entities", "--lang", "kor_Hang", "--kb", kb.toString(), "그는 일본에 갔다.");
        assertThat(ko).contains("[3, 6) \"일본에\"").contains("en:Japan");
    }

    @Test
    void buildIcuWritesALoadableKb() throws Exception {
        Path out = dir.resolve("icu.kb");
        Path report = dir.resolve("report.tsv");
        run("build", "icu", "--languages", "en,fr", "--out", out.toString(), "--report", report.toString());
        KnowledgeBase kb = KbFile.read(out);
        assertThat(kb.languages()).containsExactly("en", "fr");
        assertThat(kb.extractor("fr").find("Le Japon et la France.")).hasSize(2);
        assertThat(Files.readString(report)).contains("language\tsurface\treason").contains("fra_Latn\tfr");
    }
}
