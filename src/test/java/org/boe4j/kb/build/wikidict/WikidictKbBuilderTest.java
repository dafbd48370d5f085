package org.boe4j.kb.build.wikidict;

import org.boe4j.cli.KbCommand;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.LanguageDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The dictionary builder on 63 real rows of {@code wikidict.tab.gz} (src/test/resources/.../wikidict/README.md:
 * source, line numbers, licence). Every expectation below was checked by hand against those rows and the rules of
 * {@link JunkRules}, {@link ForeignTitles} and {@code LinkProbabilityEstimate} (Zipf values in its test).
 */
class WikidictKbBuilderTest {

    private static final List<String> LANGS = List.of("en", "fr", "de", "it", "es", "ru", "ja", "zh");
    private static final KbSource SOURCE = new KbSource("wikidict", "wikidict-sample.tab.gz", "", -1, "test rows");
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    Path dir;

    private static byte[] sample() throws IOException {
        try (InputStream in = WikidictKbBuilderTest.class.getResourceAsStream(
                "/org/boe4j/kb/build/wikidict/wikidict-sample.tab")) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(plain);
        }
        return b.toByteArray();
    }

    private static KnowledgeBase build(byte[] plain, WikidictKbBuilder.Options o) throws IOException {
        byte[] gz = gzip(plain);
        return new WikidictKbBuilder(o).build(new ByteArrayInputStream(gz), gz.length, SOURCE, QUIET);
    }

    private static List<Candidate> candidates(KnowledgeBase kb, String lang, String surface) {
        LanguageDictionary d = kb.dictionary(lang);
        int i = d.find(surface);
        return i < 0 ? null : d.candidates(i);
    }

    private static double lp(KnowledgeBase kb, String lang, String surface) {
        LanguageDictionary d = kb.dictionary(lang);
        return d.linkProbability(d.find(surface));
    }

    @Test
    void realRowsBecomeCommonnessAndEstimatedLinkProbability() throws Exception {
        KnowledgeBase kb = build(sample(), WikidictKbBuilder.Options.defaults(LANGS));
        // "paris" 0.921053 and "Paris" 0.940908 normalise alike: the larger score stays; lp = 10^(4.93 - 5.71) in fr
        assertThat(candidates(kb, "fr", "paris")).containsExactly(new Candidate("Paris", 0.940908f));
        assertThat(lp(kb, "fr", "paris")).isCloseTo(Math.pow(10, 4.93 - 5.71), within(1e-6));
        // English: "Nome" -> Nome, Alaska 0.635849 and "nome" -> Nome (Egypt) 0.207407 unite, most common first
        assertThat(candidates(kb, "en", "nome")).containsExactly(new Candidate("Nome, Alaska", 0.635849f),
                new Candidate("Nome (Egypt)", 0.207407f));
        // Italian: lower-case "nome" is a common word (Zipf 5.63); the capitalised row's lp 10^(4 - 5.63) = 0.023 is
        // below the builder's 0.1, and kept at Wikipedia2Vec's 0.01
        assertThat(candidates(kb, "it", "nome")).isNull();
        KnowledgeBase at001 = build(sample(), WikidictKbBuilder.Options.defaults(LANGS)
                .withKbOptions(org.boe4j.kb.KbOptions.defaults()));
        assertThat(candidates(at001, "it", "nome")).containsExactly(new Candidate("Nome, Alaska", 0.635849f));
        assertThat(lp(at001, "it", "nome")).isCloseTo(Math.pow(10, 4 - 5.63), within(1e-6));
        assertThat(candidates(kb, "ja", "日本")).containsExactly(new Candidate("Japan", 0.820895f));
        assertThat(candidates(kb, "zh", "日本")).containsExactly(new Candidate("Japan", 0.820895f));
        assertThat(candidates(kb, "ja", "ロンドン")).containsExactly(new Candidate("London", 1.0f));
        assertThat(candidates(kb, "zh", "ロンドン")).isNull(); // Katakana is not Chinese
        assertThat(candidates(kb, "zh", "伦敦")).containsExactly(new Candidate("London congestion charge", 0.5f)); // real noise, kept
        // Россия is Zipf 5.52 in Russian and in no other list: lp 10^(4 - 5.52) = 0.030 < 0.1, dropped (the default
        // KB gets it from ICU, which takes precedence); kept at Wikipedia2Vec's 0.01
        assertThat(candidates(kb, "ru", "россия")).isNull();
        assertThat(candidates(at001, "ru", "россия")).containsExactly(new Candidate("Russia", 0.73913f));
        assertThat(candidates(kb, "ru", "того")).isNull(); // Russian stopword
        assertThat(candidates(kb, "en", "россия")).isNull(); // script
        assertThat(candidates(kb, "en", "the")).isNull(); // stopword
        assertThat(candidates(kb, "de", "die")).isNull(); // German stopword
        // English "die": the lower-case row is a common word (5.07), the capitalised one stays with 10^(4.35 - 5.07)
        assertThat(candidates(kb, "en", "die")).containsExactly(new Candidate("Die (integrated circuit)", 0.340599f));
        assertThat(lp(kb, "en", "die")).isCloseTo(Math.pow(10, 4.35 - 5.07), within(1e-6));
        assertThat(candidates(kb, "es", "criterio")).isNull(); // Spanish common word written lower case (4.34)
        assertThat(candidates(kb, "en", "criterio")).containsExactly(new Candidate("!!!", 1.0f)); // noise the rules keep
        assertThat(candidates(kb, "en", "!!! (chk chk chk)")).containsExactly(new Candidate("!!!", 1.0f));
        assertThat(candidates(kb, "fr", "seconde guerre mondiale")).isNull(); // foreign title, cannot be mapped
        assertThat(kb.header().notes()).containsEntry("wikidict.dropped.url", "7")
                .containsEntry("wikidict.dropped.prefix", "3").containsEntry("wikidict.dropped.wikipedia", "9")
                .containsEntry("wikidict.dropped.no-letter", "1").containsEntry("wikidict.dropped.long", "2")
                .containsEntry("wikidict.dropped.foreign-title", "1").containsEntry("wikidict.lines", "63");
    }

    @Test
    void junkRulesOnRealAnchors() {
        assertThat(JunkRules.reason("http://en.wikipedia.org/wiki/Chk_Chk_Chk", "!!!")).isEqualTo("url");
        assertThat(JunkRules.reason("en.wikipedia.org/wiki/%21%21%21", "!!!")).isEqualTo("url");
        assertThat(JunkRules.reason("Images for Chk Chk Chk from Wikipedia.org", "!!!")).isEqualTo("url");
        assertThat(JunkRules.reason("en:Paris", "Paris")).isEqualTo("prefix");
        assertThat(JunkRules.reason("yago:!!!", "!!!")).isEqualTo("prefix");
        assertThat(JunkRules.reason("Star Wars: Episode I", "Star_Wars")).isNull(); // a space after the colon
        assertThat(JunkRules.reason("!!! в Википедии", "!!!")).isEqualTo("wikipedia");
        assertThat(JunkRules.reason("Wikipedia英語版 - !!!", "!!!")).isEqualTo("wikipedia");
        assertThat(JunkRules.reason("Paris - Wikipedia, the free encyclopedia", "Paris")).isEqualTo("wikipedia");
        assertThat(JunkRules.reason("%21%21%21", "!!!")).isEqualTo("percent-encoded");
        assertThat(JunkRules.reason("Chk_Chk_Chk", "!!!")).isEqualTo("underscore");
        assertThat(JunkRules.reason("!!!", "!!!")).isEqualTo("no-letter");
        assertThat(JunkRules.reason("Paris", "Category:Paris")).isEqualTo("title");
        assertThat(JunkRules.reason("Paris", "Paris")).isNull();
        assertThat(new ForeignTitles().reason("Seconde_Guerre_mondiale")).isEqualTo("foreign-title");
        assertThat(new ForeignTitles().reason("日本")).isEqualTo("foreign-title");
        assertThat(new ForeignTitles().reason("Nome,_Alaska")).isNull();
        assertThat(new ForeignTitles().reason("Die_(integrated_circuit)")).isNull();
    }

    @Test
    void theEntityPriorDropsTitlesWithFewAnchorVariants() throws Exception {
        // "!!!" has 13 non-junk variants in the sample, Paris 2 ("paris", "Paris")
        KnowledgeBase kb = build(sample(), WikidictKbBuilder.Options.defaults(LANGS).withMinVariants(5));
        assertThat(candidates(kb, "en", "chk chk chk")).containsExactly(new Candidate("!!!", 1.0f));
        assertThat(candidates(kb, "fr", "paris")).isNull();
    }

    @Test
    void malformedLinesAreCountedUpToTheLimitThenAnErrorNamingTheLine() throws Exception {
        byte[] good = sample();
        byte[] badFields = concat("Paris\tParis\n".getBytes(StandardCharsets.UTF_8), good);
        WikidictKbBuilder.Options strict = WikidictKbBuilder.Options.defaults(LANGS).withMaxMalformedLines(0);
        assertThatThrownBy(() -> build(badFields, strict)).isInstanceOf(WikidictFormatException.class)
                .hasMessage("wikidict-sample.tab.gz:1: expected 3 tab-separated fields (surface, title, score), found 2");
        KnowledgeBase lenient = build(badFields, strict.withMaxMalformedLines(1));
        assertThat(lenient.header().notes()).containsEntry("wikidict.dropped.malformed", "1")
                .containsEntry("wikidict.firstMalformed",
                        "line 1: expected 3 tab-separated fields (surface, title, score), found 2");

        byte[] badUtf8 = concat(new byte[] {'P', (byte) 0xC3, '(', '\t', 'P', '\t', '1', '\n'}, good);
        assertThatThrownBy(() -> build(badUtf8, strict)).hasMessageStartingWith("wikidict-sample.tab.gz:1: invalid UTF-8");
        byte[] badScore = concat("Paris\tParis\t1.5\n".getBytes(StandardCharsets.UTF_8), good);
        assertThatThrownBy(() -> build(badScore, strict)).hasMessage("wikidict-sample.tab.gz:1: score 1.5 is outside (0, 1]");
        byte[] notNumber = concat("Paris\tParis\tx\n".getBytes(StandardCharsets.UTF_8), good);
        assertThatThrownBy(() -> build(notNumber, strict)).hasMessage("wikidict-sample.tab.gz:1: score 'x' is not a number");
    }

    @Test
    void aTruncatedDictionaryIsAnErrorAndLeavesNoKbFile() throws Exception {
        byte[] gz = gzip(sample());
        Path truncated = Files.write(dir.resolve("wikidict.tab.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path out = dir.resolve("kb.boe4jkb");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new KbCommand());
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("build", "wikidict", "--dict", truncated.toString(), "--out", out.toString(),
                "--languages", "en,fr");
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the compressed stream is truncated or corrupt after line");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("wikidict.tab.gz"); // no temp file left
        }
        // a corrupt byte in the middle of the deflate data: also an error naming the line reached
        byte[] corrupt = gz.clone();
        corrupt[gz.length / 2] ^= 0x5A;
        assertThatThrownBy(() -> new WikidictKbBuilder(WikidictKbBuilder.Options.defaults(LANGS))
                .build(new ByteArrayInputStream(corrupt), corrupt.length, SOURCE, QUIET))
                .isInstanceOf(WikidictFormatException.class).hasMessageContaining("truncated or corrupt after line");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
