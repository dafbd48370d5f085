package org.boe4j.kb.build.icu;

import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much of SIB-200 a KB covers: per language, the share of sentences with at least one English-mapped
 * mention, and the mean number of mentions (and of candidate entities) per sentence.
 */
public final class Sib200Coverage {

    /** One language's coverage. */
    public record Row(String floresCode, String language, int sentences, int covered, double meanMentions,
                      double meanEntities) {
        public double share() {
            return sentences == 0 ? 0 : (double) covered / sentences;
        }
    }

    private Sib200Coverage() {
    }

    /** Coverage over all splits (train + dev + test) of each embedded language the KB has. */
    public static List<Row> measure(KnowledgeBase kb) {
        return measure(kb, List.of("train", "dev", "test"));
    }

    /** Coverage over the given splits of each embedded language the KB has. */
    public static List<Row> measure(KnowledgeBase kb, List<String> splits) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : Sib200Text.LANGUAGES.entrySet()) {
            if (!kb.hasLanguage(e.getValue())) {
                continue;
            }
            MentionExtractor x = kb.extractor(e.getValue());
            List<String> sentences = new ArrayList<>();
            for (String split : splits) {
                sentences.addAll(Sib200Text.sentences(e.getKey(), split));
            }
            int covered = 0;
            long mentions = 0;
            long entities = 0;
            for (String s : sentences) {
                List<Mention> ms = x.find(s);
                if (!ms.isEmpty()) {
                    covered++;
                }
                mentions += ms.size();
                for (Mention m : ms) {
                    entities += m.candidates().size();
                }
            }
            rows.add(new Row(e.getKey(), e.getValue(), sentences.size(), covered,
                    (double) mentions / sentences.size(), (double) entities / sentences.size()));
        }
        return rows;
    }
}
