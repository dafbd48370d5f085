package org.boe4j.kb.build.wikidata;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;

/**
 * Inter-language links read from Wikidata sitelinks (docs/method.md §3): per language, local Wikipedia title
 * -> English Wikipedia title of the same item, and (optionally) Wikidata id -> English title.
 * Titles are kept as Wikidata writes them (canonical page titles, spaces not underscores).
 */
public final class InterlanguageLinks {

    private final Map<String, Map<String, String>> byLanguage = new TreeMap<>();
    private final Map<String, String> byItem = new HashMap<>();

    /** Adds a pair; the first English title given for a local title is kept (dump order). */
    public void put(String language, String localTitle, String englishTitle) {
        byLanguage.computeIfAbsent(language, l -> new HashMap<>()).putIfAbsent(localTitle, englishTitle);
    }

    /** Adds item id -> English title. */
    public void putItem(String id, String englishTitle) {
        byItem.put(id, englishTitle);
    }

    /** The English title of a local page, or null. */
    public String toEnglish(String language, String localTitle) {
        Map<String, String> m = byLanguage.get(language);
        return m == null ? null : m.get(localTitle);
    }

    /** The English title of a Wikidata item ("Q42"), or null (also when ids were not collected). */
    public String itemToEnglish(String id) {
        return byItem.get(id);
    }

    /** Local title -> English title for one language (unmodifiable; empty when none). */
    public Map<String, String> pairs(String language) {
        return Collections.unmodifiableMap(byLanguage.getOrDefault(language, Map.of()));
    }

    /** Wikidata id -> English title (unmodifiable). */
    public Map<String, String> items() {
        return Collections.unmodifiableMap(byItem);
    }

    /** Languages with at least one pair, sorted. */
    public List<String> languages() {
        return List.copyOf(byLanguage.keySet());
    }

    public int size(String language) {
        return pairs(language).size();
    }

    /**
     * A KB holding only these pairs (no dictionaries), with {@code options} and {@code source} in its header:
     * merge it into an existing KB with {@code KbMerge.merge(existing, thisKb)} (the existing KB's pairs win).
     */
    public KnowledgeBase toKb(KbOptions options, KbSource source, boolean withItemIds) {
        KbBuilder builder = new KbBuilder(options);
        addTo(builder, withItemIds);
        builder.addSource(source);
        return builder.build();
    }

    /**
     * Feeds the pairs to the KB builder: (language, local title) -> English title for every language. Wikidata
     * ids are added under the pseudo-language {@code "wikidata"} only when {@code withItemIds} is set (the KB
     * looks entities up by local title; ids cost memory and are for audits).
     */
    public void addTo(KbBuilder builder, boolean withItemIds) {
        byLanguage.forEach((language, pairs) -> pairs.forEach((local, en) -> builder.addInterlanguage(language, local, en)));
        if (withItemIds) {
            byItem.forEach((id, en) -> builder.addInterlanguage("wikidata", id, en));
        }
    }
}
