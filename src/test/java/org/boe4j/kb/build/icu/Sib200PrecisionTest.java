package org.boe4j.kb.build.icu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kb coverage --data DIR}: precision on a SIB-200 directory that is not embedded. The rows are SIB-200 test
 * rows 1186 and 308 of eng_Latn and hin_Deva (Adelani et al. 2023, from FLORES-200, CC BY-SA 4.0), as the release
 * has them; the KB is written here, and every number below was counted by hand.
 */
class Sib200PrecisionTest {

    private static final String HEADER = "index_id\tcategory\ttext\n";
    private static final String ENGLISH = HEADER
            + "1186\tentertainment\t\"The story presented in the French opera, by Camille Saint-Saens, is of an artist"
            + " \"\"whose life is dictated by a love for drugs and Japan.\"\"\"\n"
            + "308\tsports\tAs well as a former Olympic and World champion, Saito was the All Japan Judo Federation"
            + " training committee chairman at the time of his death.\n";
    private static final String HINDI = HEADER
            + "1186\tentertainment\tकेमिली सेंट-सेंस द्वारा, फ्रेंच ऑपेरा में प्रस्तुत कहानी, एक कलाकार की है “जिसका जीवन"
            + " ड्रग्स के लिए प्यार और जापान से दर्शाया जाता है।”\n"
            + "308\tsports\tसाइतो भूतपूर्व ओलिंपिक और वर्ल्ड चैंपियन होने के साथ-साथ अपनी मृत्यु के समय ऑल जापान जूडो"
            + " फ़ेडरेशन ट्रेनिंग कमेटी के अध्यक्ष भी थे.\n";

    /** English knows Japan and drugs; Hindi also knows judo, which the English side cannot confirm. */
    private static KnowledgeBase kb() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("en", "Japan", 0.5, "Japan", 1.0);
        b.addEntry("en", "drugs", 0.5, "Drug", 1.0);
        b.addEntry("hi", "जापान", 0.5, "जापान", 1.0);
        b.addEntry("hi", "ड्रग्स", 0.5, "ड्रग", 1.0);
        b.addEntry("hi", "जूडो", 0.5, "जूडो", 1.0);
        b.addInterlanguage("hi", "जापान", "Japan");
        b.addInterlanguage("hi", "ड्रग", "Drug");
        b.addInterlanguage("hi", "जूडो", "Judo");
        return b.build();
    }

    private static Path corpus(Path root) throws IOException {
        Files.createDirectories(root.resolve("eng_Latn"));
        Files.createDirectories(root.resolve("hin_Deva"));
        Files.createDirectories(root.resolve("notes"));          // no test.tsv: not a language directory
        Files.writeString(root.resolve("eng_Latn/test.tsv"), ENGLISH);
        Files.writeString(root.resolve("hin_Deva/test.tsv"), HINDI);
        return root;
    }

    @Test
    void hindiHitsAreConfirmedByTheAlignedEnglishSentence(@TempDir Path dir) throws IOException {
        Sib200Corpus corpus = Sib200Corpus.directory(corpus(dir));
        assertThat(corpus.languages()).containsExactly(java.util.Map.entry("eng_Latn", "en"),
                java.util.Map.entry("hin_Deva", "hi"));
        List<Sib200Precision.Row> rows = Sib200Precision.measure(kb(), corpus, List.of("test"));
        assertThat(rows).extracting(Sib200Precision.Row::language).containsExactly("en", "hi");
        Sib200Precision.Row en = rows.get(0);
        // 1186: Drug, Japan; 308: Japan
        assertThat(en.sentences()).isEqualTo(2);
        assertThat(en.hits()).isEqualTo(3);
        Sib200Precision.Row hi = rows.get(1);
        // 1186: Drug, Japan (both confirmed); 308: Japan (confirmed), Judo (English has no entry)
        assertThat(hi.covered()).isEqualTo(2);
        assertThat(hi.hits()).isEqualTo(4);
        assertThat(hi.confirmed()).isEqualTo(3);
        assertThat(hi.precision()).isEqualTo(0.75);
        assertThat(hi.confirmedShare()).isEqualTo(1.0);
    }

    @Test
    void aDirectoryWithoutEnglishIsAnErrorSayingWhy(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("hin_Deva"));
        assertThatThrownBy(() -> Sib200Corpus.directory(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("no eng_Latn/").hasMessageContaining("confirm");
    }

    @Test
    void aBadRowNamesItsFileAndLine(@TempDir Path dir) throws IOException {
        corpus(dir);
        Files.writeString(dir.resolve("hin_Deva/test.tsv"), HINDI + "309\tnot-a-topic\tकुछ\n");
        Sib200Corpus corpus = Sib200Corpus.directory(dir);
        assertThatThrownBy(() -> Sib200Precision.measure(kb(), corpus, List.of("test")))
                .hasMessageContaining("test.tsv:4");
    }
}
