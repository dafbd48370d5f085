package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntityLinkerTest {

    @Test
    void bagOfEntitiesWithIdsAndCommonness() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("de", "Paris", 0.5, "Paris", 0.8);
        b.addEntry("de", "Paris", 0.5, "Paris (Mythologie)", 0.2);
        b.addEntry("de", "Frankreich", 0.5, "Frankreich", 1.0);
        b.addInterlanguage("de", "Paris", "Paris");
        b.addInterlanguage("de", "Paris (Mythologie)", "Paris (mythology)");
        b.addInterlanguage("de", "Frankreich", "France");
        KnowledgeBase kb = b.build();
        // the index has no row for "Paris (mythology)": that candidate is skipped
        EntityIndex index = EntityIndex.of(List.of("France", "Paris"));
        String text = "Paris, Frankreich. Paris!";
        List<EntityLinker.LinkedEntity> all = new EntityLinker(kb, "de", index, false).link(text);
        assertThat(all).containsExactly(
                new EntityLinker.LinkedEntity(2, 0.8f, 0, 5),
                new EntityLinker.LinkedEntity(1, 1.0f, 7, 17),
                new EntityLinker.LinkedEntity(2, 0.8f, 19, 24));
        assertThat(new EntityLinker(kb, "de", index, true).link(text)).containsExactly(
                new EntityLinker.LinkedEntity(2, 0.8f, 0, 5),
                new EntityLinker.LinkedEntity(1, 1.0f, 7, 17));
    }
}
