package org.boe4j.model;

import com.google.gson.JsonObject;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.io.Checksums;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code explain} against an independent computation: the test reads the saved tensors itself (head.safetensors,
 * entities.txt), computes h with a separately loaded encoder, and recomputes cos(h, v_e), a = softmax(W_a^T phi),
 * z = sum a v, and both probability vectors (softmax(W(h+z)+b) and softmax(Wh+b)) in plain Java doubles; the bag of
 * entities is the one worked out by hand from the tiny KB. {@code predict} must return explain's "with entities"
 * probabilities bit for bit.
 */
class PredictorTest {

    /** "Paris" [0, 5): Paris 0.8, Paris (mythology) 0.2 (Paris (Mythologie)); "Frankreich" [15, 25): France 1.0. */
    private static final String GERMAN = "Paris liegt in Frankreich.";
    private static final double TOLERANCE = 1e-5;   // float32 graph against double arithmetic, values of order 1

    @TempDir
    Path dir;

    private final KnowledgeBase kb = TinyModels.kb();
    private final EntityIndex index = EntityIndex.fromKb(kb);

    private Path save(BoeModel m, Path encoderDir, String name) throws IOException {
        Path kbFile = TinyModels.writeKb(dir.resolve("tiny.boe4jkb"));
        Path target = dir.resolve(name);
        TrainedModel.save(target, m, encoderDir, index, TinyModels.MAX_LENGTH, 0.5,
                new ModelCard.KbReference(kbFile.toString(), Checksums.sha256(kbFile)), new JsonObject());
        return target;
    }

    private Path frozenModel(ModelVariant variant, Path encoderDir) throws IOException {
        BoeModel head = BoeModel.onFeatures(TinyModels.CONFIG, TinyModels.head(variant, TaskType.SINGLE_LABEL),
                TinyModels.table(index, 4), DataType.FLOAT);
        TinyModels.perturbHead(head, 8);
        return save(head, encoderDir, "model-" + variant.cliName());
    }

    @Test
    void explainMatchesAnIndependentComputationForAHeadOnAFrozenEncoder() throws IOException {
        Path encoderDir = TinyModels.writeEncoder(dir.resolve("mbert"), TinyModels.encoder(6));
        for (ModelVariant variant : List.of(ModelVariant.BOE, ModelVariant.BOE_ATT)) {
            Path modelDir = frozenModel(variant, encoderDir);
            try (TrainedModel model = TrainedModel.load(modelDir)) {
                checkExplanation(new Predictor(model, kb), modelDir, encoderDir, variant);
            }
        }
    }

