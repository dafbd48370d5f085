package org.boe4j.bench;

import org.boe4j.kb.build.icu.Sib200Text;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.Encoding;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * M-BERT word-piece tokenization ({@link BertTokenizer}: DJL's binding of HF tokenizers with the converted
 * tokenizer.json, plus our code-point offset mapping) of real SIB-200 sentences, from the resources embedded in
 * boe4j ({@code org/boe4j/data/sib200}). One operation = one sentence, taken in turn, so ops/s = sentences/s.
 * {@code language = all} interleaves the 8 languages' 1,004 sentences each.
 *
 * <p>Output check: each sentence's id count must equal the first pass's, and the encoding is returned.
 *
 * <p>Warm-up and forks: the Rust tokenizer is native, the Java side (offset mapping, JNI arrays) needs C2: 3 x 2 s
 * warm-up, 5 x 2 s measured, one fork, fixed 1 GB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g"})
public class TokenizationBenchmark {

    @Param({"all", "eng_Latn", "jpn_Jpan"})
    public String language;

    private BertTokenizer tokenizer;
    private List<String> sentences;
    private int[] expectedIds;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        tokenizer = BertTokenizer.load(BenchWeights.dir());
        sentences = new ArrayList<>();
        if (language.equals("all")) {
            List<List<String>> perLanguage = new ArrayList<>();
            for (String code : Sib200Text.LANGUAGES.keySet()) {
                perLanguage.add(Sib200Text.allSentences(code));
            }
            for (int i = 0; i < perLanguage.get(0).size(); i++) {
                for (List<String> l : perLanguage) {
                    if (i < l.size()) {
                        sentences.add(l.get(i));
                    }
                }
            }
        } else {
            sentences.addAll(Sib200Text.allSentences(language));
        }
        expectedIds = new int[sentences.size()];
        long ids = 0;
        for (int i = 0; i < sentences.size(); i++) {
            expectedIds[i] = tokenizer.encode(sentences.get(i)).ids().length;
            ids += expectedIds[i];
        }
        System.out.printf(Locale.ROOT, "%n%s: %d sentences, %.1f ids per sentence%n", language, sentences.size(),
                (double) ids / sentences.size());
    }

    @Benchmark
    public Encoding encode() {
        int i = cursor;
        cursor = i + 1 == sentences.size() ? 0 : i + 1;
        Encoding e = tokenizer.encode(sentences.get(i));
        if (e.ids().length != expectedIds[i]) {
            throw new IllegalStateException("sentence " + i + ": " + e.ids().length + " ids, first pass "
                    + expectedIds[i]);
        }
        return e;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tokenizer.close();
    }
}
