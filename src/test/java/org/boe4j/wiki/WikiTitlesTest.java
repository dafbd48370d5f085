package org.boe4j.wiki;

import org.boe4j.lang.Languages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WikiTitlesTest {

    @Test
    void normalizesLikeMediaWiki() {
        assertThat(WikiTitles.normalize("united_States")).isEqualTo("United States");
        assertThat(WikiTitles.normalize("  New   York_City ")).isEqualTo("New York City");
        assertThat(WikiTitles.normalize("Paris#History")).isEqualTo("Paris");
        assertThat(WikiTitles.normalize("#History")).isEmpty();
        assertThat(WikiTitles.normalize(":Category:Foo")).isEqualTo("Category:Foo");
        assertThat(WikiTitles.normalize("ébène")).isEqualTo("Ébène");
        assertThat(WikiTitles.normalize("ßtraße")).isEqualTo("ßtraße"); // MediaWiki keeps ß as first letter
        assertThat(WikiTitles.normalize("iPhone", false)).isEqualTo("iPhone");
        assertThat(WikiTitles.normalize("東京")).isEqualTo("東京");
        assertThat(WikiTitles.toUnderscores("new york")).isEqualTo("New_york");
    }

    @Test
    void recognisesWikidataIds() {
        assertThat(WikiTitles.isWikidataId("Q142")).isTrue();
        assertThat(WikiTitles.isWikidataId("Q")).isFalse();
        assertThat(WikiTitles.isWikidataId("Quebec")).isFalse();
    }

    @Test
    void mapsLanguageCodes() {
        assertThat(Languages.kbLanguage("jpn_Jpan")).isEqualTo("ja");
        assertThat(Languages.kbLanguage("deu")).isEqualTo("de");
        assertThat(Languages.kbLanguage("zh-Hans-CN")).isEqualTo("zh");
        assertThat(Languages.kbLanguage("en")).isEqualTo("en");
        assertThat(Languages.kbLanguage("zho_Hans")).isEqualTo("zh");
    }
}
