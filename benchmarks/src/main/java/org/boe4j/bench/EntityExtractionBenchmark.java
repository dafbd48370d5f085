package org.boe4j.bench;

import org.boe4j.kb.AffixRules;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;
import org.boe4j.kb.build.icu.IcuKbBuilder;
import org.boe4j.kb.build.icu.Sib200Text;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Mention extraction speed (normalise + Aho-Corasick + boundaries + English mapping) over all SIB-200 text of
 * one language with the ICU default KB. One operation = one document (sentence, taken in turn), so JMH's
 * ops/s is documents/s; MB/s = documents/s x mean UTF-8 bytes per document (printed in setup).
 *
 * <p>Warm-up and forks: the extractor is pure Java with no native code, so 3 warm-up iterations of 2 s let
 * C2 compile the automaton loop; one fork with a fixed 1 GB heap is enough for a component whose result is
 * compared against an encoder doing a few documents per second. Each invocation checks the document's mention
 * count against a first pass and returns the mentions, so dead-code elimination cannot fake a number.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.boe4j.bench.EntityExtractionBenchmark          # JMH
 * java -cp benchmarks/target/benchmarks.jar org.boe4j.bench.EntityExtractionBenchmark --plain  # one-off timing
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EntityExtractionBenchmark {

    @Param({"eng_Latn", "fra_Latn", "deu_Latn", "jpn_Jpan", "zho_Hans", "ita_Latn", "rus_Cyrl", "spa_Latn"})
    public String language;

    /** Which SIB-200 documents: "all" (train + dev + test, 1,004 per language) or "test" (204). */
    @Param({"all"})
    public String docs;

    /**
     * "language": the language's affix rules, as {@code KnowledgeBase.extractor(lang)} applies them (docs/kb.md
     * "Affixes"; only ru among these 8 has any); "none": exact matching, the extractor before the rules existed.
     */
    @Param({"language", "none"})
    public String affixes;

    private MentionExtractor extractor;
    private List<String> documents;
    private int[] expectedMentions;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        KnowledgeBase kb = IcuKbBuilder.build(IcuKbBuilder.Options.defaults()
                .withLanguages(Sib200Text.LANGUAGES.values())).kb();
        String kbLanguage = Sib200Text.LANGUAGES.get(language);
        extractor = switch (affixes) {
            case "language" -> kb.extractor(kbLanguage);
            case "none" -> kb.extractor(kbLanguage, AffixRules.NONE);
            default -> throw new IllegalArgumentException("affixes must be 'language' or 'none', not '" + affixes + "'");
        };
        documents = switch (docs) {
            case "all" -> Sib200Text.allSentences(language);
            case "test" -> Sib200Text.sentences(language, "test");
            default -> throw new IllegalArgumentException("docs must be 'all' or 'test', not '" + docs + "'");
        };
        expectedMentions = new int[documents.size()];
        int total = 0;
        for (int i = 0; i < documents.size(); i++) {
            expectedMentions[i] = extractor.find(documents.get(i)).size();
            total += expectedMentions[i];
        }
        System.out.printf(Locale.ROOT, "%n%s/%s: %d documents, %.1f UTF-8 bytes per document, %d mentions%n",
                language, docs, documents.size(), bytesPerDocument(documents), total);
    }

    @Benchmark
    public List<Mention> extract() {
        int i = cursor;
        cursor = i + 1 == documents.size() ? 0 : i + 1;
        List<Mention> ms = extractor.find(documents.get(i));
        if (ms.size() != expectedMentions[i]) {
            throw new IllegalStateException("document " + i + ": " + ms.size() + " mentions, first pass found "
                    + expectedMentions[i]);
        }
        return ms;
    }

    static int countAll(MentionExtractor x, List<String> docs) {
        int n = 0;
        for (String d : docs) {
            n += x.find(d).size();
        }
        return n;
    }

    static double bytesPerDocument(List<String> docs) {
        long bytes = 0;
        for (String d : docs) {
            bytes += d.getBytes(StandardCharsets.UTF_8).length;
        }
        return (double) bytes / docs.size();
    }

    /** Runs JMH, or with {@code --plain} a one-off timing over all SIB-200 text of the 8 languages. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--plain")) {
            plain();
            return;
        }
        Options opts = new OptionsBuilder().include(EntityExtractionBenchmark.class.getSimpleName())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result("entity-extraction.json").build();
        new Runner(opts).run();
    }

    /** Warm-up passes, then timed passes over every document of every language; prints docs/s and MB/s. */
    static void plain() {
        long b0 = System.nanoTime();
        KnowledgeBase kb = IcuKbBuilder.build(IcuKbBuilder.Options.defaults()
                .withLanguages(Sib200Text.LANGUAGES.values())).kb();
        double buildSeconds = (System.nanoTime() - b0) / 1e9;
        List<MentionExtractor> extractors = new ArrayList<>();
        List<List<String>> docs = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        for (Map.Entry<String, String> e : Sib200Text.LANGUAGES.entrySet()) {
            extractors.add(kb.extractor(e.getValue()));
            List<String> d = Sib200Text.allSentences(e.getKey());
            docs.add(d);
            for (String s : d) {
                bytes += s.getBytes(StandardCharsets.UTF_8).length;
            }
            count += d.size();
        }
        int expected = 0;
        for (int pass = 0; pass < 5; pass++) { // warm-up
            expected = 0;
            for (int l = 0; l < docs.size(); l++) {
                expected += countAll(extractors.get(l), docs.get(l));
            }
        }
        int passes = 10;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            int n = 0;
            for (int l = 0; l < docs.size(); l++) {
                n += countAll(extractors.get(l), docs.get(l));
            }
            if (n != expected) {
                throw new IllegalStateException("mention count changed");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // CPU time of this thread: the fair figure on a shared machine, where wall time includes waiting for a core
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "ICU KB built in %.1f s; %d documents, %.2f MB UTF-8, %d mentions per pass%n",
                buildSeconds, count, bytes / 1e6, expected);
        System.out.printf(Locale.ROOT, "%d passes in %.2f s wall: %.0f documents/s, %.2f MB/s (1 thread)%n", passes,
                seconds, passes * count / seconds, passes * bytes / 1e6 / seconds);
        System.out.printf(Locale.ROOT, "%d passes in %.2f s CPU:  %.0f documents/s, %.2f MB/s per busy core%n", passes,
                cpuSeconds, passes * count / cpuSeconds, passes * bytes / 1e6 / cpuSeconds);
    }
}
