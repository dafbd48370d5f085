package org.boe4j.kb.build.icu;

import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.VersionInfo;
import org.boe4j.kb.EntitySpace;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.SurfaceNormalizer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded default KB, built from ICU4J's locale data alone (no download): names of regions, languages,
 * currencies and time-zone exemplar cities in every language ICU has, each mapped to its English Wikipedia
 * title ({@link IcuEnglishTitles}). The ICU code is the cross-lingual identity, so every language's
 * candidates are English titles directly ({@link EntitySpace#ENGLISH}; no inter-language map needed).
 *
 * <p>There are no anchor statistics, so (documented in docs/kb.md and in the KB header):
 * lp(m) = 1 for every name (a name ICU lists is always meant as that entity), and
 * p(e|m) = 1 / (number of distinct English titles the name m has in that language) (uniform over the
 * candidates: "Panama" -> Panama and Panama City get 0.5 each). Names colliding with ordinary words are
 * dropped by {@link CommonWordFilter} (word-frequency rules, no target-language corpus). The default maximum mention length is 40 code points
 * instead of Wikipedia2Vec's 20, because official names are long ("Bosnia and Herzegovina", 22).
 */
public final class IcuKbBuilder {

    /** Default maximum surface length for the ICU KB (see class comment). */
    public static final int ICU_MAX_MENTION_LENGTH = 40;

    /** What to build. */
    public record Options(Set<String> languages, KbOptions kbOptions, boolean filter) {

        /** All ICU languages, default thresholds with 40-char mentions, the common-word filter on. */
        public static Options defaults() {
            return new Options(Set.of(), KbOptions.defaults().withMaxMentionLength(ICU_MAX_MENTION_LENGTH), true);
        }

        public Options withLanguages(Collection<String> langs) {
            return new Options(new TreeSet<>(langs), kbOptions, filter);
        }

        public Options withFilter(boolean on) {
            return new Options(languages, kbOptions, on);
        }
    }

    /** The KB plus what the build measured. */
    public record Result(KnowledgeBase kb, List<CommonWordFilter.Dropped> dropped, Map<String, Integer> namesPerLanguage,
                         List<String> untitledCodes) {
    }

    private IcuKbBuilder() {
    }

    public static Result build(Options options) {
        IcuNameCollector collector = new IcuNameCollector();
        IcuEnglishTitles titles = new IcuEnglishTitles();
        titles.learnCurrencyUnits(collector.currencies());
        Set<String> languages = options.languages().isEmpty() ? IcuNameCollector.icuLanguages()
                : new TreeSet<>(options.languages());
        SurfaceNormalizer normalizer = new SurfaceNormalizer(options.kbOptions().caseInsensitive());

        Map<String, String> titleCache = new HashMap<>();
        Set<String> untitled = new TreeSet<>();
        // language -> normalised surface -> English titles / ICU spellings
        Map<String, Map<String, Set<String>>> candidates = new TreeMap<>();
        Map<String, Map<String, Set<String>>> forms = new TreeMap<>();
        Map<String, Integer> nameCounts = new TreeMap<>();
        for (String lang : languages) {
            List<IcuName> names = collector.names(lang);
            nameCounts.put(lang, names.size());
            Map<String, Set<String>> cands = candidates.computeIfAbsent(lang, l -> new HashMap<>());
            Map<String, Set<String>> spell = forms.computeIfAbsent(lang, l -> new HashMap<>());
            for (IcuName n : names) {
                String key = n.kind().key() + ":" + n.code();
                String title = titleCache.computeIfAbsent(key, k -> {
                    String t = titles.title(n.kind(), n.code());
                    return t == null ? "" : t;
                });
                if (title.isEmpty()) {
                    untitled.add(key);
                    continue;
                }
                String surface = normalizer.normalize(n.name());
                if (surface.isEmpty()) {
                    continue;
                }
                cands.computeIfAbsent(surface, s -> new TreeSet<>()).add(title);
                spell.computeIfAbsent(surface, s -> new TreeSet<>()).add(n.name());
            }
        }

        List<CommonWordFilter.Dropped> dropped = new ArrayList<>();
        if (options.filter()) {
            dropped.addAll(CommonWordFilter.measure(forms, options.kbOptions().minLinkProbability()));
        }
        Map<String, Set<String>> drop = new HashMap<>();
        for (CommonWordFilter.Dropped d : dropped) {
            drop.computeIfAbsent(d.language(), l -> new HashSet<>()).add(d.surface());
        }
        KnowledgeBase kb = assemble(options, candidates, drop, nameCounts);
        return new Result(kb, dropped, nameCounts, new ArrayList<>(untitled));
    }

    /** The ICU4J jar with its SHA-256 when it is a file on the class path, else its version only. */
    private static KbSource icuSource(int languages) {
        String description = "ICU " + VersionInfo.ICU_VERSION + " / CLDR " + LocaleData.getCLDRVersion()
                + ": region, language, currency and exemplar-city names; " + languages + " languages";
        String name = "com.ibm.icu:icu4j:" + VersionInfo.ICU_VERSION;
        try {
            CodeSource cs = VersionInfo.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                Path jar = Path.of(cs.getLocation().toURI());
                if (Files.isRegularFile(jar)) {
                    KbSource f = KbSource.ofFile("icu4j", jar, description);
                    return new KbSource("icu4j", name + " (" + f.name() + ")", f.sha256(), f.bytes(), description);
                }
            }
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            // not a plain jar file (e.g. a shaded or modular image): the version string is the provenance
        }
        return new KbSource("icu4j", name, "", -1, description);
    }

    /**
     * The demo path: reads {@code cacheFile} when it holds an ICU KB of the same ICU version and languages,
     * else builds one (seconds) and writes it there atomically.
     */
    public static KnowledgeBase loadOrBuild(Path cacheFile, Options options) throws IOException {
        Set<String> wanted = options.languages().isEmpty() ? IcuNameCollector.icuLanguages()
                : new TreeSet<>(options.languages());
        if (Files.isRegularFile(cacheFile)) {
            try {
                KbHeader h = KbFile.readHeader(cacheFile);
                boolean sameIcu = h.sources().stream().anyMatch(s -> s.kind().equals("icu4j")
                        && s.name().startsWith("com.ibm.icu:icu4j:" + VersionInfo.ICU_VERSION + " ")
                        || s.name().equals("com.ibm.icu:icu4j:" + VersionInfo.ICU_VERSION));
                if (sameIcu && new TreeSet<>(h.languages()).equals(wanted) && h.options().equals(options.kbOptions())) {
                    return KbFile.read(cacheFile);
                }
            } catch (IOException stale) {
                // unreadable or old format: rebuild below
            }
        }
        KnowledgeBase kb = build(options).kb();
        KbFile.write(kb, cacheFile);
        return kb;
    }

    private static KnowledgeBase assemble(Options options, Map<String, Map<String, Set<String>>> candidates,
                                          Map<String, Set<String>> drop, Map<String, Integer> nameCounts) {
        KbBuilder b = new KbBuilder(options.kbOptions());
        for (Map.Entry<String, Map<String, Set<String>>> lang : candidates.entrySet()) {
            Set<String> dropHere = drop.getOrDefault(lang.getKey(), Set.of());
            b.entitySpace(lang.getKey(), EntitySpace.ENGLISH);
            for (Map.Entry<String, Set<String>> e : lang.getValue().entrySet()) {
                if (dropHere.contains(e.getKey())) {
                    continue;
                }
                double p = 1.0 / e.getValue().size(); // uniform commonness, see class comment
                for (String title : e.getValue()) {
                    b.addEntry(lang.getKey(), e.getKey(), 1.0, title, p);
                }
            }
        }
        b.addSource(icuSource(nameCounts.size()));
        if (options.filter()) {
            b.addSource(new KbSource("wordfreq", "wordfreq small lists (Robyn Speer), commit 912caf6", "", -1,
                    "CC BY-SA 4.0; embedded in boe4j: org/boe4j/kb/wordfreq/; with Lucene 9.12.3 stopwords"));
        }
        b.note("builder", "org.boe4j.kb.build.icu.IcuKbBuilder");
        b.note("icu.linkProbability", "1 for every name (no anchor statistics)");
        b.note("icu.commonness", "1 / number of distinct English titles of the name in the language");
        b.note("icu.filter", options.filter() ? "CommonWordFilter: single code point, stopword, lower-case common word, "
                + "frequency excess (LinkProbabilityEstimate; no target-language corpus); see docs/kb.md" : "off");
        int dropped = drop.values().stream().mapToInt(Set::size).sum();
        b.note("icu.filter.dropped", Integer.toString(dropped));
        return b.build();
    }
}
