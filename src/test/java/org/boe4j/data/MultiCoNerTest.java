package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MultiCoNER II reader on real rows (src/test/resources/org/boe4j/data/multiconer2, see its README); every
 * expected example, label and line number below was read off those files by hand.
 */
public class MultiCoNerTest {

    public static final List<String> FILES = List.of("en-train90.conll", "en-train10.conll", "en-dev.conll", "de-dev.conll",
            "zh-dev.conll");

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() throws Exception {
        copyFixture(dir);
    }

    /** Copies the fixture files into dir (a MultiCoNER directory of en, de and zh). */
    public static void copyFixture(Path dir) throws Exception {
        for (String f : FILES) {
            try (InputStream in = DataFile.resource("org/boe4j/data/multiconer2/" + f).open()) {
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    @Test
    void trainIsEveryTrainFileOneExamplePerMentionWithFineTypeAndGroup() throws Exception {
        Dataset train = MultiCoNer.read(dir, "en", "train", BadRowPolicy.FAIL);
        assertThat(train.name()).isEqualTo("multiconer2");
        assertThat(train.multiLabel()).isTrue();
        assertThat(train.labels()).hasSize(39).startsWith("PER", "Artist").contains("MED", "Medication/Vaccine");
        assertThat(train.sources()).extracting(SourceFile::name)
                .containsExactly(dir.resolve("en-train10.conll").toString(), dir.resolve("en-train90.conll").toString());
        // en-train10: 1 + 3 mentions; en-train90: 3 + 1 + 1 (+ 3 of a repeated sentence, dropped) + 3 (+ 3 dropped)
        assertThat(train.size()).isEqualTo(12);
        assertThat(train.derivation()).startsWith("6 sentences").contains("2 repeated sentence ids dropped");

        Example hildegard = train.examples().get(0);
        assertThat(hildegard.id()).isEqualTo("85cfedc2-6dca-4744-adcd-4db06640f7a7#1");
        assertThat(hildegard.text()).isEqualTo("hildegard of bingen [SEP] during the 1980s and 1990s the group"
                + " specialized in the music of hildegard of bingen ; many of their most famous recordings are from"
                + " this period .");
        assertThat(hildegard.labels()).containsExactly("PER", "Cleric");
        assertThat(hildegard.source().line()).isEqualTo(15); // the B- token's line

        String robert = "robert gottschalk 1939 academy award winner and founder of panavision";
        List<Example> r = train.examples().subList(4, 7);
        assertThat(r).extracting(Example::text).containsExactly("robert gottschalk [SEP] " + robert,
                "academy award [SEP] " + robert, "panavision [SEP] " + robert);
        assertThat(r).extracting(Example::labels).containsExactly(List.of("PER", "OtherPER"),
                List.of("CW", "VisualWork"), List.of("GRP", "ORG"));
        assertThat(r).extracting(e -> e.source().line()).containsExactly(3L, 6L, 12L);
        assertThat(r.get(2).id()).isEqualTo("309f5b26-951e-472b-948e-47632249862b#3");
        assertThat(r.get(0).source().file()).endsWith("en-train90.conll");

        Example tongzhi = train.examples().get(7);
        assertThat(tongzhi.text()).startsWith("tongzhi emperor [SEP] during the reign of the tongzhi emperor ( r .");
        // the repeated jan asselijn sentence is kept from en-train10 (read first), the sears one once
        assertThat(train.examples()).filteredOn(e -> e.text().startsWith("jan asselijn [SEP]")).hasSize(1)
                .allSatisfy(e -> assertThat(e.source().file()).endsWith("en-train10.conll"));
        assertThat(train.examples()).filteredOn(e -> e.id().startsWith("2329a743")).extracting(Example::text)
                .extracting(t -> t.substring(0, t.indexOf(" [SEP]")))
                .containsExactly("sears", "department stores", "shopping malls");
        assertThat(train.examples()).extracting(Example::id).doesNotHaveDuplicates();
    }

    @Test
    void chineseCharactersAreJoinedWithoutSpacesSoKbNamesCanMatch() throws Exception {
        Dataset zh = MultiCoNer.read(dir, "zh", "dev", BadRowPolicy.FAIL);
        assertThat(zh.language()).isEqualTo("zh");
        assertThat(zh.size()).isEqualTo(2);
        assertThat(zh.examples().get(0).text()).isEqualTo(
                "约瑟夫·斯大林 [SEP] 约瑟夫·斯大林本人同时将男人和女人都保持在同一标准上同等的苛刻表现为两性.");
        assertThat(zh.examples().get(0).labels()).containsExactly("PER", "Politician");
        assertThat(zh.examples().get(1).text()).startsWith("维克多·库赞 [SEP] 在哲学上他是维克多·库赞的学校之一");
        assertThat(SentenceText.spaceBetween("iphone", "手")).isTrue();
        assertThat(SentenceText.spaceBetween("2008", "年")).isFalse();
        assertThat(SentenceText.spaceBetween("(", "r")).isTrue();
    }

    @Test
    void anyLanguageFilePresentIsATestSet() throws Exception {
        assertThat(MultiCoNer.languages(dir)).containsExactly("de", "en", "zh");
        Dataset de = MultiCoNer.read(dir, "german", "dev", BadRowPolicy.FAIL);
        assertThat(de.language()).isEqualTo("de");
        assertThat(de.examples()).extracting(Example::text).containsExactly(
                "großes auge [SEP] sie war die erste frau die beim großes auge beobachtet durfte .",
                "yala-nationalpark [SEP] in der yala-nationalpark schienen viele tiere in höhere regionen zu wechseln"
                        + " um der katastrophe zu entkommen .");
        assertThat(de.examples()).extracting(Example::labels).containsOnly(List.of("LOC", "Facility"));
        // a language this project has never heard of works the same way
        Files.writeString(dir.resolve("sv-dev.conll"), "\n# id x1\tdomain=sv\nhan _ _ O\nbor _ _ O\ni _ _ O\n"
                + "stockholm _ _ B-HumanSettlement\n\n");
        assertThat(MultiCoNer.languages(dir)).containsExactly("de", "en", "sv", "zh");
        Dataset sv = new DatasetSpec("multiconer", List.of(dir.toString(), "sv", "dev"), Map.of())
                .read(BadRowPolicy.FAIL);
        assertThat(sv.examples()).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("stockholm [SEP] han bor i stockholm");
            assertThat(e.labels()).containsExactly("LOC", "HumanSettlement");
            assertThat(e.language()).isEqualTo("sv");
        });
        assertThat(DatasetSpec.parse("multiconer:" + dir + ":sv:dev").read(BadRowPolicy.FAIL).size()).isEqualTo(1);
    }

    @Test
    void aMissingSplitNamesTheFileAndTheLanguagesPresent() {
        assertThatThrownBy(() -> MultiCoNer.read(dir, "fr", "dev", BadRowPolicy.FAIL))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("fr-dev.conll").hasMessageContaining("[de, en, zh]");
        assertThatThrownBy(() -> MultiCoNer.read(dir, "de", "train", BadRowPolicy.FAIL))
                .hasMessageContaining("de-train*.conll");
    }

    @Test
    void badInputNamesFileLineAndWhatWasExpected() throws Exception {
        String dev = Files.readString(dir.resolve("en-dev.conll"));
        // line 10 of en-dev.conll is "eli _ _ B-PublicCorp"
        assertBad(dev.replace("eli _ _ B-PublicCorp", "eli _ _ B-PublicCorporation"), 10,
                "unknown type 'PublicCorporation'");
        assertBad(dev.replace("eli _ _ B-PublicCorp", "eli _ _ I-PublicCorp"), 10,
                "tag I-PublicCorp does not continue a mention (previous tag O; expected B-PublicCorp or I-PublicCorp");
        assertBad(dev.replace("eli _ _ B-PublicCorp", "eli B-PublicCorp"), 10, "expected 'token _ _ TAG'");
        assertBad(dev.replace("eli _ _ B-PublicCorp", "eli _ _ X-PublicCorp"), 10, "is not O, B-<type> or I-<type>");
        assertBad(dev.replace("domain=en", "domain=de"), 2, "header says 'domain=de' in a file of language 'en'");
        assertBad("eli _ _ O\n" + dev, 1, "a token line outside a sentence");
        assertBad(dev.replace("# id d7d47dfc-7e5d-48e8-9390-019a3e9476c1", "# id 5239d808-f300-46ea-aa3b-5093040213a3")
                        .replace("pulpit _ _ B-OtherPROD", "pulpit _ _ O"), 16,
                "sentence id 5239d808-f300-46ea-aa3b-5093040213a3 repeated with different tokens or tags (first at "
                        + dir.resolve("en-dev.conll") + ":2)");
        byte[] bytes = dev.getBytes(StandardCharsets.UTF_8);
        byte[] broken = dev.replace("founder _ _ O", "f\u00e9under _ _ O").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(broken, (byte) 0xC3);
        broken[at + 1] = (byte) 0x28; // C3 28: an invalid continuation byte
        Files.write(dir.resolve("en-dev.conll"), broken);
        assertThatThrownBy(() -> MultiCoNer.read(dir, "en", "dev", BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class).hasMessageStartingWith(dir.resolve("en-dev.conll") + ":5: ");
        assertThat(bytes).isNotEmpty();
    }

    @Test
    void skippingDropsTheWholeBadSentenceAndCountsIt() throws Exception {
        String dev = Files.readString(dir.resolve("en-dev.conll"));
        Files.writeString(dir.resolve("en-dev.conll"), dev.replace("lilly _ _ I-PublicCorp", "lilly _ _ I-Artist"));
        Dataset d = MultiCoNer.read(dir, "en", "dev", BadRowPolicy.SKIP);
        assertThat(d.skipped().count()).isEqualTo(1);
        assertThat(d.skipped().skipped().get(0).location().line()).isEqualTo(11);
        // the second sentence's three mentions stay; none of the first's
        assertThat(d.examples()).extracting(Example::text).extracting(t -> t.substring(0, t.indexOf(" [SEP]")))
                .containsExactly("christoph haberland", "pulpit", "italy");
    }

    private void assertBad(String content, long line, String message) throws Exception {
        Files.writeString(dir.resolve("en-dev.conll"), content);
        assertThatThrownBy(() -> MultiCoNer.read(dir, "en", "dev", BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class)
                .hasMessageStartingWith(dir.resolve("en-dev.conll") + ":" + line + ": ")
                .hasMessageContaining(message);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
