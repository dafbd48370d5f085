package org.boe4j.bench.peers;

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
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Peer of boe4j's {@code EncoderForwardBenchmark}: the original TensorFlow graph of M-BERT ({@link TfSavedModel}),
 * run with TensorFlow Java 1.1.0 on the same [B, 128] token ids (the formula of boe4j's {@code SyntheticIds}:
 * [CLS], {@code 1000 + (b*7919 + t*104729) mod 100000}, [SEP]; mask 1, segment 0), fetching the same two outputs
 * (sequence and pooled). Threads: intra-op = {@code -Dboe4j.peer.threads} (default: OMP_NUM_THREADS, else 2),
 * inter-op 1, matching libnd4j's OpenMP threads in the boe4j run. Length is fixed at 128 by the graph.
 *
 * <p>Output check: sum of |sequence_output| must be finite and within 1e-4 of the first call's; it is printed at
 * tear-down next to boe4j's (the two models compute the same function: boe4j's parity tests compare them at 5.7e-5).
 *
 * <p>Warm-up and forks: as boe4j's benchmark (2 x 5 s warm-up, 5 x 10 s, one fork, 2 GB heap); TF allocates its
 * own native memory outside JavaCPP's accounting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TfForwardBenchmark {

    @Param({"1", "8", "32"})
    public int batch;

    private SavedModelBundle bundle;
    private Session session;
    private TInt32 ids;
    private TInt32 mask;
    private TInt32 segments;
    private float[] scratch;
    private double expected = Double.NaN;
    private int threads;

    static int[] ids(int batch, int length) {
        int[] ids = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = t == 0 ? 101 : t == length - 1 ? 102
                        : 1000 + (int) ((b * 7919L + t * 104729L) % 100000);
            }
        }
        return ids;
    }

    static int threads() {
        String p = System.getProperty("boe4j.peer.threads");
        String env = System.getenv("OMP_NUM_THREADS");
        return Integer.parseInt(p != null ? p : env != null ? env : "2");
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        threads = threads();
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1).build();
        bundle = SavedModelBundle.loader(TfSavedModel.unpacked().toString()).withTags("serve")
                .withConfigProto(config).load();
        session = bundle.session();
        int t = TfSavedModel.LENGTH;
        int[] ones = new int[batch * t];
        java.util.Arrays.fill(ones, 1);
        ids = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(ids(batch, t), true, false));
        mask = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(ones, true, false));
        // explicit zeros: tensorOf(shape) alone does not promise initialised memory
        segments = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(new int[batch * t], true, false));
        scratch = new float[batch * t * 768];
        System.out.printf(Locale.ROOT, "%nTensorFlow Java forward B=%d T=%d, intra-op threads %d%n", batch, t, threads);
    }

    @Benchmark
    public double forward() {
        try (Result r = session.runner().feed("input_ids:0", ids).feed("input_mask:0", mask)
                .feed("segment_ids:0", segments).fetch(TfSavedModel.SEQUENCE_OUTPUT).fetch(TfSavedModel.POOLED_OUTPUT)
                .run()) {
            TFloat32 seq = (TFloat32) r.get(0);
            TFloat32 pooled = (TFloat32) r.get(1);
            if (seq.shape().numDimensions() != 3 || seq.shape().size(0) != batch || seq.shape().size(2) != 768) {
                throw new IllegalStateException("sequence_output shape " + seq.shape());
            }
            seq.copyTo(DataBuffers.of(scratch, false, false));
            double sum = 0;
            for (float v : scratch) {
                sum += Math.abs(v);
            }
            if (!Double.isFinite(sum)) {
                throw new IllegalStateException("non-finite sequence_output");
            }
            if (Double.isNaN(expected)) {
                expected = sum;
            } else if (Math.abs(sum - expected) > 1e-4 * expected) {
                throw new IllegalStateException("sequence_output changed: " + sum + " vs " + expected);
            }
            return sum + pooled.getFloat(0, 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf(Locale.ROOT, "checksum sum|sequence_output| B=%d T=%d: %.6e%n", batch, TfSavedModel.LENGTH,
                expected);
        ids.close();
        mask.close();
        segments.close();
        bundle.close();
    }
}
