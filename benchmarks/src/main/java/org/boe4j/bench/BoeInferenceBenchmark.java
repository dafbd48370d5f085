package org.boe4j.bench;

import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityVectors;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.icu.IcuKbBuilder;
import org.boe4j.kb.build.icu.Sib200Text;
import org.boe4j.model.BoeModel;
import org.boe4j.model.DocumentBatch;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.Featurizer;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.boe4j.text.BertTokenizer;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * BoE inference end to end, per document as a user of {@code boe4j predict} sees it: raw SIB-200 test text →
 * tokenize ({@link BertTokenizer}) + extract and link entities (ICU default KB, {@link Featurizer}) → pad into a
 * batch ({@link DocumentBatch}) → M-BERT forward + entity attention + classifier ({@link BoeModel#probabilities}).
 * One operation = one batch of {@code batch} documents taken in turn; documents/s = batch / (s/op). Documents are
 * padded to the batch's longest (SIB-200 sentences are 20-110 word pieces), so this is cheaper than the T = 128
 * encoder benchmark. The entity table is random (values do not change the cost); the head is untrained.
 *
 * <p>Output check: probabilities must be [batch, 7], finite, and every row must sum to 1 (±1e-4); their sum is
 * returned.
 *
 * <p>Warm-up and forks: 2 warm-up iterations of 5 s (SameDiff plans each new T once), 5 x 10 s measured, one fork,
 * fixed 2 GB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=6g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=9g"})
public class BoeInferenceBenchmark {

    @Param({"1", "8"})
    public int batch;

    @Param({"eng_Latn", "jpn_Jpan"})
    public String language;

    private BertTokenizer tokenizer;
    private Featurizer featurizer;
    private BoeModel model;
    private List<String> documents;
    private String kbLanguage;
    private int cursor;
    private long entitiesSeen;
    private long documentsSeen;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        KnowledgeBase kb = IcuKbBuilder.build(IcuKbBuilder.Options.defaults()
                .withLanguages(Sib200Text.LANGUAGES.values())).kb();
        EntityIndex index = EntityIndex.fromKb(kb);
        tokenizer = BertTokenizer.load(BenchWeights.dir(), 128);
        featurizer = new Featurizer(tokenizer, kb, index);
        BertWeights w = BertWeights.load(BenchWeights.dir());
        EntityVectors vectors = EntityVectors.random(index, w.config().hiddenSize(), 1, EntityVectors.DEFAULT_STD);
        INDArray table = Nd4j.create(vectors.data(), new long[]{index.size(), vectors.dimension()}, 'c');
        BoeModel.HeadConfig head = new BoeModel.HeadConfig(ModelVariant.BOE, TaskType.SINGLE_LABEL,
                TrainingStepBenchmark.LABELS, 32);
        model = BoeModel.attach(BertModel.load(w.config(), w.tensors()), head, table);
        documents = Sib200Text.sentences(language, "test");
        kbLanguage = Sib200Text.LANGUAGES.get(language);
        System.out.printf(Locale.ROOT, "%nBoE inference %s B=%d: %d test documents, %d KB entities, OMP threads %d%n",
                language, batch, documents.size(), index.size(), Nd4j.getEnvironment().maxThreads());
    }

    @Benchmark
    public double predict() {
        List<String> texts = new java.util.ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            texts.add(documents.get(cursor));
            cursor = cursor + 1 == documents.size() ? 0 : cursor + 1;
        }
        List<DocumentFeatures> features = featurizer.featurize(texts, kbLanguage);
        for (DocumentFeatures f : features) {
            entitiesSeen += f.entities().size();
        }
        documentsSeen += batch;
        DocumentBatch b = DocumentBatch.of(features, null, TrainingStepBenchmark.LABELS.size(), 32,
                model.entityTableRows(), DataType.FLOAT);
        INDArray p = model.probabilities(b.inputs(), b.entities());
        try {
            if (p.rows() != batch || p.columns() != TrainingStepBenchmark.LABELS.size()) {
                throw new IllegalStateException("probabilities shape " + java.util.Arrays.toString(p.shape()));
            }
            double total = 0;
            for (int r = 0; r < batch; r++) {
                double s = p.getRow(r).sumNumber().doubleValue();
                if (!(Math.abs(s - 1) <= 1e-4)) {
                    throw new IllegalStateException("row " + r + " of the probabilities sums to " + s);
                }
                total += s;
            }
            return total;
        } finally {
            p.close();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf(Locale.ROOT, "%n%.2f linked entities per document%n", (double) entitiesSeen / documentsSeen);
        PeakRss.report("BoeInferenceBenchmark.predict", "batch=" + batch + ",language=" + language);
        tokenizer.close();
    }
}
