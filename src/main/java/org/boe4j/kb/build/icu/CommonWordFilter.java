package org.boe4j.kb.build.icu;

import com.ibm.icu.lang.UCharacter;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;
import org.boe4j.kb.SurfaceNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures which ICU names collide with ordinary words on a real corpus, instead of guessing. ICU has no word
 * frequencies; the corpus (SIB-200 train + dev by default: the same sentences translated into each language,
 * aligned by index) gives three kinds of evidence, each a rule:
 * <ol>
 *   <li><b>parallel evidence</b> (needs an aligned corpus of several languages): a hit of name m in sentence i
 *       of language L is <em>supported</em> when one of m's English entities is also found in sentence i of
 *       some other language. A true name is translated, so it is found again; a common word is not
 *       (Spanish "leones" = lions, not the Sierra Leonean leone). Dropped when unsupported hits outnumber
 *       supported ones.</li>
 *   <li><b>case evidence</b>: ICU writes the name with a capital (a proper noun: "Того", "USA"), but the corpus
 *       writes the same letters in lower case in at least a fifth of its uses ("того" = "of that", Italian
 *       "usa" = "uses"); with case-insensitive matching each would be a false hit. Names ICU itself writes in
 *       lower case (French "allemand") are exempt: lower case is their proper form.</li>
 *   <li><b>length</b>: a name of one code point matches inside any word of a script written without spaces
 *       (Japanese "円") and as any one-letter word elsewhere.</li>
 * </ol>
 * Languages without corpus text only get rule 3. docs/kb.md lists everything dropped, with the evidence.
 */
public final class CommonWordFilter {

    /** Share of lower-case uses from which a capitalised ICU name counts as a common word (rule 2). */
    public static final double LOWER_CASE_SHARE = 0.2;

    /** One name dropped, with the evidence. */
    public record Dropped(String language, String surface, String reason, int hits, int supportedHits,
                          int lowerCaseUses, String example) {
    }

    private CommonWordFilter() {
    }

    /**
     * @param kb     the unfiltered ICU KB (ENGLISH entity space)
     * @param forms  language -> normalised surface -> the names ICU gives that normalise to it
     * @param corpus language -> sentences; when several languages have the same number of sentences they are
     *               taken as aligned (parallel) and rule 1 applies
     */
    public static List<Dropped> measure(KnowledgeBase kb, Map<String, Map<String, Set<String>>> forms,
                                        Map<String, List<String>> corpus) {
        Map<String, List<List<Mention>>> hits = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : corpus.entrySet()) {
            if (!kb.hasLanguage(e.getKey())) {
                continue;
            }
            MentionExtractor x = kb.extractor(e.getKey());
            List<List<Mention>> perSentence = new ArrayList<>();
            for (String s : e.getValue()) {
                perSentence.add(x.find(s));
            }
            hits.put(e.getKey(), perSentence);
        }
        SurfaceNormalizer normalizer = new SurfaceNormalizer(kb.options().caseInsensitive());
        List<Dropped> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Set<String>>> lang : new TreeMap<>(forms).entrySet()) {
            String language = lang.getKey();
            List<List<Mention>> mine = hits.getOrDefault(language, List.of());
            List<String> others = new ArrayList<>();
            for (String l : hits.keySet()) {
                if (!l.equals(language) && hits.get(l).size() == mine.size()) {
                    others.add(l);
                }
            }
            // per surface: hits, supported hits, lower-case uses, first unsupported/lower-case example
            Map<String, int[]> stats = new HashMap<>();
            Map<String, String> example = new HashMap<>();
            for (int i = 0; i < mine.size(); i++) {
                Set<String> elsewhere = new HashSet<>();
                for (String l : others) {
                    for (Mention m : hits.get(l).get(i)) {
                        m.candidates().forEach(c -> elsewhere.add(c.entity()));
                    }
                }
                for (Mention m : mine.get(i)) {
                    String key = normalizer.normalize(m.surface());
                    int[] c = stats.computeIfAbsent(key, k -> new int[3]);
                    c[0]++;
                    boolean supported = false;
                    for (Candidate cand : m.candidates()) {
                        supported |= elsewhere.contains(cand.entity());
                    }
                    if (supported) {
                        c[1]++;
                    }
                    if (!hasUpperCase(m.surface())) {
                        c[2]++;
                    }
                    if (!supported || !hasUpperCase(m.surface())) {
                        example.putIfAbsent(key, corpus.get(language).get(i));
                    }
                }
            }
            boolean parallel = !others.isEmpty();
            for (String surface : new TreeMap<>(lang.getValue()).keySet()) {
                int[] c = stats.getOrDefault(surface, new int[3]);
                String ex = example.getOrDefault(surface, "");
                if (surface.codePointCount(0, surface.length()) == 1) {
                    out.add(new Dropped(language, surface, "single code point", c[0], c[1], c[2], ex));
                } else if (parallel && c[0] > 0 && c[0] - c[1] > c[1]) {
                    out.add(new Dropped(language, surface, "not found again in the parallel sentences", c[0], c[1],
                            c[2], ex));
                } else if (kb.options().caseInsensitive() && c[2] > 0 && c[2] >= LOWER_CASE_SHARE * c[0]
                        && lang.getValue().get(surface).stream().anyMatch(CommonWordFilter::hasUpperCase)) {
                    out.add(new Dropped(language, surface, "capitalised in ICU, lower case in the corpus", c[0], c[1],
                            c[2], ex));
                }
            }
        }
        return out;
    }

    static boolean hasUpperCase(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (UCharacter.isUUppercase(cp) || UCharacter.isTitleCase(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
