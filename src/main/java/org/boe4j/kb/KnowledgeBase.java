package org.boe4j.kb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded KB: per-language entity dictionaries, the inter-language map to English titles, and the header
 * that records how it was built. Immutable; mention extractors are built lazily per language and cached.
 */
public final class KnowledgeBase {

    private final KbHeader header;
    private final Map<String, LanguageDictionary> dictionaries;
    private final InterlanguageMap interlanguage;
    private final Map<String, MentionExtractor> extractors = new ConcurrentHashMap<>();

    public KnowledgeBase(KbHeader header, Map<String, LanguageDictionary> dictionaries,
                         InterlanguageMap interlanguage) {
        this.header = Objects.requireNonNull(header);
        this.dictionaries = Collections.unmodifiableMap(new LinkedHashMap<>(dictionaries));
        this.interlanguage = Objects.requireNonNull(interlanguage);
    }

    public KbHeader header() {
        return header;
    }

    /** The same KB with more sources recorded in its header (e.g. the input files of a merge). */
    public KnowledgeBase withExtraSources(List<KbSource> extra) {
        List<KbSource> all = new ArrayList<>(header.sources());
        all.addAll(extra);
        KbHeader h = new KbHeader(header.formatVersion(), header.createdAt(), header.languages(), header.options(),
                all, header.counts(), header.notes());
        return new KnowledgeBase(h, dictionaries, interlanguage);
    }

    /** The same KB with one more header note. */
    public KnowledgeBase withNote(String key, String value) {
        Map<String, String> notes = new TreeMap<>(header.notes());
        notes.put(key, value);
        KbHeader h = new KbHeader(header.formatVersion(), header.createdAt(), header.languages(), header.options(),
                header.sources(), header.counts(), notes);
        return new KnowledgeBase(h, dictionaries, interlanguage);
    }

    public KbOptions options() {
        return header.options();
    }

    public Set<String> languages() {
        return dictionaries.keySet();
    }

    public boolean hasLanguage(String language) {
        return dictionaries.containsKey(language);
    }

    /** The dictionary of a language; a clear error naming the languages present when it is missing. */
    public LanguageDictionary dictionary(String language) {
        LanguageDictionary d = dictionaries.get(language);
        if (d == null) {
            throw new IllegalArgumentException("the KB has no dictionary for language '" + language
                    + "'; it has " + dictionaries.keySet());
        }
        return d;
    }

    public Map<String, LanguageDictionary> dictionaries() {
        return dictionaries;
    }

    public InterlanguageMap interlanguage() {
        return interlanguage;
    }

    /** The (cached) mention extractor of a language, with the language's affix rules ({@link AffixRules}). */
    public MentionExtractor extractor(String language) {
        return extractors.computeIfAbsent(language, l -> new MentionExtractor(this, l, AffixRules.forLanguage(l)));
    }

    /** A new (uncached) extractor of a language with the given affix rules ({@link AffixRules#NONE}: exact). */
    public MentionExtractor extractor(String language, AffixRules affixes) {
        return new MentionExtractor(this, language, affixes);
    }

    /**
     * The English title of a candidate entity of {@code language}'s dictionary, or null when it has none
     * (docs/method.md §3: entities without an English counterpart are dropped).
     */
    public String toEnglish(String language, String entity) {
        LanguageDictionary d = dictionary(language);
        if (d.entitySpace() == EntitySpace.ENGLISH || "en".equals(language)) {
            return entity;
        }
        return interlanguage.toEnglish(language, entity);
    }
}
