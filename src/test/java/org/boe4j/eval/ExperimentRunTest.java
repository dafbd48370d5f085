package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.boe4j.data.BadRowPolicy;
import org.boe4j.model.ModelVariant;
import org.boe4j.train.AdamWConfig;
import org.boe4j.train.TrainerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The experiment runner end to end on tiny data with a tiny random encoder ({@link TinyEncoder}): it must write the
 * report, and every number in results.json must equal the metric recomputed here, independently, from the run's
 * predictions and the gold labels parsed here from the fixture files (not through the readers).
 */
class ExperimentRunTest {

    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    static Path shared;
    static Path weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyEncoder() throws Exception {
        weights = TinyEncoder.create(shared.resolve("tiny-bert"));
    }

    private static TrainerConfig trainer(double lr) {
        return TrainerConfig.defaults().withEpochs(3).withBatching(4, 1).withPatience(2)
                .withOptimizer(AdamWConfig.defaults().withLearningRate(lr));
    }

    /** Frozen: 2 seeds, 3 epochs; fine-tuned (a step updates all 3.8 M word-embedding weights): 1 seed, 2 epochs. */
    private ExperimentPlan plan(String name, ExperimentData data, List<String> targets, List<ModelVariant> variants,
                                boolean frozen) {
        return new ExperimentPlan(name, dir.resolve("runs").resolve(name), weights, shared.resolve("icu.boe4jkb"), data,
                "en", targets, variants, frozen ? List.of(1L, 2L) : List.of(1L), frozen, 32, 16,
                frozen ? trainer(1e-2) : trainer(1e-3).withEpochs(2), SaveModels.FIRST_SEED, null);
    }

    /** The synthetic MLDoc fixture in {@code mldoc}, English dev doubling as English test (the fixture has none). */
    private static ExperimentData mldocFixture(Path mldoc) throws Exception {
        Files.createDirectories(mldoc);
        for (String f : List.of("english.train.8", "english.dev", "french.test")) {
            ExperimentDataTest.copy("org/boe4j/data/mldoc/" + f, mldoc.resolve(f));
        }
        Files.copy(mldoc.resolve("english.dev"), mldoc.resolve("english.test"));
        return ExperimentData.mldoc(mldoc, ExperimentTask.DOC, BadRowPolicy.FAIL,
                new ExperimentData.Splits("train.8", "dev", "test"));
    }

    // ------------------------------------------------------------------ MLDoc, doc task, fine-tuned encoder

    @Test
    void mldocDocumentClassificationReportEqualsAccuracyAndMacroF1RecomputedFromPredictions() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        ExperimentData data = mldocFixture(mldoc);
        ExperimentPlan plan = plan("mldoc", data, List.of("fr"), List.of(ModelVariant.BASELINE, ModelVariant.BOE), false);
        ExperimentResults results = new Experiment(plan, QUIET).run();

        Path run = plan.runDir();
        for (String f : List.of("table.md", "table.csv", "results.json", "significance.csv", "confusion.md",
                "charts/all.png", "charts/fr.png", "macro-f1/table.md", "macro-f1/results.json")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        String table = Files.readString(run.resolve("table.md"));
        assertThat(table).contains("accuracy in %").contains("## Paper: MLDoc, accuracy").contains("| baseline |")
                .contains("| boe |");
        assertThat(Files.readString(run.resolve("macro-f1/table.md"))).contains("macro-F1 in %").doesNotContain("Paper");
        JsonObject json = parse(run.resolve("results.json"));
        JsonObject macroJson = parse(run.resolve("macro-f1/results.json"));
        assertThat(json.get("metric").getAsString()).isEqualTo("accuracy");

        Map<String, Map<String, String>> gold = Map.of("en", mldocGold(mldoc.resolve("english.test")),
                "fr", mldocGold(mldoc.resolve("french.test")));
        for (String variant : List.of("baseline", "boe")) {
            for (long seed : List.of(1L)) {
                for (String lang : List.of("en", "fr")) {
                    Path p = run.resolve("runs/" + variant + "/seed-" + seed + "/predictions-" + lang + ".jsonl");
                    Predictions pr = Predictions.read(p);
                    assertThat(pr.predicted.keySet()).isEqualTo(gold.get(lang).keySet());
                    int correct = 0;
                    List<String> g = new ArrayList<>();
                    List<String> q = new ArrayList<>();
                    for (String id : pr.predicted.keySet()) {
                        String predicted = pr.predicted.get(id).get(0);
                        assertThat(predicted).isEqualTo(pr.argmax(id)); // doc: the arg-max label
                        correct += predicted.equals(gold.get(lang).get(id)) ? 1 : 0;
                        g.add(gold.get(lang).get(id));
                        q.add(predicted);
                    }
                    double accuracy = (double) correct / g.size();
                    assertThat(value(json, variant, lang, seed)).as(variant + " " + lang + " " + seed)
                            .isCloseTo(accuracy, within(1e-12));
                    assertThat(value(macroJson, variant, lang, seed)).isCloseTo(macroF1(g, q), within(1e-12));
                    assertThat(results.bySeed(variant, lang).get(seed)).isCloseTo(accuracy, within(1e-12));
                }
            }
        }
    }

