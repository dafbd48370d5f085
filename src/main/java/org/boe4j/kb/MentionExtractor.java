package org.boe4j.kb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every dictionary surface form of one language in a text (docs/method.md §2) and maps candidates to
 * English entities (step 3). All matches are kept, overlapping ones too, as in the paper; no disambiguation.
 *
 * <p>The text is normalised exactly as surfaces were at build time ({@link SurfaceNormalizer} with the KB's
 * case option), matched with one {@link SurfaceAutomaton} pass, filtered by {@link WordBoundaries}, and
 * mapped back to UTF-16 offsets of the original text. Thread-safe once built.
 */
public final class MentionExtractor {

    private static final Comparator<Mention> BY_POSITION =
            Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end);

    private final KnowledgeBase kb;
    private final LanguageDictionary dictionary;
    private final SurfaceNormalizer normalizer;
    private final SurfaceAutomaton automaton;
    private final AffixRules affixes;
    private final SurfaceForms forms;
    private final List<Candidate>[] englishCache;

    @SuppressWarnings("unchecked")
    MentionExtractor(KnowledgeBase kb, String language, AffixRules affixes) {
        this.kb = kb;
        this.dictionary = kb.dictionary(language);
        this.normalizer = new SurfaceNormalizer(kb.options().caseInsensitive());
        this.affixes = affixes;
        String[] surfaces = dictionary.surfacesRaw();
        this.forms = affixes.isNone() ? null : SurfaceForms.of(surfaces, affixes);
        this.automaton = new SurfaceAutomaton(forms == null ? surfaces : forms.texts());
        this.englishCache = new List[surfaces.length];
    }

    /** The affix rules this extractor applies ({@link AffixRules#NONE}: exact matching). */
    public AffixRules affixes() {
        return affixes;
    }

    public String language() {
        return dictionary.language();
    }

    /** Mentions with the dictionary's own candidates (local titles for a LOCAL dictionary). */
    public List<Mention> findLocal(String text) {
        List<Mention> out = new ArrayList<>();
        forEachMatch(text, (id, start, end) -> out.add(new Mention(start, end, text.substring(start, end),
                dictionary.linkProbability(id), dictionary.candidates(id))));
        out.sort(BY_POSITION);
        return out;
    }

    /**
     * Mentions with English candidates: each local candidate replaced by its English title; candidates with
     * no English counterpart dropped, and mentions left without candidates dropped. Local candidates that
     * map to the same English title are merged by adding their commonness (p(e_en|m) = sum of p(e|m) over the
     * local entities e linked to e_en), capped at 1.
     */
    public List<Mention> find(String text) {
        List<Mention> out = new ArrayList<>();
        forEachMatch(text, (id, start, end) -> {
            List<Candidate> en = englishCandidates(id);
            if (!en.isEmpty()) {
                out.add(new Mention(start, end, text.substring(start, end), dictionary.linkProbability(id), en));
            }
        });
        out.sort(BY_POSITION);
        return out;
    }

    /** Number of mentions {@link #find} would return, without building them (for benchmarks). */
    public int count(String text) {
        int[] n = new int[1];
        forEachMatch(text, (id, start, end) -> {
            if (!englishCandidates(id).isEmpty()) {
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * Reports each match as (surface index, original start, original end); matches that do not sit on word
     * boundaries or that cut a normalisation piece in two are skipped. With affix rules, a match may also sit
     * inside a word whose rest is an affix the rules accept; it is then reported as the whole word.
     */
    void forEachMatch(String text, SurfaceAutomaton.MatchSink sink) {
        NormalizedText nt = normalizer.normalizeText(text);
        String norm = nt.text();
        WordBoundaries words = WordBoundaries.of(norm);
        if (forms == null) {
            automaton.matchAll(norm, (id, s, e) -> {
                if (!words.isBoundary(s) || !words.isBoundary(e)
                        || !nt.alignsWithOriginal(s, e)) {
                    return;
                }
                sink.match(id, nt.originalStart(s), nt.originalEnd(e - 1));
            });
            return;
        }
        AffixedMatches found = new AffixedMatches();
        automaton.matchAll(norm, (formId, s, e) -> {
            boolean startsWord = words.isBoundary(s);
            boolean endsWord = words.isBoundary(e);
            int ws = startsWord ? s : wordStart(words, s, affixes.maxPrefixLength());
            int we = endsWord ? e : wordEnd(words, norm.length(), e, affixes.maxSuffixLength());
            if (ws < 0 || we < 0) {
                return; // the rest of the word is longer than any affix
            }
            String prefix = startsWord ? "" : norm.substring(ws, s);
            String suffix = endsWord ? "" : norm.substring(e, we);
            for (int k = forms.firstReading(formId), end = forms.endReading(formId); k < end; k++) {
                int surface = forms.surface(k);
                int kind = forms.kind(k);
                boolean bare = kind == AffixRules.SURFACE && prefix.isEmpty() && suffix.isEmpty();
                if (bare || affixes.accepts(dictionary.surface(surface), kind, prefix, suffix)) {
                    found.add(surface, ws, we, bare);
                }
            }
        });
        found.forEachKept((surface, s, e) -> {
            if (nt.alignsWithOriginal(s, e)) {
                sink.match(surface, nt.originalStart(s), nt.originalEnd(e - 1));
            }
        });
    }

    /** The word boundary at most {@code max} chars before {@code pos}, or -1. */
    private static int wordStart(WordBoundaries words, int pos, int max) {
        for (int i = pos - 1; i >= 0 && pos - i <= max; i--) {
            if (words.isBoundary(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The word boundary at most {@code max} chars after {@code pos}, or -1. */
    private static int wordEnd(WordBoundaries words, int length, int pos, int max) {
        for (int i = pos + 1; i <= length && i - pos <= max; i++) {
            if (words.isBoundary(i)) {
                return i;
            }
        }
        return -1;
    }

    private List<Candidate> englishCandidates(int id) {
        List<Candidate> cached = englishCache[id];
        if (cached != null) {
            return cached;
        }
        List<Candidate> local = dictionary.candidates(id);
        List<Candidate> mapped;
        if (dictionary.entitySpace() == EntitySpace.ENGLISH) {
            mapped = List.copyOf(local);
        } else {
            Map<String, Float> merged = new LinkedHashMap<>();
            for (Candidate c : local) {
                String en = kb.toEnglish(dictionary.language(), c.entity());
                if (en != null) {
                    merged.merge(en, c.commonness(), (a, b) -> Math.min(1f, a + b));
                }
            }
            List<Candidate> list = new ArrayList<>(merged.size());
            merged.forEach((title, p) -> list.add(new Candidate(title, p)));
            list.sort(Comparator.comparingDouble((Candidate c) -> -c.commonness()).thenComparing(Candidate::entity));
            mapped = List.copyOf(list);
        }
        englishCache[id] = mapped;
        return mapped;
    }
}
