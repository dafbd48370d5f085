package org.boe4j.bench;

import org.boe4j.bert.BertEncoding;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Inference forward pass of the real converted M-BERT (178M parameters, {@link BenchWeights}) on a [B, T] batch of
 * {@link SyntheticIds} (every position real): {@code sequence_output} and {@code pooled_output}, exactly what
 * {@link BertModel#forward(BertInputs)} returns. One operation = one batch; sequences/s = B / (s/op). A forward at
 * T = 128 is ~22.35 GFLOP per sequence (see docs/benchmarks.md for the sgemm limit this is compared with).
 *
 * <p>Output check: every call's {@code sequence_output} must be [B, T, 768] and its sum of |x| must be finite and
 * within 1e-4 (relative) of the first call's — inference is deterministic up to GEMM rounding — and the checksum is
 * returned to JMH, so nothing can be eliminated. Outputs are closed after the check (the caller owns them).
 *
 * <p>Warm-up and forks: one operation takes 0.1 s (1 x 32) to a minute (32 x 512), dominated by native GEMM, so
 * JIT warm-up hardly matters; the 2 warm-up iterations let SameDiff build its execution plan and the allocator
 * reach a steady state. One fork (loading the 714 MB of weights costs ~10 s per fork); fixed 2 GB heap and off-heap
 * limits so runs are comparable and the recorded peak RSS ({@link PeakRss}) means something.
 * Threads: libnd4j's OpenMP threads follow {@code OMP_NUM_THREADS} (run.sh: 2, the machine's cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=10g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=14g"})
public class EncoderForwardBenchmark {

    @Param({"1", "8", "32"})
    public int batch;

    @Param({"32", "128", "512"})
    public int length;

    /** The encoder option: fused Java kernels (bert.fused) or the plain op-by-op graph; run both back to back. */
    @Param({"true", "false"})
    public boolean fused;

    private BertModel model;
    private BertInputs inputs;
    private double expected = Double.NaN;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BertWeights w = BertWeights.load(BenchWeights.dir());
        model = BertModel.load(w.config(), w.tensors(), DataType.FLOAT, fused);
        inputs = BertInputs.of(SyntheticIds.ids(batch, length), SyntheticIds.ones(batch, length), null);
        System.out.printf(Locale.ROOT, "%nencoder forward B=%d T=%d, %s graph, OMP threads %d%n", batch, length,
                model.fused() ? "fused" : "plain",
                Nd4j.getEnvironment().maxThreads());
    }

    @Benchmark
    public double forward() {
        BertEncoding out = model.forward(inputs);
        INDArray seq = out.sequenceOutput();
        try {
            long[] shape = seq.shape();
            if (!Arrays.equals(shape, new long[]{batch, length, model.config().hiddenSize()})) {
                throw new IllegalStateException("sequence_output shape " + Arrays.toString(shape));
            }
            double sum = seq.ameanNumber().doubleValue() * seq.length();
            check(sum);
            return sum + out.pooledOutput().getDouble(0, 0);
        } finally {
            seq.close();
            out.pooledOutput().close();
        }
    }

    private void check(double sum) {
        if (!Double.isFinite(sum)) {
            throw new IllegalStateException("non-finite sequence_output: sum |x| = " + sum);
        }
        if (Double.isNaN(expected)) {
            expected = sum;
        } else if (Math.abs(sum - expected) > 1e-4 * Math.abs(expected)) {
            throw new IllegalStateException("sequence_output changed between calls: sum |x| " + sum + " vs " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PeakRss.report("EncoderForwardBenchmark.forward", "batch=" + batch + ",length=" + length);
        System.out.printf(Locale.ROOT, "checksum sum|sequence_output| B=%d T=%d: %.6e%n", batch, length, expected);
    }
}
