package org.boe4j.bench;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The machine's float32 GEMM ceiling through the same backend the encoder uses: {@code C = A·B} with ND4J's
 * {@code mmuli} (nd4j-native's BLAS, OpenBLAS) on n x n matrices, into a preallocated C. GFLOP/s = 2n³ / (s/op) / 1e9;
 * docs/benchmarks.md divides the encoder's FLOP rate by it ("% of sgemm peak"). n = 2048 is issue 6's reference;
 * n = 768 is the size of BERT's attention projections.
 *
 * <p>Output check: after each product one entry C[i][j] (i, j cycling) is compared with a Java double-precision
 * dot product of row i of A and column j of B (relative error <= 1e-4), and returned.
 *
 * <p>Warm-up and forks: 3 x 2 s warm-up (OpenBLAS thread pool start, page faults of C), 5 x 5 s measured, one fork,
 * fixed 1 GB heap / 2 GB off-heap. Threads: {@code OMP_NUM_THREADS} (run.sh: 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g"})
public class SgemmBenchmark {

    @Param({"2048"})
    public int n;

    private INDArray a;
    private INDArray b;
    private INDArray c;
    private float[] aData;
    private float[] bData;
    private int probe;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(3);
        a = Nd4j.rand(DataType.FLOAT, n, n).subi(0.5);
        b = Nd4j.rand(DataType.FLOAT, n, n).subi(0.5);
        c = Nd4j.create(DataType.FLOAT, n, n);
        aData = a.data().asFloat();
        bData = b.data().asFloat();
        System.out.printf(Locale.ROOT, "%nsgemm n=%d (%.2f GFLOP per product), OMP threads %d%n", n,
                2.0 * n * n * n / 1e9, Nd4j.getEnvironment().maxThreads());
    }

    @Benchmark
    public double mmul() {
        a.mmuli(b, c);
        int i = probe % n;
        int j = (probe * 31 + 7) % n;
        probe++;
        double ref = 0;
        for (int k = 0; k < n; k++) {
            ref += (double) aData[i * n + k] * bData[k * n + j];
        }
        double got = c.getDouble(i, j);
        if (Math.abs(got - ref) > 1e-4 * Math.max(1.0, Math.abs(ref))) {
            throw new IllegalStateException("C[" + i + "][" + j + "] = " + got + ", expected " + ref);
        }
        return got;
    }
}
