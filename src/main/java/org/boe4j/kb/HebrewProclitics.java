package org.boe4j.kb;

import java.util.HashSet;
import java.util.Set;

/**
 * Hebrew: the one-letter words ו (and), ש / כש (that, when), מ ב כ ל (from, in, as, to) and ה (the) are written
 * attached to the next word: ליפן "to Japan", בירושלים "in Jerusalem", ומירושלים "and from Jerusalem".
 *
 * <p>Allowed sequences, in their grammatical order: [ו] [ש | כש] [מ | ב | כ | ל | ה | מה | שה], at least one letter
 * (ו, ה, ב, כ, ל, מ, ש, וב, ול, ומ, וה, וכ, וש, של, שב, שמ, שה, כש, מה, ומה, ושב, כשה, ...). Not allowed: בה, לה,
 * כה, because after ב ל כ the article's ה is not written (בירושלים, not בהירושלים), so such a word starts with a
 * different word. Nothing is accepted after a mention (suffixed possessives do not occur on names).
 * Minimum surface length: 3 letters (יפן, סין, הודו).
 */
final class HebrewProclitics extends AffixRules {

    static final HebrewProclitics RULES = new HebrewProclitics();

    private static final int MIN_SURFACE = 3;

    private static final Set<String> PREFIXES = new HashSet<>();

    static {
        for (String conj : new String[]{"", "ו"}) {
            for (String rel : new String[]{"", "ש", "כש"}) {
                for (String prep : new String[]{"", "מ", "ב", "כ", "ל", "ה", "מה", "שה"}) {
                    String p = conj + rel + prep;
                    if (!p.isEmpty() && !(rel.equals("ש") && prep.equals("שה"))) {
                        PREFIXES.add(p);
                    }
                }
            }
        }
    }

    private HebrewProclitics() {
        super(5, 0); // up to 5 proclitic letters before the name (וכשמה: ו + כש + מה)
    }

    @Override
    public boolean accepts(String surface, int kind, String prefix, String suffix) {
        return suffix.isEmpty() && PREFIXES.contains(prefix) && letters(surface) >= MIN_SURFACE;
    }
}
