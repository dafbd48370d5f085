package org.boe4j.kb.build.wordfreq;

import org.apache.lucene.analysis.CharArraySet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stopword lists of Lucene's analyzers ({@code lucene-analysis-common} 9.12.3, Apache-2.0; the snowball lists
 * are BSD): function words that a dictionary surface must never be ("того", "die", "la"). English uses the
 * snowball list (174 words) rather than Lucene's 33-word default. Japanese and Chinese have none in this module
 * (their analyzers live elsewhere): the frequency and length rules cover them.
 */
public final class Stopwords {

    private static final Map<String, String> SNOWBALL = Map.ofEntries(
            Map.entry("en", "english"), Map.entry("fr", "french"), Map.entry("de", "german"),
            Map.entry("it", "italian"), Map.entry("es", "spanish"), Map.entry("ru", "russian"),
            Map.entry("pt", "portuguese"), Map.entry("nl", "dutch"), Map.entry("sv", "swedish"),
            Map.entry("da", "danish"), Map.entry("fi", "finnish"), Map.entry("hu", "hungarian"),
            Map.entry("no", "norwegian"), Map.entry("nb", "norwegian"), Map.entry("id", "indonesian"));
    private static final Set<String> PLAIN = Set.of("ar", "bg", "bn", "ca", "el", "fa", "hi",
            "hy", "lt", "lv", "ne", "ro", "ta", "te", "th", "tr", "eu", "ga", "gl", "sr", "et", "ckb");
    private static final Map<String, Optional<CharArraySet>> CACHE = new ConcurrentHashMap<>();

    private Stopwords() {
    }

    /** The stopwords of a language (lower case), or null when Lucene has none. */
    public static CharArraySet of(String language) {
        return CACHE.computeIfAbsent(language, Stopwords::load).orElse(null);
    }

    private static Optional<CharArraySet> load(String language) {
        String resource;
        boolean snowball;
        if (SNOWBALL.containsKey(language)) {
            resource = "/org/apache/lucene/analysis/snowball/" + SNOWBALL.get(language) + "_stop.txt";
            snowball = true;
        } else if (PLAIN.contains(language)) {
            resource = "/org/apache/lucene/analysis/" + language + "/stopwords.txt";
            snowball = false;
        } else {
            return Optional.empty();
        }
        try (InputStream in = CharArraySet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lucene stopword resource " + resource + " is not on the class path");
            }
            CharArraySet set = new CharArraySet(256, true);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                // snowball format: words after '|' are comments, several words may share a line
                String content = snowball ? line.replaceAll("\\|.*", "") : line.replaceAll("#.*", "");
                for (String w : content.trim().split("\\s+")) {
                    if (!w.isEmpty()) {
                        set.add(w);
                    }
                }
            }
            return Optional.of(CharArraySet.unmodifiableSet(set));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
