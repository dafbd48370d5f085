package org.boe4j.kb;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges two KBs, the first taking precedence (e.g. {@code merge(wikipedia, icu)}: real anchor statistics
 * stay as they are, ICU names fill the gaps). How conflicts combine:
 * <ul>
 *   <li>a surface in both dictionaries of a language keeps the first KB's lp and candidates unchanged (mixing
 *       commonness from two different estimates would give numbers neither source supports); a surface in
 *       only one is taken as is;</li>
 *   <li>when the two dictionaries of a language use different entity spaces (Wikipedia local titles vs ICU
 *       English titles), the local one is first mapped to English through the merged inter-language map
 *       (unmapped candidates dropped, same-English candidates' commonness added, as in extraction);</li>
 *   <li>inter-language pairs: union; a key mapped differently in both keeps the first KB's English title;</li>
 *   <li>options: both KBs must normalise alike (same case sensitivity), else the merge is refused; the merged
 *       header records the smaller thresholds and the larger maximum mention length; sources are
 *       concatenated, notes prefixed "a." and "b.".</li>
 * </ul>
 */
public final class KbMerge {

    private KbMerge() {
    }

    /**
     * Merges several KBs, earlier ones taking precedence: {@code merge([a, b, c]) = merge(merge(a, b), c)}, so a
     * surface keeps the lp and candidates of the first KB that has it. Notes of the i-th input are prefixed with
     * its position ("a.", "b.", "c.", ...).
     */
    public static KnowledgeBase merge(List<KnowledgeBase> kbs) {
        if (kbs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        KnowledgeBase out = kbs.get(0);
        for (int i = 1; i < kbs.size(); i++) {
            out = merge(out, kbs.get(i), i == 1 ? "a." : "", prefix(i));
        }
        return out;
    }

    private static String prefix(int i) {
        return (char) ('a' + Math.min(i, 25)) + ".";
    }

    public static KnowledgeBase merge(KnowledgeBase a, KnowledgeBase b) {
        return merge(a, b, "a.", "b.");
    }

    private static KnowledgeBase merge(KnowledgeBase a, KnowledgeBase b, String prefixA, String prefixB) {
        KbOptions oa = a.options();
        KbOptions ob = b.options();
        if (oa.caseInsensitive() != ob.caseInsensitive()) {
            throw new IllegalArgumentException("cannot merge a case-insensitive KB with a case-sensitive one: their "
                    + "surfaces are normalised differently (rebuild one with the other's setting)");
        }
        KbOptions options = new KbOptions(Math.min(oa.minLinkProbability(), ob.minLinkProbability()),
                Math.min(oa.minCommonness(), ob.minCommonness()), oa.caseInsensitive(),
                Math.max(oa.maxMentionLength(), ob.maxMentionLength()));

        InterlanguageMap map = new InterlanguageMap();
        for (KnowledgeBase kb : List.of(a, b)) {
            for (String lang : kb.interlanguage().languages()) {
                kb.interlanguage().pairs(lang).forEach((k, v) -> map.put(lang, k, v));
            }
        }
        // a KB whose map is the merged one, for mapping local dictionaries to English
        TreeSet<String> languages = new TreeSet<>(a.languages());
        languages.addAll(b.languages());
        Map<String, LanguageDictionary> merged = new TreeMap<>();
        for (String lang : languages) {
            LanguageDictionary da = a.hasLanguage(lang) ? a.dictionary(lang) : null;
            LanguageDictionary db = b.hasLanguage(lang) ? b.dictionary(lang) : null;
            if (da == null || db == null) {
                merged.put(lang, da != null ? da : db);
                continue;
            }
            if (da.entitySpace() != db.entitySpace()) {
                da = toEnglish(da, map);
                db = toEnglish(db, map);
            }
            merged.put(lang, mergeDictionaries(da, db));
        }
        List<KbSource> sources = new ArrayList<>(a.header().sources());
        sources.addAll(b.header().sources());
        Map<String, String> notes = new TreeMap<>();
        a.header().notes().forEach((k, v) -> notes.put(prefixA + k, v));
        b.header().notes().forEach((k, v) -> notes.put(prefixB + k, v));
        notes.put("merge", "earlier KB takes precedence on shared surfaces and inter-language keys (KbMerge)");
        KbHeader header = new KbHeader(KbFile.FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ArrayList<>(merged.keySet()), options, sources, KbBuilder.countsOf(merged, map), notes);
        return new KnowledgeBase(header, merged, map);
    }

    private static LanguageDictionary toEnglish(LanguageDictionary d, InterlanguageMap map) {
        if (d.entitySpace() == EntitySpace.ENGLISH) {
            return d;
        }
        KbBuilder.DictionaryAssembler asm = new KbBuilder.DictionaryAssembler();
        for (int i = 0; i < d.size(); i++) {
            Map<String, Float> en = new LinkedHashMap<>();
            for (Candidate c : d.candidates(i)) {
                String t = "en".equals(d.language()) ? c.entity() : map.toEnglish(d.language(), c.entity());
                if (t != null) {
                    en.merge(t, c.commonness(), (x, y) -> Math.min(1f, x + y));
                }
            }
            asm.add(d.surface(i), d.linkProbability(i), en);
        }
        return asm.build(d.language(), EntitySpace.ENGLISH);
    }

    /**
     * Linear merge of two sorted dictionaries of the same entity space: a shared surface keeps the first's row. Works on
     * the column arrays (no per-surface objects), so merging dictionaries of millions of surfaces takes seconds.
     */
    private static LanguageDictionary mergeDictionaries(LanguageDictionary first, LanguageDictionary second) {
        TreeSet<String> entitySet = new TreeSet<>(Arrays.asList(first.entitiesRaw()));
        entitySet.addAll(Arrays.asList(second.entitiesRaw()));
        String[] entities = entitySet.toArray(new String[0]);
        Map<String, Integer> id = new HashMap<>(entities.length * 2);
        for (int i = 0; i < entities.length; i++) {
            id.put(entities[i], i);
        }
        int[] remapA = remap(first.entitiesRaw(), id);
        int[] remapB = remap(second.entitiesRaw(), id);
        String[] sa = first.surfacesRaw();
        String[] sb = second.surfacesRaw();
        int n = 0;
        int pairs = 0;
        for (int i = 0, j = 0; i < sa.length || j < sb.length; n++) {
            int c = i == sa.length ? 1 : j == sb.length ? -1 : sa[i].compareTo(sb[j]);
            if (c <= 0) {
                pairs += first.candidateCount(i);
                i++;
                j += c == 0 ? 1 : 0;
            } else {
                pairs += second.candidateCount(j);
                j++;
            }
        }
        String[] surfaces = new String[n];
        float[] lp = new float[n];
        int[] start = new int[n + 1];
        int[] ent = new int[pairs];
        float[] com = new float[pairs];
        int k = 0;
        int out = 0;
        for (int i = 0, j = 0; i < sa.length || j < sb.length; out++) {
            int c = i == sa.length ? 1 : j == sb.length ? -1 : sa[i].compareTo(sb[j]);
            LanguageDictionary d = c <= 0 ? first : second;
            int row = c <= 0 ? i : j;
            int[] remap = c <= 0 ? remapA : remapB;
            surfaces[out] = d.surfacesRaw()[row];
            lp[out] = d.linkProbabilityRaw()[row];
            start[out] = k;
            for (int x = d.candidateStartRaw()[row]; x < d.candidateStartRaw()[row + 1]; x++) {
                ent[k] = remap[d.candidateEntityRaw()[x]];
                com[k] = d.commonnessRaw()[x];
                k++;
            }
            if (c <= 0) {
                i++;
                j += c == 0 ? 1 : 0;
            } else {
                j++;
            }
        }
        start[n] = k;
        return new LanguageDictionary(first.language(), first.entitySpace(), entities, surfaces, lp, start, ent, com);
    }

    private static int[] remap(String[] table, Map<String, Integer> id) {
        int[] r = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            r[i] = id.get(table[i]);
        }
        return r;
    }
}
