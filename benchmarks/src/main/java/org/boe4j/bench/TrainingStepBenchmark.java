package org.boe4j.bench;

import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.model.BoeModel;
import org.boe4j.model.EntityBatch;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.boe4j.train.AdamW;
import org.boe4j.train.AdamWConfig;
import org.boe4j.train.GradientSums;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Full fine-tuning of the real M-BERT with the BoE head (the paper's setting, {@link BoeModel#attach}) on a batch of
 * B x T {@link SyntheticIds}, 7 labels (SIB-200's topics), dropout on:
 * <ul>
 *   <li>{@code forwardBackward}: {@link BoeModel#lossAndGradients} — forward, loss and the gradient of every
 *       trainable variable (encoder without pooler, entity table, W_a, classifier), as the trainer calls it;</li>
 *   <li>{@code fineTuneStep}: the same, plus summing the gradients as the trainer does ({@link GradientSums}) and one {@link AdamW} step
 *       over all parameters: one whole optimizer step of {@code Trainer} without data loading and logging. Its
 *       peak RSS is the figure issue 6 bounds (<= 8 GB at 8 x 128).</li>
 * </ul>
 * Variant {@code boe}: an entity table of {@value #ENTITY_ROWS} random rows and {@value #ENTITIES_PER_DOC} entities
 * per document (random ids, commonness 0.5); {@code baseline}: M-BERT + classifier only.
 *
 * <p>Output check: the loss must be finite and near ln 7 (the classifier starts near uniform: within [0.5, 5]),
 * every trainable variable must have a gradient, and the checksum (loss + one gradient entry) is returned.
 *
 * <p>Warm-up and forks: a step takes seconds, all native; one warm-up iteration (the first step builds the gradient
 * graph and plans it) and 3 measured iterations of >= 20 s. Each benchmark method runs in its own fork, so the
 * recorded peak RSS belongs to it alone. Fixed 2 GB heap; off-heap limits generous enough for the current
 * implementation (the point is to record its RSS, not to make it fail).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 20)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=14g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=18g"})
public class TrainingStepBenchmark {

    static final int ENTITY_ROWS = 16384;
    static final int ENTITIES_PER_DOC = 8;
    static final List<String> LABELS = List.of("science/technology", "travel", "politics", "sports", "health",
            "entertainment", "geography");

    @Param({"8"})
    public int batch;

    @Param({"128"})
    public int length;

    @Param({"boe"})
    public String variant;

    /** The encoder option: fused Java kernels (bert.fused) or the plain op-by-op graph; run both back to back. */
    @Param({"true", "false"})
    public boolean fused;

    private BoeModel model;
    private BertInputs inputs;
    private EntityBatch entities;
    private INDArray labels;
    private GradientSums accumulators;
    private AdamW optimizer;
    private String probe;
    private String benchmarkName = "";

    @Setup(Level.Trial)
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) throws IOException {
        benchmarkName = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        BertWeights w = BertWeights.load(BenchWeights.dir());
        ModelVariant v = ModelVariant.fromCliName(variant);
        BoeModel.HeadConfig head = new BoeModel.HeadConfig(v, TaskType.SINGLE_LABEL, LABELS, 32);
        INDArray table = v.usesEntities()
                ? Nd4j.randn(0.0, 0.02, new long[]{ENTITY_ROWS, w.config().hiddenSize()}, Nd4j.getRandom())
                .castTo(DataType.FLOAT)
                : null;
        Nd4j.getRandom().setSeed(42);
        model = BoeModel.attach(BertModel.load(w.config(), w.tensors(), DataType.FLOAT, fused), head, table);
        inputs = BertInputs.of(SyntheticIds.ids(batch, length), SyntheticIds.ones(batch, length), null);
        SplittableRandom rnd = new SplittableRandom(7);
        List<List<EntityBatch.Entity>> docs = new ArrayList<>();
        float[][] y = new float[batch][LABELS.size()];
        for (int b = 0; b < batch; b++) {
            List<EntityBatch.Entity> doc = new ArrayList<>();
            for (int k = 0; k < ENTITIES_PER_DOC; k++) {
                doc.add(new EntityBatch.Entity(1 + rnd.nextInt(ENTITY_ROWS - 1), 0.5f));
            }
            docs.add(doc);
            y[b][b % LABELS.size()] = 1f;
        }
        entities = v.usesEntities() ? EntityBatch.of(docs, 32, ENTITY_ROWS, DataType.FLOAT) : null;
        labels = Nd4j.createFromArray(y);
        Map<String, INDArray> parameters = model.parameters();
        probe = parameters.keySet().iterator().next();
        if (benchmarkName.equals("fineTuneStep")) {
            accumulators = new GradientSums(parameters.keySet());
            optimizer = AdamW.forBert(parameters, AdamWConfig.defaults(), LearningRateSchedule.constant());
        }
        long count = parameters.values().stream().mapToLong(INDArray::length).sum();
        System.out.printf(Locale.ROOT, "%n%s %s B=%d T=%d, %s graph: %d trainable tensors, %,d values, OMP threads %d%n",
                benchmarkName, variant, batch, length, model.encoder().fused() ? "fused" : "plain", parameters.size(), count,
                Nd4j.getEnvironment().maxThreads());
    }

    @Benchmark
    public double forwardBackward() {
        BoeModel.LossAndGradients r = model.lossAndGradients(inputs, entities, labels);
        double c = check(r);
        r.gradients().values().forEach(INDArray::close); // as GradientSums frees them: not left to the GC
        return c;
    }

    @Benchmark
    public double fineTuneStep() {
        BoeModel.LossAndGradients r = model.lossAndGradients(inputs, entities, labels);
        double c = check(r);
        accumulators.addAll(r.gradients());
        AdamW.StepReport report = optimizer.step(accumulators.sums());
        accumulators.close();
        if (!Double.isFinite(report.gradNorm())) {
            throw new IllegalStateException("gradient norm " + report.gradNorm());
        }
        return c + report.gradNorm();
    }

    private double check(BoeModel.LossAndGradients r) {
        if (!(r.loss() > 0.5 && r.loss() < 5)) {
            throw new IllegalStateException("loss " + r.loss() + " is not near ln 7 = 1.95");
        }
        if (r.gradients().size() != model.trainableNames().size()) {
            throw new IllegalStateException(r.gradients().size() + " gradients for " + model.trainableNames().size()
                    + " trainable variables");
        }
        double g = r.gradients().get(probe).getDouble(0);
        if (!Double.isFinite(g)) {
            throw new IllegalStateException("gradient of " + probe + " is " + g);
        }
        return r.loss() + g;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PeakRss.report("TrainingStepBenchmark." + benchmarkName,
                "batch=" + batch + ",length=" + length + ",variant=" + variant);
    }
}
