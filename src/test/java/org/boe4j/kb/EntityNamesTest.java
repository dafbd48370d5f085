package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The names of English entities in several languages, from a hand-made KB whose answer is known. */
class EntityNamesTest {

    @Test
    void eachLanguageGivesItsMostCommonSurfaceWithCaseRestored() {
        KbBuilder b = new KbBuilder(KbOptions.defaults()); // case-insensitive: surfaces are stored case-folded
        b.addEntry("de", "Vereinigte Staaten", 0.5, "Vereinigte Staaten", 1.0);
        b.addEntry("de", "USA", 0.5, "Vereinigte Staaten", 0.6);
        b.addEntry("de", "USA", 0.5, "USA (Band)", 0.4);
        b.addEntry("de", "Frankreich", 0.5, "Frankreich", 1.0);
        b.addInterlanguage("de", "Vereinigte Staaten", "United States");
        b.addInterlanguage("de", "Frankreich", "France");
        b.addEntry("ja", "日本", 0.9, "日本", 1.0);
        b.addInterlanguage("ja", "日本", "Japan");
        b.addEntry("en", "United States", 0.5, "United States", 1.0);
        b.addEntry("en", "France", 0.5, "France", 1.0);
        b.addEntry("en", "Japan", 0.5, "Japan", 1.0);
        KnowledgeBase kb = b.build();
        EntityIndex index = EntityIndex.of(List.of("France", "Japan", "United States"));

        List<List<String>> names = EntityNames.of(kb, index, List.of("en", "de", "ja", "fr"));

        assertThat(names.get(0)).isEmpty();
        // English title first; the English surface equals it after case restoration and is not repeated
        assertThat(names.get(index.id("France"))).containsExactly("France", "Frankreich");
        assertThat(names.get(index.id("Japan"))).containsExactly("Japan", "日本");
        // "vereinigte staaten" (p = 1.0) beats "usa" (0.6); the case of each word is restored
        assertThat(names.get(index.id("United States"))).containsExactly("United States", "Vereinigte Staaten");
    }

    @Test
    void capitalisationTouchesTheFirstLetterOfEachWordOnly() {
        assertThat(EntityNames.capitalizeWords("bosnia and herzegovina")).isEqualTo("Bosnia And Herzegovina");
        assertThat(EntityNames.capitalizeWords("états-unis")).isEqualTo("États-Unis");
        assertThat(EntityNames.capitalizeWords("東京")).isEqualTo("東京");
    }
}