    /**
     * The gate and commonness options: features = h + g z with the saved g (0.37 here), and the attention score
     * computed with p(e|m) fed as 0; explain reports g and that the feature is off.
     */
    @Test
    void explainMatchesAnIndependentComputationWithAGateAndTheCommonnessFeatureOff() throws IOException {
        Path encoderDir = TinyModels.writeEncoder(dir.resolve("mbert"), TinyModels.encoder(6));
        BoeModel.HeadConfig plain = TinyModels.head(ModelVariant.BOE, TaskType.SINGLE_LABEL);
        BoeModel head = BoeModel.onFeatures(TinyModels.CONFIG, new BoeModel.HeadConfig(plain.variant(), plain.task(),
                plain.labels(), plain.maxEntitiesPerDocument(), new BoeOptions(0.1, false, 0)),
                TinyModels.table(index, 4), DataType.FLOAT);
        TinyModels.perturbHead(head, 8);
        head.parameters().get(BoeModel.GATE).putScalar(0, 0.37);
        Path modelDir = save(head, encoderDir, "model-gated");
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            assertThat(model.card().boe()).isEqualTo(new BoeOptions(0.1, false, 0));
            Explanation e = checkExplanation(new Predictor(model, kb), modelDir, encoderDir, ModelVariant.BOE);
            assertThat(e.gate()).isCloseTo(0.37, within(1e-7));
            assertThat(e.commonnessUsed()).isFalse();
        }
    }

    @Test
    void explainMatchesAnIndependentComputationForAFineTunedModel() throws IOException {
        BoeModel m = BoeModel.attach(TinyModels.encoder(12), TinyModels.head(ModelVariant.BOE, TaskType.SINGLE_LABEL),
                TinyModels.table(index, 13));
        TinyModels.perturbHead(m, 14);
        Path modelDir = save(m, TinyModels.writeTokenizer(dir.resolve("tok")), "full");
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            checkExplanation(new Predictor(model, kb), modelDir, modelDir, ModelVariant.BOE);
        }
    }

    private Explanation checkExplanation(Predictor predictor, Path modelDir, Path encoderDir, ModelVariant variant)
            throws IOException {
        Explanation e = predictor.explain(GERMAN, "de");
        // tokens with their UTF-16 spans
        assertThat(e.tokens().stream().map(Explanation.Token::piece).toList())
                .containsExactly("[CLS]", "Paris", "liegt", "in", "Frankreich", ".", "[SEP]");
        Explanation.Token frankreich = e.tokens().get(4);
        assertThat(new int[]{frankreich.start(), frankreich.end()}).containsExactly(15, 25);
        // mentions, candidates, English mapping, rows
        assertThat(e.mentions()).hasSize(2);
        Explanation.MentionView paris = e.mentions().get(0);
        assertThat(new Object[]{paris.start(), paris.end(), paris.surface()}).containsExactly(0, 5, "Paris");
        assertThat(paris.candidates()).extracting(Explanation.CandidateView::english)
                .containsExactly("Paris", "Paris (mythology)");
        assertThat(paris.candidates().get(1).localTitles()).containsExactly("Paris (Mythologie)");
        assertThat(paris.candidates().get(1).row()).isEqualTo(index.id("Paris (mythology)"));
        assertThat(e.mentions().get(1).candidates().get(0).localTitles()).containsExactly("Frankreich");

        // the bag, worked out by hand: every candidate of every mention, in mention order
        String[] titles = {"Paris", "Paris (mythology)", "France"};
        double[] commonness = {0.8f, 0.2f, 1.0f};
        assertThat(e.bag()).extracting(Explanation.BagEntity::english).containsExactly(titles);
        assertThat(e.entitiesDropped()).isZero();

        // independent inputs: the saved tensors, the saved titles, h from a separately loaded encoder
        float[] table;
        float[] wA = null;
        float[] w;
        float[] b;
        double gate = 1;   // eqs. (5)-(6): h + z, unless the model has the gate option
        boolean commonnessOn = predictor.model().card().boe() == null || predictor.model().card().boe().commonness();
        try (SafetensorsFile f = SafetensorsFile.open(modelDir.resolve("head.safetensors"))) {
            table = f.floats(BoeModel.ENTITY_TABLE);
            if (f.tensors().containsKey(BoeModel.GATE)) {
                gate = f.floats(BoeModel.GATE)[0];
            }
            if (variant.usesAttention()) {
                wA = f.floats(BoeModel.ATTENTION_WEIGHT);
            }
            w = f.floats(ClassifierHead.WEIGHT);
            b = f.floats(ClassifierHead.BIAS);
        }
        List<String> rows = Files.readAllLines(modelDir.resolve("entities.txt"));
        int d = TinyModels.CONFIG.hiddenSize();
        double[] h = independentH(encoderDir);
        assertThat(e.hNorm()).isCloseTo(norm(h), within(TOLERANCE));

        int k = titles.length;
        double[][] v = new double[k][d];
        double[] cos = new double[k];
        double[] score = new double[k];
        for (int i = 0; i < k; i++) {
            int row = rows.indexOf(titles[i]);
            assertThat(e.bag().get(i).row()).isEqualTo(row);
            assertThat((double) e.bag().get(i).commonness()).isEqualTo(commonness[i]);
            for (int j = 0; j < d; j++) {
                v[i][j] = table[row * d + j];
            }
            cos[i] = dot(h, v[i]) / (norm(h) * norm(v[i]));
            if (wA != null) {
                score[i] = wA[0] * cos[i] + wA[1] * (commonnessOn ? commonness[i] : 0);
            }
        }
        double[] a = new double[k];
        double max = Arrays.stream(score).max().orElseThrow();
        double sum = 0;
        for (int i = 0; i < k; i++) {
            a[i] = wA == null ? 1.0 / k : Math.exp(score[i] - max);
            sum += a[i];
        }
        double[] z = new double[d];
        for (int i = 0; i < k; i++) {
            a[i] /= sum;
            Explanation.BagEntity got = e.bag().get(i);
            assertThat(got.attention()).as("a[%d]", i).isCloseTo(a[i], within(TOLERANCE));
            if (wA != null) {
                assertThat(got.cosine()).as("cos[%d]", i).isCloseTo(cos[i], within(TOLERANCE));
                assertThat(got.score()).as("score[%d]", i).isCloseTo(score[i], within(TOLERANCE));
            } else {
                assertThat(got.cosine()).isNull();
            }
            for (int j = 0; j < d; j++) {
                z[j] += a[i] * v[i][j];
            }
        }
        assertThat(e.zNorm()).isCloseTo(norm(z), within(TOLERANCE));
        double[] hz = new double[d];
        for (int j = 0; j < d; j++) {
            hz[j] = h[j] + gate * z[j];
        }
        double[] with = softmax(linear(w, b, hz));
        double[] without = softmax(linear(w, b, h));
        assertThat(e.withEntities().logits()).containsExactly(linear(w, b, hz), within(TOLERANCE));
        assertThat(e.withEntities().probabilities()).containsExactly(with, within(TOLERANCE));
        assertThat(e.withoutEntities().logits()).containsExactly(linear(w, b, h), within(TOLERANCE));
        assertThat(e.withoutEntities().probabilities()).containsExactly(without, within(TOLERANCE));
        // the entity term changes the prediction's numbers (else the test would not see a swapped pair)
        assertThat(Math.abs(with[0] - without[0])).isGreaterThan(1e-3);

        // predict gives explain's "with entities" probabilities, bit for bit, and its label
        Prediction p = predictor.predict(List.of(GERMAN), "de", 16).get(0);
        assertThat(p.probabilities()).containsExactly(e.withEntities().probabilities());
        assertThat(p.labels()).isEqualTo(e.withEntities().predicted());
        // and the bag explain shows, with the same attention weights
        assertThat(p.entities()).hasSameSizeAs(e.bag());
        for (int slot = 0; slot < e.bag().size(); slot++) {
            Explanation.BagEntity seen = e.bag().get(slot);
            assertThat(p.entities().get(slot)).isEqualTo(new Prediction.PredictedEntity(seen.english(),
                    seen.commonness(), seen.mentionStart(), seen.mentionEnd(), seen.attention()));
        }
        // in a batch with other texts (padded), the same numbers up to float rounding
        Prediction batched = predictor.predict(List.of("Berlin ist die Hauptstadt von Deutschland.", GERMAN,
                "Paris"), "de", 16).get(1);
        assertThat(batched.probabilities()).containsExactly(p.probabilities(), within(1e-6));
        return e;
    }

    @Test
    void entitiesBeyondTheLimitAreReportedAsDropped() throws IOException {
        Path encoderDir = TinyModels.writeEncoder(dir.resolve("mbert"), TinyModels.encoder(6));
        try (TrainedModel model = TrainedModel.load(frozenModel(ModelVariant.BOE, encoderDir))) {
            // 5 mentions x 2 candidates = 10 entities; the model keeps 8
            Explanation e = new Predictor(model, kb).explain("Paris, Paris, Paris, Paris, Paris.", "de");
            assertThat(e.bag()).hasSize(8);
            assertThat(e.entitiesDropped()).isEqualTo(2);
            assertThat(e.bag().stream().mapToDouble(Explanation.BagEntity::attention).sum()).isCloseTo(1.0, within(1e-6));
            // a text without entities: z = 0, both probability vectors equal
            Explanation none = new Predictor(model, kb).explain("Italien", "de");
            assertThat(none.mentions()).isEmpty();   // Italien has no English entity
            assertThat(none.bag()).isEmpty();
            assertThat(none.zNorm()).isZero();
            assertThat(none.withEntities().probabilities()).containsExactly(none.withoutEntities().probabilities());
        }
    }

    /** The baseline (h = the final [CLS] state): no entities, both probability vectors softmax(W h + b). */
    @Test
    void explainOfABaselineUsesNoEntities() throws IOException {
        BoeModel m = BoeModel.attach(TinyModels.encoder(21), new BoeModel.HeadConfig(ModelVariant.BASELINE,
                TaskType.SINGLE_LABEL, TinyModels.LABELS, 8), null);
        TinyModels.perturbHead(m, 22);
        Path modelDir = save(m, TinyModels.writeTokenizer(dir.resolve("tok")), "baseline");
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            Predictor predictor = new Predictor(model, null);
            Explanation e = predictor.explain(GERMAN, null);
            assertThat(e.mentions()).isEmpty();
            assertThat(e.bag()).isEmpty();
            float[] w;
            float[] b;
            try (SafetensorsFile f = SafetensorsFile.open(modelDir.resolve("head.safetensors"))) {
                assertThat(f.tensors()).containsOnlyKeys(ClassifierHead.WEIGHT, ClassifierHead.BIAS);
                w = f.floats(ClassifierHead.WEIGHT);
                b = f.floats(ClassifierHead.BIAS);
            }
            double[] cls;
            try (BertTokenizer tokenizer = BertTokenizer.load(modelDir, TinyModels.MAX_LENGTH);
                 BertWeights weights = BertWeights.load(modelDir)) {
                int[] ids = tokenizer.encode(GERMAN).ids();
                int[] mask = new int[ids.length];
                Arrays.fill(mask, 1);
                cls = BertModel.load(weights.config(), weights.tensors())
                        .forward(new int[][]{ids}, new int[][]{mask}, new int[][]{new int[ids.length]})
                        .cls().getRow(0).toDoubleVector();
            }
            assertThat(e.hNorm()).isCloseTo(norm(cls), within(TOLERANCE));
            assertThat(e.withEntities().probabilities()).containsExactly(softmax(linear(w, b, cls)), within(TOLERANCE));
            assertThat(e.withoutEntities().probabilities()).containsExactly(e.withEntities().probabilities());
            assertThat(predictor.predict(List.of(GERMAN), null, 4).get(0).probabilities())
                    .containsExactly(e.withEntities().probabilities());
        }
    }

    private static double[] independentH(Path encoderDir) throws IOException {
        try (BertTokenizer tokenizer = BertTokenizer.load(encoderDir, TinyModels.MAX_LENGTH);
             BertWeights weights = BertWeights.load(encoderDir)) {
            Encoding enc = tokenizer.encode(GERMAN);
            int[] mask = new int[enc.length()];
            Arrays.fill(mask, 1);
            BertModel bert = BertModel.load(weights.config(), weights.tensors());
            INDArray cls = bert.forward(new int[][]{enc.ids()}, new int[][]{mask}, new int[][]{new int[enc.length()]})
                    .cls();
            return cls.getRow(0).toDoubleVector();
        }
    }

    /** W x + b with W [C, D] row-major. */
    private static double[] linear(float[] w, float[] b, double[] x) {
        double[] out = new double[b.length];
        for (int c = 0; c < b.length; c++) {
            double s = b[c];
            for (int j = 0; j < x.length; j++) {
                s += w[c * x.length + j] * x[j];
            }
            out[c] = s;
        }
        return out;
    }

    private static double[] softmax(double[] l) {
        double max = Arrays.stream(l).max().orElseThrow();
        double sum = 0;
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < l.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }
}