    /**
     * The model kept for boe seed 1 predicts the French test set as the run did (same probabilities up to float
     * rounding), and a run finished earlier gets the very same model back from its best/ weights.
     */
    @Test
    void mldocKeptModelPredictsWhatTheRunPredictedAndIsRebuiltFromBestWeights() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        ExperimentData data = mldocFixture(mldoc);
        ExperimentPlan plan = plan("kept", data, List.of("fr"), List.of(ModelVariant.BOE), false);
        new Experiment(plan, QUIET).run();
        Path model = plan.runDir().resolve("models/boe/seed-1");
        assertThat(model.resolve("model.json")).isRegularFile();
        assertThat(plan.runDir().resolve("models/boe/seed-2")).doesNotExist();

        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(mldoc.resolve("french.test"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                ids.add(Integer.toString(i + 1));
                texts.add(lines.get(i).substring(lines.get(i).indexOf('\t') + 1));
            }
        }
        Predictions run = Predictions.read(plan.runDir().resolve("runs/boe/seed-1/predictions-fr.jsonl"));
        try (org.boe4j.model.Predictor predictor = org.boe4j.model.Predictor.open(model, null, null)) {
            assertThat(predictor.model().card().encoder().included()).isTrue();
            assertThat(predictor.kbUse().matchesTraining()).isTrue();
            List<org.boe4j.model.Prediction> kept = predictor.predict(texts, "fr", 16);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(kept.get(i).probabilities()).as("document " + ids.get(i))
                        .containsExactly(run.p.get(ids.get(i)), within(1e-6));
            }
        }
        String headSha = org.boe4j.io.Checksums.sha256(model.resolve("head.safetensors"));
        String encoderSha = org.boe4j.io.Checksums.sha256(model.resolve("model.safetensors"));
        org.boe4j.io.AtomicFiles.deleteRecursively(plan.runDir().resolve("models"));
        new Experiment(plan, QUIET).run();   // every run is done: the model comes from best/
        assertThat(org.boe4j.io.Checksums.sha256(model.resolve("head.safetensors"))).isEqualTo(headSha);
        assertThat(org.boe4j.io.Checksums.sha256(model.resolve("model.safetensors"))).isEqualTo(encoderSha);
    }

    /**
     * A non-paper BoE setting end to end (frozen encoder): multilingual-name vectors rescaled to |v| = 0.5, a gate
     * starting at 0.1, entity dropout, the entity table frozen. The table holds only the data's entities; frozen, it
     * leaves training exactly as initialised (every row of norm 0.5); the gate trains; the card and explain show the
     * gate value and each entity's origin (its averaged names).
     */
    @Test
    void aNonPaperBoeSettingIsRecordedAndExplainShowsTheGateAndEachVectorsOrigin() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        ExperimentData data = mldocFixture(mldoc);
        ExperimentPlan base = plan("setting", data, List.of("fr"), List.of(ModelVariant.BOE), true);
        BoeSetup setup = BoeSetup.PAPER.withInit(new org.boe4j.model.EntityInit(
                        org.boe4j.model.EntityInit.Source.NAMES, null, null, org.boe4j.model.EntityNorm.parse("0.5")))
                .withHead(new org.boe4j.model.BoeOptions(0.1, true, 0.2)).withEntityLearningRateScale(0);
        ExperimentPlan plan = new ExperimentPlan(base.name(), base.runDir(), base.weightsDir(), base.kbFile(),
                base.data(), base.source(), base.targets(), base.variants(), List.of(1L), true, base.maxLength(),
                base.maxEntitiesPerDocument(), base.trainer(), SaveModels.FIRST_SEED, setup, dir.resolve("cache"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new Experiment(plan, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("entity table: the ").contains("mean encoding of");
        assertThat(dir.resolve("cache")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("entity-names-"));
        assertThat(plan.runDir().resolve("dev/table.md")).isRegularFile();

        Path model = plan.runDir().resolve("models/boe/seed-1");
        try (org.boe4j.model.Predictor predictor = org.boe4j.model.Predictor.open(model, null, null)) {
            org.boe4j.model.TrainedModel m = predictor.model();
            assertThat(m.card().boe()).isEqualTo(setup.head());
            assertThat(m.card().entityInit()).isEqualTo(setup.init().describe());
            int kbEntities = org.boe4j.kb.EntityIndex.fromKb(org.boe4j.kb.KbFile.read(plan.kbFile())).size();
            assertThat(m.index().size()).isLessThan(kbEntities);
            org.nd4j.linalg.api.ndarray.INDArray table = m.headTensors().get(org.boe4j.model.BoeModel.ENTITY_TABLE);
            for (int r = 1; r < table.rows(); r++) {
                assertThat(table.getRow(r).norm2Number().doubleValue()).as("row %d", r).isCloseTo(0.5, within(1e-5));
            }
            double gate = m.headTensors().get(org.boe4j.model.BoeModel.GATE).getDouble(0);
            assertThat(gate).isNotEqualTo(0.1);
            String withEntity = null;
            for (String line : Files.readAllLines(mldoc.resolve("french.test"), StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && !predictor.explain(line.substring(line.indexOf('\t') + 1), "fr").bag().isEmpty()) {
                    withEntity = line.substring(line.indexOf('\t') + 1);
                    break;
                }
            }
            assertThat(withEntity).as("a French test text with an entity").isNotNull();
            org.boe4j.model.Explanation e = predictor.explain(withEntity, "fr");
            assertThat(e.gate()).isEqualTo(gate);
            assertThat(e.entityInit()).isEqualTo(setup.init().describe());
            for (org.boe4j.model.Explanation.BagEntity b : e.bag()) {
                assertThat(b.vectorOrigin()).startsWith("names: " + b.english());
                assertThat(b.vectorNorm()).isCloseTo(0.5, within(1e-5));
            }
        }
    }

    /** id (line number) -> label, read straight from the LABEL<TAB>text lines. */
    private static Map<String, String> mldocGold(Path file) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                m.put(Integer.toString(i + 1), lines.get(i).substring(0, lines.get(i).indexOf('\t')));
            }
        }
        return m;
    }

    /** Unweighted mean of per-label F1 over the labels in gold or predictions (as scikit-learn's macro). */
    static double macroF1(List<String> gold, List<String> predicted) {
        Set<String> labels = new TreeSet<>(gold);
        labels.addAll(predicted);
        double sum = 0;
        for (String l : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).equals(l);
                boolean p = predicted.get(i).equals(l);
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.size();
    }

    // ------------------------------------------------------------------ entity vectors from a Wikipedia2Vec file

    /**
     * --entity-vectors: the rows for entities in the file come from it (titles with spaces or underscores), the
     * others are counted as random; a file of another dimension is refused naming its line.
     */
    @Test
    void wikipedia2VecFileInitialisesTheEntityVectorsAndAWrongDimensionIsRefused() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        ExperimentData data = mldocFixture(mldoc);
        String v = " 0.01".repeat(32);
        Path w2v = Files.writeString(dir.resolve("w2v.txt"), "4 32\nthe" + v + "\nENTITY/Japan" + v
                + "\nENTITY/Paris" + v + "\nENTITY/No such entity" + v + "\n");
        ExperimentPlan base = plan("w2v", data, List.of("fr"), List.of(ModelVariant.BOE), true);
        ExperimentPlan plan = new ExperimentPlan(base.name(), base.runDir(), base.weightsDir(), base.kbFile(),
                base.data(), base.source(), base.targets(), base.variants(), List.of(1L), true, base.maxLength(),
                base.maxEntitiesPerDocument(), base.trainer().withEpochs(1), SaveModels.NONE, w2v);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new Experiment(plan, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        // the entity table holds the fixture's two entities (Paris and London), of which the file has Paris
        int entities = org.boe4j.kb.EntityIndex.fromKb(org.boe4j.kb.KbFile.read(plan.kbFile())).size() - 1;
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("entity vectors (boe, boe-att): Wikipedia2Vec file " + w2v)
                .contains("entity table: the 2 entities the data's texts mention (of " + entities)
                .contains("entity vectors: 1 of 2 entities from " + w2v + ", the others random");

        Path bad = Files.writeString(dir.resolve("w2v-300.txt"), "1 300\nENTITY/Japan" + " 0.1".repeat(300) + "\n");
        ExperimentPlan wrong = new ExperimentPlan("w2v-bad", dir.resolve("runs/w2v-bad"), plan.weightsDir(),
                plan.kbFile(), plan.data(), "en", plan.targets(), plan.variants(), List.of(1L), true, plan.maxLength(),
                plan.maxEntitiesPerDocument(), plan.trainer(), SaveModels.NONE, bad);
        assertThatThrownBy(() -> new Experiment(wrong, QUIET).run())
                .hasMessageContaining(bad + ":1: header says dimension 300, the model needs 32");
    }

    // ------------------------------------------------------------------ SHINRA, typing, frozen encoder

    @Test
    void shinraTypingReportEqualsMicroF1RecomputedFromPredictions() throws Exception {
        Path data = Files.createDirectories(dir.resolve("shinra"));
        ExperimentDataTest.shinraFixture(data);
        ExperimentData d = ExperimentDataTest.shinra(data, BadRowPolicy.FAIL, 0.25);
        d = new ExperimentData(d.source(), new ExperimentTask(org.boe4j.model.TaskType.MULTI_LABEL, 0.4), d.policy(),
                d.splits(), d.devFraction(), d.splitSeed());
        ExperimentPlan plan = plan("shinra", d, List.of("fr", "de"), List.of(ModelVariant.BASELINE,
                ModelVariant.BOE_ATT), true);
        new Experiment(plan, QUIET).run();

        Path run = plan.runDir();
        JsonObject json = parse(run.resolve("results.json"));
        assertThat(json.get("metric").getAsString()).isEqualTo("micro-F1");
        assertThat(json.getAsJsonArray("average_over")).containsExactly(new JsonPrimitive("fr"),
                new JsonPrimitive("de")); // the paper's SHINRA avg: targets only
        assertThat(Files.readString(run.resolve("table.md"))).contains("micro-F1 in %")
                .contains("## Paper: SHINRA2020-ML, micro-F1");
        assertThat(run.resolve("macro-f1")).doesNotExist();
        // the kept frozen-encoder model references the encoder and keeps the task's threshold
        try (org.boe4j.model.TrainedModel kept = org.boe4j.model.TrainedModel.load(run.resolve("models/boe-att/seed-1"))) {
            assertThat(kept.card().encoder().included()).isFalse();
            assertThat(kept.card().taskType()).isEqualTo(org.boe4j.model.TaskType.MULTI_LABEL);
            assertThat(kept.card().threshold()).isEqualTo(0.4);
        }

        Map<String, Map<String, Set<String>>> gold = new HashMap<>();
        for (String lang : List.of("en", "fr", "de")) {
            gold.put(lang, shinraGold(data.resolve(lang + ".jsonl")));
        }
        for (String variant : List.of("baseline", "boe-att")) {
            Map<Long, Double> avgBySeed = new HashMap<>();
            for (long seed : List.of(1L, 2L)) {
                double sum = 0;
                for (String lang : List.of("en", "fr", "de")) {
                    Predictions pr = Predictions.read(run.resolve("runs/" + variant + "/seed-" + seed + "/predictions-"
                            + lang + ".jsonl"));
                    assertThat(pr.labels).containsExactly("1.1", "1.5.1.2", "1.5.1.3", "1.7.13");
                    if (!lang.equals("en")) {
                        assertThat(pr.predicted.keySet()).isEqualTo(gold.get(lang).keySet());
                    }
                    long tp = 0;
                    long fp = 0;
                    long fn = 0;
                    for (String id : pr.predicted.keySet()) {
                        Set<String> predicted = new HashSet<>(pr.predicted.get(id));
                        assertThat(predicted).isEqualTo(pr.atLeast(id, 0.4)); // the configured threshold
                        Set<String> g = gold.get(lang).get(id);
                        for (String l : predicted) {
                            if (g.contains(l)) {
                                tp++;
                            } else {
                                fp++;
                            }
                        }
                        for (String l : g) {
                            fn += predicted.contains(l) ? 0 : 1; // City (not a training label) always counts here
                        }
                    }
                    double microF1 = 2.0 * tp / (2.0 * tp + fp + fn);
                    assertThat(value(json, variant, lang, seed)).as(variant + " " + lang + " " + seed)
                            .isCloseTo(microF1, within(1e-12));
                    if (!lang.equals("en")) {
                        sum += microF1;
                    }
                }
                avgBySeed.put(seed, sum / 2);
            }
            JsonObject avg = cell(json, variant, "avg");
            for (long seed : List.of(1L, 2L)) {
                assertThat(avg.getAsJsonObject("by_seed").get(Long.toString(seed)).getAsDouble())
                        .isCloseTo(avgBySeed.get(seed), within(1e-12));
            }
        }
        // the French Berlin page carries City, which English never has: a false negative in every run
        JsonObject fr = parse(run.resolve("runs/baseline/seed-1/result.json")).getAsJsonObject("languages")
                .getAsJsonObject("fr");
        assertThat(fr.get("fn").getAsLong()).isGreaterThanOrEqualTo(1);
    }

    /** pageid -> ENE ids, parsed from the fixture lines (list or source -> list form). */
    private static Map<String, Set<String>> shinraGold(Path file) throws Exception {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            Set<String> labels = new HashSet<>();
            JsonElement enes = o.get("ENEs");
            List<JsonArray> lists = new ArrayList<>();
            if (enes.isJsonArray()) {
                lists.add(enes.getAsJsonArray());
            } else {
                enes.getAsJsonObject().entrySet().forEach(e -> lists.add(e.getValue().getAsJsonArray()));
            }
            lists.forEach(a -> a.forEach(e -> labels.add(e.getAsJsonObject().get("ENE_id").getAsString())));
            m.put(o.get("pageid").getAsString(), labels);
        }
        return m;
    }

    // ------------------------------------------------------------------ helpers

    /** A run's predictions file: the label order (first line), then per document its predictions and p. */
    record Predictions(List<String> labels, Map<String, List<String>> predicted, Map<String, double[]> p) {
        static Predictions read(Path file) throws Exception {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> labels = new ArrayList<>();
            JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonArray("labels")
                    .forEach(l -> labels.add(l.getAsString()));
            Map<String, List<String>> predicted = new LinkedHashMap<>();
            Map<String, double[]> p = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                List<String> q = new ArrayList<>();
                o.getAsJsonArray("predicted").forEach(x -> q.add(x.getAsString()));
                String id = o.get("id").getAsString();
                predicted.put(id, q);
                JsonArray probs = o.getAsJsonArray("probabilities");
                double[] v = new double[probs.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = probs.get(i).getAsDouble();
                }
                p.put(id, v);
            }
            return new Predictions(labels, predicted, p);
        }

        String argmax(String id) {
            double[] v = p.get(id);
            int best = 0;
            for (int i = 1; i < v.length; i++) {
                best = v[i] > v[best] ? i : best;
            }
            return labels.get(best);
        }

        Set<String> atLeast(String id, double threshold) {
            Set<String> s = new HashSet<>();
            double[] v = p.get(id);
            for (int i = 0; i < v.length; i++) {
                if (v[i] >= threshold) {
                    s.add(labels.get(i));
                }
            }
            return s;
        }
    }

    static JsonObject parse(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    static JsonObject cell(JsonObject results, String variant, String language) {
        for (JsonElement e : results.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("variant").getAsString().equals(variant) && c.get("language").getAsString().equals(language)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + variant + "/" + language);
    }

    static double value(JsonObject results, String variant, String language, long seed) {
        for (JsonElement r : cell(results, variant, language).getAsJsonArray("runs")) {
            if (r.getAsJsonObject().get("seed").getAsLong() == seed) {
                return r.getAsJsonObject().get("value").getAsDouble();
            }
        }
        throw new AssertionError("no seed " + seed + " in " + variant + "/" + language);
    }
}
