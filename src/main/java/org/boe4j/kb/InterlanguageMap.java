package org.boe4j.kb;
import org.boe4j.wiki.WikiTitles;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * (language, local page title or Wikidata id) -> English Wikipedia title, from Wikidata sitelinks
 * (docs/method.md §3). Local titles are stored in {@link WikiTitles#normalize} form; Wikidata ids as "Q123".
 */
public final class InterlanguageMap {

    private final Map<String, Map<String, String>> byLanguage = new TreeMap<>();

    /**
     * Adds one pair. A key already mapped to a different English title keeps the first mapping (Wikidata gives
     * one English sitelink per item, so a conflict means two items share a local title; first-come is stable).
     *
     * @return true when the pair was added or already present, false when it conflicted and was ignored
     */
    public boolean put(String language, String localKey, String englishTitle) {
        String key = key(localKey);
        String en = WikiTitles.normalize(englishTitle);
        if (key.isEmpty() || en.isEmpty()) {
            throw new IllegalArgumentException("empty interlanguage pair (" + language + ", '" + localKey + "', '"
                    + englishTitle + "')");
        }
        Map<String, String> m = byLanguage.computeIfAbsent(language, l -> new HashMap<>());
        String old = m.putIfAbsent(key, en);
        return old == null || old.equals(en);
    }

    /** The English title of a local title or Wikidata id, or null when there is none. */
    public String toEnglish(String language, String localKey) {
        Map<String, String> m = byLanguage.get(language);
        return m == null ? null : m.get(key(localKey));
    }

    public Set<String> languages() {
        return Collections.unmodifiableSet(byLanguage.keySet());
    }

    /** The pairs of one language (unmodifiable view; empty when the language has none). */
    public Map<String, String> pairs(String language) {
        Map<String, String> m = byLanguage.get(language);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    /** The pairs of one language sorted by key (for reproducible files). */
    public Map<String, String> sortedPairs(String language) {
        return new TreeMap<>(pairs(language));
    }

    public int size(String language) {
        return pairs(language).size();
    }

    private static String key(String localKey) {
        return WikiTitles.isWikidataId(localKey) ? localKey : WikiTitles.normalize(localKey);
    }
}
