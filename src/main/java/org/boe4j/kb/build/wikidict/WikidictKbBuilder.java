package org.boe4j.kb.build.wikidict;

import org.boe4j.io.Progress;
import org.boe4j.kb.EntitySpace;
import org.boe4j.kb.InterlanguageMap;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.LanguageDictionary;
import org.boe4j.kb.SurfaceNormalizer;
import org.boe4j.wiki.WikiTitles;
import org.boe4j.kb.build.wordfreq.LinkProbabilityEstimate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Builds a KB from the crosswikis anchor dictionary ({@code wikidict.tab.gz}, {@link WikidictArtifact}): one row
 * per surface, {@code surface<TAB>English title<TAB>score}, the score being p(e|m) of that surface's most common
 * entity. The dictionary names no language, so a surface is offered to every requested language written in its
 * script, and {@link LinkProbabilityEstimate} decides per language (no labelled or parallel text of any target
 * language is used). All candidates are English titles ({@link EntitySpace#ENGLISH}).
 *
 * <p>Per row, in order (each drop counted in the header notes, {@code wikidict.dropped.<reason>}):
 * <ol>
 *   <li>{@link JunkRules}: web anchors and non-article titles;</li>
 *   <li>{@link ForeignTitles}: titles that are not English (cannot be mapped without a title list: dropped);</li>
 *   <li>{@code rare-entity}: the title has fewer than {@code minVariants} distinct non-junk surfaces in the file (an
 *       entity prior from the dictionary itself: "Paris" has hundreds of anchor variants, most noise rows'
 *       titles few; the file is grouped by title, so this is counted while streaming);</li>
 *   <li>{@code long}: more than {@code maxMentionLength} code points after normalisation;</li>
 *   <li>{@code low-score}: score &lt; minCommonness;</li>
 *   <li>per language, lp &lt; minLinkProbability by the estimate (script, length, stopword, lower-case common
 *       word, frequency excess).</li>
 * </ol>
 * Surfaces that normalise alike ("Paris", "paris") are merged: their candidates are united (an entity given twice
 * keeps the larger score) and lp is the largest of the rows'. p(e|m) = the score (commonness); an entity's score is
 * not renormalised (the other candidates of a surface are not in the file).
 *
 * <p>Memory: one title group of rows at a time while streaming, plus the kept surfaces once (shared by the
 * languages: per language only an lp array). Nothing is written until the whole file has been read.
 */
public final class WikidictKbBuilder {

    /** Default entity prior: titles with at least this many anchor variants (see class comment). */
    public static final int DEFAULT_MIN_VARIANTS = 1;
    /**
     * Default lp threshold of this builder: 0.1, not Wikipedia2Vec's 0.01, because the estimate is a ratio of word
     * frequencies: 0.1 drops a surface used as an ordinary word of L more than 10 times as often as in any other
     * language (or than Zipf 4), i.e. Zipf_L > max(Zipf_ref, 4) + 1 ("quality", "length" in English: capitalised
     * titles of films and bands in the dictionary). Chosen from that reading, not tuned on any target language.
     */
    public static final double DEFAULT_MIN_LINK_PROBABILITY = 0.1;

    /** What to build. */
    public record Options(List<String> languages, KbOptions kbOptions, int minVariants, long maxMalformedLines) {
        public Options {
            languages = List.copyOf(languages);
            if (languages.isEmpty() || languages.size() > 64) {
                throw new IllegalArgumentException("1 to 64 languages per build, found " + languages.size());
            }
            if (minVariants < 1) {
                throw new IllegalArgumentException("minVariants must be >= 1, found " + minVariants);
            }
        }

        public static Options defaults(List<String> languages) {
            return new Options(languages, KbOptions.defaults().withThresholds(DEFAULT_MIN_LINK_PROBABILITY,
                    KbOptions.DEFAULT_MIN_COMMONNESS), DEFAULT_MIN_VARIANTS, 1000);
        }

        public Options withMinVariants(int n) {
            return new Options(languages, kbOptions, n, maxMalformedLines);
        }

        public Options withKbOptions(KbOptions o) {
            return new Options(languages, o, minVariants, maxMalformedLines);
        }

        public Options withMaxMalformedLines(long n) {
            return new Options(languages, kbOptions, minVariants, n);
        }
    }

    /**
     * A kept surface: candidates (title ids, scores, and the languages each was kept in: rows that normalise alike
     * can differ there, "Nome" and "nome" in Italian) and per-language lp (0 = not in that language).
     */
    private static final class Entry {
        int[] titles;
        float[] scores;
        long[] languages;
        final float[] lp;

        Entry(int languages) {
            lp = new float[languages];
        }

        void add(int title, float score, long languageMask) {
            if (titles == null) {
                titles = new int[] {title};
                scores = new float[] {score};
                languages = new long[] {languageMask};
                return;
            }
            for (int i = 0; i < titles.length; i++) {
                if (titles[i] == title) {
                    scores[i] = Math.max(scores[i], score);
                    languages[i] |= languageMask;
                    return;
                }
            }
            titles = Arrays.copyOf(titles, titles.length + 1);
            scores = Arrays.copyOf(scores, scores.length + 1);
            languages = Arrays.copyOf(languages, languages.length + 1);
            titles[titles.length - 1] = title;
            scores[scores.length - 1] = score;
            languages[languages.length - 1] = languageMask;
        }
    }

    private final Options options;
    private final SurfaceNormalizer normalizer;
    private final LinkProbabilityEstimate estimate;
    private final ForeignTitles foreign = new ForeignTitles();
    private final Map<String, Entry> entries = new HashMap<>(1 << 20);
    private final Map<String, Integer> titleIds = new HashMap<>(1 << 16);
    private final List<String> titles = new ArrayList<>();
    private final Map<String, Long> dropped = new TreeMap<>();
    private final long[] keptPerLanguage;
    private final List<WikidictReader.Row> group = new ArrayList<>();
    private final double[] lp;
    private final String[] reason;
    private String groupTitle;
    private long rowsKept;

    public WikidictKbBuilder(Options options) {
        this.options = options;
        this.normalizer = new SurfaceNormalizer(options.kbOptions().caseInsensitive());
        this.estimate = new LinkProbabilityEstimate(options.languages());
        this.keptPerLanguage = new long[options.languages().size()];
        this.lp = new double[options.languages().size()];
        this.reason = new String[options.languages().size()];
    }

    /** Builds from the artifact on the class path ({@code dict == null}) or a named jar / .tab.gz. */
    public static KnowledgeBase build(Path dict, Options options, PrintStream log) throws IOException {
        try (WikidictArtifact.Opened in = WikidictArtifact.open(dict)) {
            return new WikidictKbBuilder(options).build(in.gzip(), in.compressedBytes(), in.source(), log);
        }
    }

    /**
     * Streams one gzip-compressed dictionary and assembles the KB.
     *
     * @param compressedBytes size of {@code gzip} for the progress display (<= 0: unknown)
     */
    public KnowledgeBase build(InputStream gzip, long compressedBytes, KbSource source, PrintStream log)
            throws IOException {
        long[] read = new long[1];
        InputStream counted = new FilterInputStream(gzip) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read[0] += n;
                }
                return n;
            }
        };
        WikidictReader reader = new WikidictReader(source.name(), options.maxMalformedLines());
        try (Progress progress = new Progress("wikidict", compressedBytes, "B", log);
             InputStream plain = new GZIPInputStream(counted, 1 << 16)) {
            reader.read(plain, row -> {
                if (!row.title().equals(groupTitle)) {
                    flushGroup();
                    groupTitle = row.title();
                }
                group.add(row);
                if ((row.line() & 0xFFFF) == 0) {
                    progress.update(read[0], String.format(Locale.ROOT, "%,d lines, %,d surfaces kept",
                            row.line(), entries.size()));
                }
            });
            flushGroup();
            progress.update(read[0]);
        }
        if (reader.malformed() > 0) {
            dropped.put("malformed", reader.malformed());
        }
        return assemble(source, reader);
    }

    private void flushGroup() {
        if (group.isEmpty()) {
            return;
        }
        String title = groupTitle;
        String titleReason = JunkRules.reason("x", title);
        if (titleReason == null) {
            titleReason = foreign.reason(title);
        }
        if (titleReason != null) {
            count(titleReason, group.size());
            group.clear();
            return;
        }
        int variants = 0;
        String[] junkOf = new String[group.size()];
        for (int i = 0; i < group.size(); i++) {
            junkOf[i] = JunkRules.reason(group.get(i).surface(), title);
            if (junkOf[i] == null) {
                variants++;
            }
        }
        String entity = WikiTitles.normalize(title);
        for (int i = 0; i < group.size(); i++) {
            WikidictReader.Row r = group.get(i);
            String junk = junkOf[i];
            if (junk != null) {
                count(junk, 1);
                continue;
            }
            if (variants < options.minVariants()) {
                count("rare-entity", 1);
                continue;
            }
            String m = normalizer.normalize(r.surface());
            if (m.isEmpty() || m.codePointCount(0, m.length()) > options.kbOptions().maxMentionLength()) {
                count("long", 1);
                continue;
            }
            if (r.score() < options.kbOptions().minCommonness()) {
                count("low-score", 1);
                continue;
            }
            estimate.estimate(r.surface(), m, lp, reason);
            boolean any = false;
            for (int l = 0; l < lp.length; l++) {
                if (lp[l] >= options.kbOptions().minLinkProbability() && lp[l] > 0) {
                    any = true;
                }
            }
            if (!any) {
                count(firstReason(), 1);
                continue;
            }
            Entry e = entries.computeIfAbsent(m, k -> new Entry(lp.length));
            long mask = 0;
            for (int l = 0; l < lp.length; l++) {
                if (lp[l] >= options.kbOptions().minLinkProbability() && lp[l] > 0) {
                    e.lp[l] = Math.max(e.lp[l], (float) lp[l]);
                    keptPerLanguage[l]++;
                    mask |= 1L << l;
                }
            }
            e.add(titleId(entity), (float) r.score(), mask);
            rowsKept++;
        }
        group.clear();
    }

    /** The reason of a row dropped in every language: the most specific one given. */
    private String firstReason() {
        for (String r : new String[] {"stopword", "lower-case common word", "length"}) {
            for (String x : reason) {
                if (r.equals(x)) {
                    return r;
                }
            }
        }
        for (String x : reason) {
            if (x != null && !x.equals("script")) {
                return x;
            }
        }
        boolean allScript = true;
        for (String x : reason) {
            allScript &= "script".equals(x);
        }
        return allScript ? "script" : "frequency";
    }

    private int titleId(String entity) {
        Integer id = titleIds.get(entity);
        if (id == null) {
            id = titles.size();
            titles.add(entity);
            titleIds.put(entity, id);
        }
        return id;
    }

    private void count(String why, long n) {
        dropped.merge(why, n, Long::sum);
    }

    /** Most common candidate first, ties by title (reproducible files). */
    private void sortCandidates(Entry e) {
        int n = e.titles.length;
        if (n < 2) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> e.scores[a] != e.scores[b] ? Float.compare(e.scores[b], e.scores[a])
                : titles.get(e.titles[a]).compareTo(titles.get(e.titles[b])));
        int[] t = new int[n];
        float[] sc = new float[n];
        long[] la = new long[n];
        for (int j = 0; j < n; j++) {
            t[j] = e.titles[order[j]];
            sc[j] = e.scores[order[j]];
            la[j] = e.languages[order[j]];
        }
        e.titles = t;
        e.scores = sc;
        e.languages = la;
    }

    private KnowledgeBase assemble(KbSource source, WikidictReader reader) {
        String[] surfaces = entries.keySet().toArray(new String[0]);
        Arrays.sort(surfaces);
        Entry[] sorted = new Entry[surfaces.length];
        for (int i = 0; i < surfaces.length; i++) {
            sorted[i] = entries.get(surfaces[i]);
            sortCandidates(sorted[i]);
        }
        entries.clear();
        // title id -> rank in sorted title order, so each language's entity table is in sorted order
        Integer[] byTitle = new Integer[titles.size()];
        for (int t = 0; t < byTitle.length; t++) {
            byTitle[t] = t;
        }
        Arrays.sort(byTitle, (x, y) -> titles.get(x).compareTo(titles.get(y)));
        Map<String, LanguageDictionary> dictionaries = new TreeMap<>();
        for (int l = 0; l < options.languages().size(); l++) {
            String lang = options.languages().get(l);
            int n = 0;
            int pairs = 0;
            boolean[] usedTitle = new boolean[titles.size()];
            for (Entry e : sorted) {
                if (e.lp[l] > 0) {
                    n++;
                    for (int j = 0; j < e.titles.length; j++) {
                        if ((e.languages[j] & (1L << l)) != 0) {
                            pairs++;
                            usedTitle[e.titles[j]] = true;
                        }
                    }
                }
            }
            int[] index = new int[titles.size()];
            List<String> table = new ArrayList<>();
            for (int t : byTitle) {
                if (usedTitle[t]) {
                    index[t] = table.size();
                    table.add(titles.get(t));
                }
            }
            String[] kept = new String[n];
            float[] lps = new float[n];
            int[] start = new int[n + 1];
            int[] ent = new int[pairs];
            float[] com = new float[pairs];
            int i = 0;
            int k = 0;
            for (int si = 0; si < sorted.length; si++) {
                Entry e = sorted[si];
                if (e.lp[l] <= 0) {
                    continue;
                }
                kept[i] = surfaces[si];
                lps[i] = e.lp[l];
                start[i] = k;
                for (int j = 0; j < e.titles.length; j++) {
                    if ((e.languages[j] & (1L << l)) != 0) {
                        ent[k] = index[e.titles[j]];
                        com[k] = e.scores[j];
                        k++;
                    }
                }
                i++;
            }
            start[n] = k;
            dictionaries.put(lang, new LanguageDictionary(lang, EntitySpace.ENGLISH, table.toArray(new String[0]), kept,
                    lps, start, ent, com));
        }
        Map<String, String> notes = new TreeMap<>();
        notes.put("builder", "org.boe4j.kb.build.wikidict.WikidictKbBuilder");
        notes.put("wikidict.licence", WikidictArtifact.LICENCE);
        notes.put("wikidict.commonness", "the dictionary's score (p(e|m) of the surface's top entity), not renormalised");
        notes.put("wikidict.linkProbability", "LinkProbabilityEstimate: script, length, Lucene stopwords, lower-case "
                + "common word (wordfreq Zipf >= 4), frequency excess min(1, f_ref / f_L); no target-language labelled "
                + "or parallel data; see docs/kb.md");
        notes.put("wikidict.minVariants", Integer.toString(options.minVariants()));
        notes.put("wikidict.lines", Long.toString(reader.lines()));
        notes.put("wikidict.rowsKept", Long.toString(rowsKept));
        if (reader.firstMalformed() != null) {
            notes.put("wikidict.firstMalformed", reader.firstMalformed());
        }
        dropped.forEach((k, v) -> notes.put("wikidict.dropped." + k, Long.toString(v)));
        for (int l = 0; l < keptPerLanguage.length; l++) {
            notes.put("wikidict.rowsKept." + options.languages().get(l), Long.toString(keptPerLanguage[l]));
        }
        List<KbSource> sources = new ArrayList<>();
        sources.add(source);
        sources.add(new KbSource("wordfreq", "wordfreq small lists (Robyn Speer), commit 912caf6", "", -1,
                "CC BY-SA 4.0; embedded in boe4j: org/boe4j/kb/wordfreq/"));
        sources.add(new KbSource("stopwords", "org.apache.lucene:lucene-analysis-common:9.12.3", "", -1,
                "Lucene/snowball stopword lists (Apache-2.0 / BSD)"));
        InterlanguageMap none = new InterlanguageMap();
        KbHeader header = new KbHeader(KbFile.FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ArrayList<>(dictionaries.keySet()), options.kbOptions(), sources,
                KbBuilder.countsOf(dictionaries, none), notes);
        return new KnowledgeBase(header, dictionaries, none);
    }
}
