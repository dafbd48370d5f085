package org.boe4j.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text -> the bag of entities the model consumes (docs/method.md §2-3): every English candidate of every
 * mention, as (entity id in an {@link EntityIndex}, p(e|m)), in mention order. Candidates whose English
 * entity the index does not have (no vector row) are skipped.
 */
public final class EntityLinker {

    /**
     * One entity of a document.
     *
     * @param id         row of the entity table (>= 1)
     * @param commonness p(e|m) of the mention it came from
     * @param start      UTF-16 start of the mention in the text
     * @param end        UTF-16 end of the mention
     */
    public record LinkedEntity(int id, float commonness, int start, int end) {
    }

    private final MentionExtractor extractor;
    private final EntityIndex index;
    private final boolean distinct;

    /**
     * @param distinct false: one item per (mention, candidate), so an entity mentioned twice is in the bag twice
     *                 (the paper's bag of all candidates of all mentions); true: each entity once, with its
     *                 largest commonness, at its first mention
     */
    public EntityLinker(KnowledgeBase kb, String language, EntityIndex index, boolean distinct) {
        this.extractor = kb.extractor(language);
        this.index = index;
        this.distinct = distinct;
    }

    public List<LinkedEntity> link(String text) {
        List<LinkedEntity> out = new ArrayList<>();
        Map<Integer, Integer> position = distinct ? new LinkedHashMap<>() : null;
        for (Mention m : extractor.find(text)) {
            for (Candidate c : m.candidates()) {
                int id = index.id(c.entity());
                if (id <= 0) {
                    continue;
                }
                LinkedEntity e = new LinkedEntity(id, c.commonness(), m.start(), m.end());
                if (!distinct) {
                    out.add(e);
                    continue;
                }
                Integer at = position.get(id);
                if (at == null) {
                    position.put(id, out.size());
                    out.add(e);
                } else if (c.commonness() > out.get(at).commonness()) {
                    LinkedEntity first = out.get(at);
                    out.set(at, new LinkedEntity(id, c.commonness(), first.start(), first.end()));
                }
            }
        }
        return out;
    }
}
