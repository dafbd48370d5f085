package org.boe4j.kb.build.icu;

import org.boe4j.kb.Candidate;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a KB on SIB-200 sentences ({@link Sib200Corpus}: the embedded eight languages or a directory of any
 * SIB-200 languages), which are the same sentences in every language (aligned by
 * {@code index_id}). Per language: the share of sentences with at least one English entity, distinct English
 * entities per sentence, and <b>precision</b>: of the (sentence, entity) hits in a non-English sentence, the share
 * that the aligned English sentence confirms, i.e. the same KB's English dictionary finds the same English entity
 * there. Unconfirmed hits include true entities the English dictionary misses, so this is a lower bound of
 * precision for a KB whose English side is incomplete. The parallel sentences are used only here, to measure;
 * no builder reads them.
 */
public final class Sib200Precision {

    /** One language's numbers. */
    public record Row(String floresCode, String language, int sentences, int covered, long hits, long confirmed,
                      int confirmedSentences) {
        public double share() {
            return sentences == 0 ? 0 : (double) covered / sentences;
        }

        public double entitiesPerSentence() {
            return sentences == 0 ? 0 : (double) hits / sentences;
        }

        /** Confirmed hits / hits (NaN for English, which confirms itself). */
        public double precision() {
            return hits == 0 ? Double.NaN : (double) confirmed / hits;
        }

        /** Sentences with at least one confirmed entity / sentences. */
        public double confirmedShare() {
            return sentences == 0 ? 0 : (double) confirmedSentences / sentences;
        }
    }

    private Sib200Precision() {
    }

    /** Numbers over the given splits for each embedded language the KB has (English must be in the KB). */
    public static List<Row> measure(KnowledgeBase kb, List<String> splits) {
        return measure(kb, Sib200Corpus.embedded(), splits);
    }

    /** Numbers over the given splits for each language of {@code corpus} the KB has (English must be in the KB). */
    public static List<Row> measure(KnowledgeBase kb, Sib200Corpus corpus, List<String> splits) {
        if (!kb.hasLanguage("en")) {
            throw new IllegalArgumentException("the KB has no English dictionary: precision needs it (languages "
                    + kb.languages() + ")");
        }
        Map<String, Set<String>> english = entitiesById(kb, corpus, Sib200Corpus.ENGLISH, "en", splits);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> lang : corpus.languages().entrySet()) {
            if (!kb.hasLanguage(lang.getValue())) {
                continue;
            }
            Map<String, Set<String>> found = lang.getValue().equals("en") ? english
                    : entitiesById(kb, corpus, lang.getKey(), lang.getValue(), splits);
            int covered = 0;
            int confirmedSentences = 0;
            long hits = 0;
            long confirmed = 0;
            for (Map.Entry<String, Set<String>> s : found.entrySet()) {
                Set<String> en = english.get(s.getKey());
                if (en == null) {
                    throw new IllegalStateException("SIB-200 sentence " + s.getKey() + " of " + lang.getKey()
                            + " has no English counterpart");
                }
                if (!s.getValue().isEmpty()) {
                    covered++;
                }
                hits += s.getValue().size();
                int c = 0;
                for (String e : s.getValue()) {
                    if (en.contains(e)) {
                        c++;
                    }
                }
                confirmed += c;
                if (c > 0) {
                    confirmedSentences++;
                }
            }
            rows.add(new Row(lang.getKey(), lang.getValue(), found.size(), covered, hits, confirmed,
                    confirmedSentences));
        }
        return rows;
    }

    /** index_id -> distinct English entities found in that sentence. */
    private static Map<String, Set<String>> entitiesById(KnowledgeBase kb, Sib200Corpus corpus, String flores,
                                                         String language, List<String> splits) {
        MentionExtractor x = kb.extractor(language);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String split : splits) {
            for (Map.Entry<String, String> r : corpus.rows(flores, split).entrySet()) {
                Set<String> entities = new HashSet<>();
                for (Mention m : x.find(r.getValue())) {
                    for (Candidate c : m.candidates()) {
                        entities.add(c.entity());
                    }
                }
                out.put(r.getKey(), entities);
            }
        }
        return out;
    }
}
