package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SHINRA2020-ML JSON lines on the synthetic fixture (src/test/resources/org/boe4j/data/shinra/README.md). */
class ShinraTest {

    private static final DataFile FIXTURE = DataFile.resource("org/boe4j/data/shinra/en.jsonl");

    /** An in-memory page source: page 104 is deliberately missing. */
    private static final Map<Long, String> TEXTS = Map.of(
            101L, "Alpha City is a city.",
            102L, "Beta Person is a person.",
            103L, "Gamma Lake is a lake near Alpha City.",
            105L, "Epsilon Band is a band of four people.");
    private static final PageTextSource PAGES = (id, title) -> Optional.ofNullable(TEXTS.get(id));

    @Test
    void joinsAnnotationsWithPageText() throws Exception {
        Dataset d = Shinra.read(FIXTURE, "en", "train", PAGES, BadRowPolicy.SKIP);
        assertThat(d.multiLabel()).isTrue();
        assertThat(d.name()).isEqualTo("shinra2020-ml");
        assertThat(d.examples()).extracting(Example::id).containsExactly("101", "102", "103", "105");
        // page 103 uses the distributed {"source": [...]} layout; ids are the union over sources
        assertThat(d.examples().get(2).labels()).containsExactly("1.5.3.2", "1.5.1.1");
        assertThat(d.examples().get(2).text()).isEqualTo("Gamma Lake is a lake near Alpha City.");
        assertThat(d.examples().get(3).labels()).containsExactly("1.4.6.2", "1.1");
        assertThat(d.labels()).containsExactly("1.1", "1.4.6.2", "1.5.1.1", "1.5.3.2");
        assertThat(d.skipped().skipped()).singleElement().hasToString(
                "classpath:/org/boe4j/data/shinra/en.jsonl:4: no text for page 104 'Delta Missing Text' in the page source");
        assertThat(d.sources().get(0).sha256()).hasSize(64);
    }

    @Test
    void missingPageTextFailsUnderFail() {
        assertThatThrownBy(() -> Shinra.read(FIXTURE, "en", "train", PAGES, BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class)
                .hasMessageEndingWith("en.jsonl:4: no text for page 104 'Delta Missing Text' in the page source");
    }

    @Test
    void englishTrainDevSplitsFivePercentAndCutsTexts() throws Exception {
        StratifiedSplit.TrainDev td = Shinra.englishTrainDev(FIXTURE, PAGES, BadRowPolicy.SKIP, 10, 1);
        assertThat(td.train().size() + td.dev().size()).isEqualTo(4);
        assertThat(td.dev().derivation()).contains("page texts cut to 10 characters").contains("dev fraction 0.05");
        td.train().examples().forEach(e -> assertThat(e.text()).hasSizeLessThanOrEqualTo(10));
        assertThat(Shinra.truncate("ab\ud83d\ude00c", 3)).isEqualTo("ab"); // never half an emoji
        assertThat(Shinra.truncate("abc", 0)).isEqualTo("abc");
    }

    @Test
    void pageSourceReceivesIdAndTitle() throws Exception {
        StringBuilder calls = new StringBuilder();
        Shinra.read(FIXTURE, "en", "train", (id, title) -> {
            calls.append(id).append('=').append(title).append(';');
            return Optional.of("x");
        }, BadRowPolicy.FAIL);
        assertThat(calls).hasToString("101=Alpha City;102=Beta Person;103=Gamma Lake;104=Delta Missing Text;"
                + "105=Epsilon Band;");
    }
}
