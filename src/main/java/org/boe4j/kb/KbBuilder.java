package org.boe4j.kb;
import org.boe4j.wiki.WikiTitles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assembles a {@link KnowledgeBase}; the API every builder feeds (Wikipedia dump, Wikidata dump, ICU).
 *
 * <p>Per language, either raw anchor statistics ({@link #counts(String)}: the thresholds lp(m) >= min and
 * p(e|m) >= min are applied at {@link #build()}), or ready rows ({@link #addEntry}: surface, lp, entity,
 * commonness, with the same thresholds applied), not both. Inter-language pairs come through
 * {@link #addInterlanguage}. Surfaces longer than {@link KbOptions#maxMentionLength()} code points (after
 * normalisation) are dropped.
 *
 * <p>Formulas (Wikipedia2Vec's dictionary builder, docs/method.md §1), for normalised anchor m:
 * {@code links(m) = explicit total if given, else sum_e links(m, e)};
 * {@code p(e|m) = links(m, e) / links(m)};
 * {@code lp(m) = min(1, links(m) / text(m))} where text(m) counts pages containing m. When a language got
 * no text counts at all, or m got none (it was never seen in text), lp(m) = 1 and the header's notes say
 * how many surfaces that concerned.
 */
public final class KbBuilder {

    private final KbOptions options;
    private final SurfaceNormalizer normalizer;
    private final Map<String, LanguageCounts> counts = new TreeMap<>();
    private final Map<String, Map<String, Row>> rows = new TreeMap<>();
    private final Map<String, EntitySpace> spaces = new HashMap<>();
    private final InterlanguageMap interlanguage = new InterlanguageMap();
    private final List<KbSource> sources = new ArrayList<>();
    private final Map<String, String> notes = new TreeMap<>();
    private long interlanguageConflicts;
    private Instant createdAt;

    /** Ready candidates of one surface. */
    private static final class Row {
        float lp;
        final Map<String, Float> candidates = new LinkedHashMap<>(2);
    }

    public KbBuilder(KbOptions options) {
        this.options = options;
        this.normalizer = new SurfaceNormalizer(options.caseInsensitive());
    }

    public KbOptions options() {
        return options;
    }

    public SurfaceNormalizer normalizer() {
        return normalizer;
    }

    /**
     * The raw statistics of a language (created on first use). Its candidates are page titles of that
     * language's Wikipedia ({@link EntitySpace#LOCAL}), except for "en".
     */
    public synchronized LanguageCounts counts(String language) {
        checkLanguage(language);
        if (rows.containsKey(language)) {
            throw new IllegalStateException("language '" + language + "' already has ready rows; "
                    + "raw counts and ready rows cannot be mixed in one language");
        }
        return counts.computeIfAbsent(language, l -> new LanguageCounts(l, options));
    }

    /**
     * Adds a ready (surface, lp, entity, commonness) row. A surface given twice keeps the larger lp; an
     * (surface, entity) pair given twice keeps the larger commonness.
     */
    public synchronized void addEntry(String language, String surface, double linkProbability, String entity,
                                      double commonness) {
        checkLanguage(language);
        if (counts.containsKey(language)) {
            throw new IllegalStateException("language '" + language + "' already has raw counts; "
                    + "raw counts and ready rows cannot be mixed in one language");
        }
        if (!(linkProbability >= 0 && linkProbability <= 1) || !(commonness >= 0 && commonness <= 1)) {
            throw new IllegalArgumentException("row (" + language + ", '" + surface + "', '" + entity
                    + "'): lp and commonness must be in [0, 1], found lp=" + linkProbability
                    + " commonness=" + commonness);
        }
        String m = normalizer.normalize(surface);
        String e = WikiTitles.normalize(entity);
        if (m.isEmpty() || e.isEmpty()) {
            return;
        }
        Row row = rows.computeIfAbsent(language, l -> new HashMap<>()).computeIfAbsent(m, k -> new Row());
        row.lp = Math.max(row.lp, (float) linkProbability);
        row.candidates.merge(e, (float) commonness, Math::max);
    }

    /** Declares which titles a language's candidates are in (default: LOCAL, ENGLISH for "en"). */
    public synchronized void entitySpace(String language, EntitySpace space) {
        spaces.put(language, space);
    }

    /** Adds (language, local title or Wikidata id) -> English title; conflicting later pairs are counted, not kept. */
    public synchronized void addInterlanguage(String language, String localKey, String englishTitle) {
        if (!interlanguage.put(language, localKey, englishTitle)) {
            interlanguageConflicts++;
        }
    }

    public synchronized void addSource(KbSource source) {
        sources.add(source);
    }

    public synchronized void note(String key, String value) {
        notes.put(key, value);
    }

    /**
     * Fixes the header's {@code createdAt} (default: the time of {@link #build()}, to the second), for
     * reproducible files: the same inputs and instant give the same bytes.
     */
    public synchronized KbBuilder createdAt(Instant instant) {
        this.createdAt = instant;
        return this;
    }

    /** Applies the thresholds and freezes everything into a KB. */
    public synchronized KnowledgeBase build() {
        Map<String, LanguageDictionary> dictionaries = new TreeMap<>();
        for (LanguageCounts c : counts.values()) {
            dictionaries.put(c.language(), fromCounts(c));
        }
        for (Map.Entry<String, Map<String, Row>> e : rows.entrySet()) {
            dictionaries.put(e.getKey(), fromRows(e.getKey(), e.getValue()));
        }
        if (interlanguageConflicts > 0) {
            notes.put("interlanguage.conflicts.ignored", Long.toString(interlanguageConflicts));
        }
        Instant at = createdAt != null ? createdAt : Instant.now();
        KbHeader header = new KbHeader(KbFile.FORMAT_VERSION, at.truncatedTo(ChronoUnit.SECONDS).toString(),
                new ArrayList<>(dictionaries.keySet()), options, new ArrayList<>(sources),
                countsOf(dictionaries, interlanguage), new TreeMap<>(notes));
        return new KnowledgeBase(header, dictionaries, interlanguage);
    }

    /** Per-language counts for a header (surfaces, pairs, entities, interlanguage). */
    public static Map<String, Map<String, Long>> countsOf(Map<String, LanguageDictionary> dictionaries,
                                                   InterlanguageMap interlanguage) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (LanguageDictionary d : dictionaries.values()) {
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("surfaces", (long) d.size());
            c.put("pairs", (long) d.pairCount());
            c.put("entities", (long) d.entitiesRaw().length);
            out.put(d.language(), c);
        }
        for (String lang : interlanguage.languages()) {
            out.computeIfAbsent(lang, l -> new LinkedHashMap<>()).put("interlanguage", (long) interlanguage.size(lang));
        }
        return out;
    }

    private LanguageDictionary fromCounts(LanguageCounts c) {
        Map<String, LanguageCounts.Anchor> anchors = c.anchorMap();
        boolean anyText = c.anyTextCount();
        long noText = 0;
        DictionaryAssembler asm = new DictionaryAssembler();
        for (Map.Entry<String, LanguageCounts.Anchor> e : anchors.entrySet()) {
            String m = e.getKey();
            LanguageCounts.Anchor a = e.getValue();
            if (a.targets.isEmpty() || m.codePointCount(0, m.length()) > options.maxMentionLength()) {
                continue;
            }
            Map<String, Long> targets = new HashMap<>(a.targets.size() * 2);
            long sum = 0;
            for (Map.Entry<String, Long> t : a.targets.entrySet()) {
                targets.merge(c.resolve(t.getKey()), t.getValue(), Long::sum); // redirects -> their pages
                sum += t.getValue();
            }
            if (a.explicitTotal > 0 && a.explicitTotal < sum) {
                throw new IllegalStateException("language '" + c.language() + "', anchor '" + m
                        + "': anchor-as-link total " + a.explicitTotal + " is smaller than the sum of its "
                        + "per-target link counts " + sum);
            }
            long links = a.explicitTotal > 0 ? a.explicitTotal : sum;
            double lp;
            if (anyText && a.hasTextCount) {
                lp = Math.min(1.0, (double) links / a.textOccurrences);
            } else {
                lp = 1.0;
                noText++;
            }
            if (lp < options.minLinkProbability()) {
                continue;
            }
            Map<String, Float> kept = new LinkedHashMap<>();
            for (Map.Entry<String, Long> t : targets.entrySet()) {
                double p = (double) t.getValue() / links;
                if (p >= options.minCommonness()) {
                    kept.put(t.getKey(), (float) p);
                }
            }
            asm.add(m, (float) lp, kept);
        }
        notes.put("lp.noTextCount." + c.language(), Long.toString(noText));
        return asm.build(c.language(), spaceOf(c.language()));
    }

    private LanguageDictionary fromRows(String language, Map<String, Row> byValue) {
        DictionaryAssembler asm = new DictionaryAssembler();
        for (Map.Entry<String, Row> e : byValue.entrySet()) {
            String m = e.getKey();
            Row r = e.getValue();
            if (m.codePointCount(0, m.length()) > options.maxMentionLength() || r.lp < options.minLinkProbability()) {
                continue;
            }
            Map<String, Float> kept = new LinkedHashMap<>();
            r.candidates.forEach((entity, p) -> {
                if (p >= options.minCommonness()) {
                    kept.put(entity, p);
                }
            });
            asm.add(m, r.lp, kept);
        }
        return asm.build(language, spaceOf(language));
    }

    private EntitySpace spaceOf(String language) {
        return spaces.getOrDefault(language, "en".equals(language) ? EntitySpace.ENGLISH : EntitySpace.LOCAL);
    }

    private static void checkLanguage(String language) {
        if (language == null || !language.matches("[a-z][a-z0-9-]{1,15}")) {
            throw new IllegalArgumentException("language code must be a Wikipedia code such as 'en', 'zh', "
                    + "'simple', 'zh-yue'; found '" + language + "'");
        }
    }

    /** Collects kept surfaces and lays them out column-wise, sorted. */
    static final class DictionaryAssembler {
        private final Map<String, Float> lp = new HashMap<>();
        private final Map<String, Map<String, Float>> cands = new HashMap<>();

        void add(String surface, float linkProbability, Map<String, Float> candidates) {
            if (candidates.isEmpty()) {
                return;
            }
            lp.put(surface, linkProbability);
            cands.put(surface, candidates);
        }

        LanguageDictionary build(String language, EntitySpace space) {
            String[] surfaces = lp.keySet().toArray(new String[0]);
            Arrays.sort(surfaces);
            TreeSet<String> entitySet = new TreeSet<>();
            for (Map<String, Float> c : cands.values()) {
                entitySet.addAll(c.keySet());
            }
            String[] entities = entitySet.toArray(new String[0]);
            Map<String, Integer> entityId = new HashMap<>(entities.length * 2);
            for (int i = 0; i < entities.length; i++) {
                entityId.put(entities[i], i);
            }
            float[] lps = new float[surfaces.length];
            int[] start = new int[surfaces.length + 1];
            int pairs = 0;
            for (Map<String, Float> c : cands.values()) {
                pairs += c.size();
            }
            int[] ent = new int[pairs];
            float[] com = new float[pairs];
            int k = 0;
            for (int i = 0; i < surfaces.length; i++) {
                lps[i] = lp.get(surfaces[i]);
                start[i] = k;
                List<Map.Entry<String, Float>> list = new ArrayList<>(cands.get(surfaces[i]).entrySet());
                // most common candidate first, ties by title, so files are reproducible
                list.sort(Comparator.<Map.Entry<String, Float>>comparingDouble(x -> -x.getValue())
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, Float> c : list) {
                    ent[k] = entityId.get(c.getKey());
                    com[k] = c.getValue();
                    k++;
                }
            }
            start[surfaces.length] = k;
            return new LanguageDictionary(language, space, entities, surfaces, lps, start, ent, com);
        }
    }
}
