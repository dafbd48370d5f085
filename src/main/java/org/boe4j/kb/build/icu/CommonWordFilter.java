package org.boe4j.kb.build.icu;

import org.boe4j.kb.build.wordfreq.LinkProbabilityEstimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drops ICU names that collide with ordinary words, by the rules of the dictionary KB
 * ({@link LinkProbabilityEstimate}: one code point, stopword, frequency excess over the other languages' word
 * frequencies), with no corpus of the target language. ICU's names are the names of that language by construction,
 * so the script rule is not applied to them, nor the lower-case rule (a lower-case ICU name such as French "euro" or
 * "allemand" is the entity's own spelling). The threshold is the KB's minimum lp (0.01).
 *
 * <p>Why word frequencies and not parallel text: evidence from the target languages' parallel text would build the KB
 * from the evaluation data. docs/kb.md compares the two by precision.
 */
public final class CommonWordFilter {

    /** One name dropped, with the rule and the estimate. */
    public record Dropped(String language, String surface, String reason, double linkProbability) {
    }

    private CommonWordFilter() {
    }

    /**
     * @param forms language -> normalised surface -> the names ICU gives that normalise to it (their case matters:
     *              a name ICU writes capitalised is a proper noun)
     * @param minLinkProbability drop a name whose estimate is below this
     */
    public static List<Dropped> measure(Map<String, Map<String, Set<String>>> forms, double minLinkProbability) {
        List<String> languages = new ArrayList<>(new TreeMap<>(forms).keySet());
        LinkProbabilityEstimate estimate = new LinkProbabilityEstimate(languages, false);
        double[] lp = new double[languages.size()];
        String[] reason = new String[languages.size()];
        List<Dropped> out = new ArrayList<>();
        for (int l = 0; l < languages.size(); l++) {
            String language = languages.get(l);
            for (Map.Entry<String, Set<String>> e : new TreeMap<>(forms.get(language)).entrySet()) {
                String written = e.getValue().stream().filter(s -> !s.equals(s.toLowerCase(Locale.ROOT)))
                        .findFirst().orElse(e.getValue().iterator().next());
                estimate.estimate(written, e.getKey(), lp, reason);
                if ("script".equals(reason[l])) {
                    continue; // not applied to ICU names (class comment)
                }
                if (reason[l] != null) {
                    out.add(new Dropped(language, e.getKey(), reason[l], 0));
                } else if (lp[l] < minLinkProbability) {
                    out.add(new Dropped(language, e.getKey(), "frequency excess", lp[l]));
                }
            }
        }
        return out;
    }
}
