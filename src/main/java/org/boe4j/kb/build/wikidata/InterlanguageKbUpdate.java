package org.boe4j.kb.build.wikidata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.boe4j.kb.InterlanguageMap;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;

/**
 * Adds Wikidata inter-language pairs to an existing KB (dictionaries unchanged, provenance extended). Pairs
 * already in the KB win over new ones for the same key (the KB's first-come rule), and the number of such
 * conflicts goes into the header notes.
 */
public final class InterlanguageKbUpdate {

    private InterlanguageKbUpdate() {
    }

    public static KnowledgeBase apply(KnowledgeBase base, InterlanguageLinks links, KbSource source,
            Map<String, String> notes) {
        InterlanguageMap merged = new InterlanguageMap();
        InterlanguageMap old = base.interlanguage();
        for (String language : old.languages()) {
            old.pairs(language).forEach((k, en) -> merged.put(language, k, en));
        }
        long conflicts = 0;
        for (String language : links.languages()) {
            for (Map.Entry<String, String> e : links.pairs(language).entrySet()) {
                if (!merged.put(language, e.getKey(), e.getValue())) {
                    conflicts++;
                }
            }
        }
        KbHeader h = base.header();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        h.counts().forEach((language, c) -> counts.put(language, new LinkedHashMap<>(c)));
        for (String language : merged.languages()) {
            counts.computeIfAbsent(language, l -> new LinkedHashMap<>()).put("interlanguage", (long) merged.size(language));
        }
        List<KbSource> sources = new ArrayList<>(h.sources());
        sources.add(source);
        Map<String, String> allNotes = new TreeMap<>(h.notes());
        allNotes.putAll(notes);
        if (conflicts > 0) {
            allNotes.put("wikidata.conflicts.ignored", Long.toString(conflicts));
        }
        KbHeader header = new KbHeader(KbFile.FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                h.languages(), h.options(), sources, counts, allNotes);
        return new KnowledgeBase(header, base.dictionaries(), merged);
    }

}
