package org.boe4j.kb;

import java.util.HashSet;
import java.util.Set;

/**
 * Arabic: the conjunctions و ف (and, so) and the prepositions ب ك ل (in/with, like, for/to) are written attached
 * to the next word: والقاهرة "and Cairo", بالقاهرة "in Cairo", ومصر "and Egypt", وبمصر "and in Egypt".
 *
 * <p>Allowed before a dictionary surface: [و | ف] [ب | ك | ل], at least one letter. The article ال is part of the
 * names that carry it (القاهرة, اليابان, الصين), so it needs no rule of its own, with one exception in writing: ل
 * followed by ال is spelled لل (the alif is dropped: للقاهرة "for Cairo", وللصين "and for China"). For a surface
 * starting with ال the form لل + rest is looked for too, and only [و | ف] may precede it. An article before a
 * name written without one (المصر) is not matched: names do not take it, and ال + a country name is usually a
 * nisba adjective's start (المصري "the Egyptian"), a different word that the suffix check would reject anyway.
 * Nothing is accepted after a mention (the adjective ending ـي makes another word: مصري "Egyptian").
 * Minimum surface length: 3 letters (مصر, قطر).
 */
final class ArabicProclitics extends AffixRules {

    static final ArabicProclitics RULES = new ArabicProclitics();

    /** Form kind: a surface beginning with ال, written لل + rest after the preposition ل. */
    static final int LAM_LAM = 1;

    private static final int MIN_SURFACE = 3;

    private static final String ARTICLE = "ال";

    private static final Set<String> PREFIXES = new HashSet<>();
    private static final Set<String> BEFORE_LAM_LAM = Set.of("", "و", "ف");

    static {
        for (String conj : new String[]{"", "و", "ف"}) {
            for (String prep : new String[]{"", "ب", "ك", "ل"}) {
                if (!(conj + prep).isEmpty()) {
                    PREFIXES.add(conj + prep);
                }
            }
        }
    }

    private ArabicProclitics() {
        super(2, 0); // up to 2 proclitic letters before the name (وب)
    }

    @Override
    public void addForms(String surface, FormSink sink) {
        if (surface.startsWith(ARTICLE) && letters(surface) >= MIN_SURFACE + 2) {
            sink.form("لل" + surface.substring(ARTICLE.length()), LAM_LAM);
        }
    }

    @Override
    public boolean accepts(String surface, int kind, String prefix, String suffix) {
        if (!suffix.isEmpty() || letters(surface) < MIN_SURFACE) {
            return false;
        }
        return kind == LAM_LAM ? BEFORE_LAM_LAM.contains(prefix) : PREFIXES.contains(prefix);
    }
}
