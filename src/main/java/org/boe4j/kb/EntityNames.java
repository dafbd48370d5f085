package org.boe4j.kb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The names of English entities in several languages, taken from a KB's dictionaries: for each entity and language,
 * the surface with the largest p(e|m) among those whose candidates map to the entity (ties: the shorter, then the
 * alphabetically first), for entity vectors that are the mean encoding of an entity's names.
 *
 * <p>A case-insensitive KB stores case-folded surfaces ("vereinigte staaten"); for a cased encoder the first letter
 * of each word is put back in upper case ("Vereinigte Staaten"). That is right for names in most languages, wrong for
 * some ("Bosnia And Herzegovina"), and changes nothing in scripts without case.
 */
public final class EntityNames {

    private EntityNames() {
    }

    /**
     * Per row of {@code index} (row 0, padding, gets an empty list): the English title as written, then the best
     * surface of each language of {@code languages} the KB has, without repeats.
     */
    public static List<List<String>> of(KnowledgeBase kb, EntityIndex index, List<String> languages) {
        int n = index.size();
        List<String[]> perLanguage = new ArrayList<>();
        for (String lang : languages) {
            if (!kb.hasLanguage(lang)) {
                continue;
            }
            perLanguage.add(bestSurfaces(kb, lang, index, kb.options().caseInsensitive()));
        }
        List<List<String>> out = new ArrayList<>(n);
        out.add(List.of());
        for (int id = 1; id < n; id++) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            names.add(index.title(id));
            for (String[] best : perLanguage) {
                if (best[id] != null) {
                    names.add(best[id]);
                }
            }
            out.add(List.copyOf(names));
        }
        return out;
    }

    /** For one language, the best surface of each entity row (null when the dictionary has none for it). */
    static String[] bestSurfaces(KnowledgeBase kb, String language, EntityIndex index, boolean caseFolded) {
        LanguageDictionary d = kb.dictionary(language);
        String[] best = new String[index.size()];
        float[] bestP = new float[index.size()];
        for (int i = 0; i < d.size(); i++) {
            for (Candidate c : d.candidates(i)) {
                String en = kb.toEnglish(language, c.entity());
                int id = en == null ? -1 : index.id(en);
                if (id <= 0) {
                    continue;
                }
                String s = caseFolded ? capitalizeWords(d.surface(i)) : d.surface(i);
                if (best[id] == null || c.commonness() > bestP[id]
                        || c.commonness() == bestP[id] && (s.length() < best[id].length()
                        || s.length() == best[id].length() && s.compareTo(best[id]) < 0)) {
                    best[id] = s;
                    bestP[id] = c.commonness();
                }
            }
        }
        return best;
    }

    /** The first letter of every space- or hyphen-separated word in upper case ({@link Locale#ROOT}). */
    static String capitalizeWords(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            b.appendCodePoint(start ? Character.toUpperCase(cp) : cp);
            start = Character.isWhitespace(cp) || cp == '-';
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
