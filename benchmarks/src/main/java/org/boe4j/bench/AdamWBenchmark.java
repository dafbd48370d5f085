package org.boe4j.bench;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertParameters;
import org.boe4j.train.AdamW;
import org.boe4j.train.AdamWConfig;
import org.boe4j.train.LearningRateSchedule;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link AdamW} update (global-norm clipping, decoupled decay, both moments, bias correction) over every
 * parameter of M-BERT: the shapes of {@link BertParameters#expectedShapes} for the real config.json (177.9M
 * values; the weights' values do not matter to the arithmetic, so random parameters and gradients are used and
 * the weights file is only read for its configuration).
 *
 * <p>Memory traffic per step, the figure of merit for a bandwidth-bound update: the norm reads g (4 bytes/value),
 * the update reads p, g, m, v and writes p, m, v plus scratch traffic; docs/benchmarks.md converts ms/op into GB/s.
 *
 * <p>Output check: clipping is off (max norm = infinity) so the gradients are never rescaled and the reported
 * global norm must be identical on every step; the norm and one parameter value are returned.
 *
 * <p>Warm-up and forks: 2 warm-up iterations of 2 s, 5 of 5 s, one fork; fixed 1 GB heap and 6 GB off-heap
 * (parameters, gradients and two moments are 4 x 0.71 GB, plus one scratch buffer of the largest tensor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=6g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g"})
public class AdamWBenchmark {

    private AdamW optimizer;
    private Map<String, INDArray> gradients;
    private INDArray probe;
    private double expectedNorm = Double.NaN;
    long values;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BertConfig config = BertConfig.read(BenchWeights.dir().resolve("config.json"));
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        gradients = new LinkedHashMap<>();
        Nd4j.getRandom().setSeed(1);
        for (Map.Entry<String, long[]> e : BertParameters.expectedShapes(config).entrySet()) {
            parameters.put(e.getKey(), Nd4j.rand(DataType.FLOAT, e.getValue()).subi(0.5).muli(0.1));
            gradients.put(e.getKey(), Nd4j.rand(DataType.FLOAT, e.getValue()).subi(0.5).muli(1e-3));
            values += parameters.get(e.getKey()).length();
        }
        probe = parameters.values().iterator().next();
        optimizer = AdamW.forBert(parameters, AdamWConfig.defaults().withMaxGradNorm(Double.POSITIVE_INFINITY),
                LearningRateSchedule.constant());
        System.out.printf(Locale.ROOT, "%nAdamW over %d tensors, %,d values, OMP threads %d%n", parameters.size(),
                values, Nd4j.getEnvironment().maxThreads());
    }

    @Benchmark
    public double step() {
        AdamW.StepReport r = optimizer.step(gradients);
        if (Double.isNaN(expectedNorm)) {
            expectedNorm = r.gradNorm();
        } else if (Math.abs(r.gradNorm() - expectedNorm) > 1e-6 * expectedNorm) {
            throw new IllegalStateException("gradient norm changed: " + r.gradNorm() + " vs " + expectedNorm);
        }
        double p = probe.getDouble(0);
        if (!Double.isFinite(p)) {
            throw new IllegalStateException("parameter became " + p);
        }
        return r.gradNorm() + p;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PeakRss.report("AdamWBenchmark.step", "values=" + values);
    }
}
