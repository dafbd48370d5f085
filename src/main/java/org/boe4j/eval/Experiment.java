package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.data.Dataset;
import org.boe4j.data.Example;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityVectors;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.DefaultKb;
import org.boe4j.kb.build.icu.IcuKbBuilder;
import org.boe4j.lang.Language;
import org.boe4j.lang.Languages;
import org.boe4j.model.BatchPrediction;
import org.boe4j.model.BoeModel;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.DocumentVectors;
import org.boe4j.model.EntityTableOrigin;
import org.boe4j.model.Featurizer;
import org.boe4j.model.ModelCard;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.PretrainedEncoder;
import org.boe4j.model.TrainedModel;
import org.boe4j.train.CheckpointStore;
import org.boe4j.train.Evaluation;
import org.boe4j.train.FineTunedModel;
import org.boe4j.train.HeadOnFeatures;
import org.boe4j.train.Trainer;
import org.boe4j.train.TrainerConfig;
import org.boe4j.train.TrainingProvenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs an {@link ExperimentPlan}: zero-shot cross-lingual document classification or entity typing (docs/method.md) on
 * any {@link ExperimentData} (SIB-200, MLDoc, SHINRA2020-ML, CSV/TSV/JSONL), each variant x seed trained on the
 * source language, early-stopped on its dev set, evaluated on every language's test set; writes the report (table,
 * significance, charts, every number with provenance) into the run directory, and each run's predictions.
 *
 * <p>Resumable: each finished (variant, seed) leaves {@code runs/<variant>/seed-<s>/result.json}, and an unfinished
 * one resumes from its last checkpoint; document vectors and entity-name vectors are cached under {@code cache/}
 * with the checksums they depend on.
 */
public final class Experiment {

    /** One split of one language, featurized. */
    /** @param contentSha256 SHA-256 of the split's texts and label ids as read (options included, files aside) */
    private record Split(String language, Dataset dataset, List<DocumentFeatures> docs, List<int[]> labels,
                         INDArray h, String contentSha256) {

        /** The same split with entity ids mapped through {@code rows} (old id -> new id). */
        Split remapped(int[] rows) {
            List<DocumentFeatures> mapped = new ArrayList<>(docs.size());
            for (DocumentFeatures d : docs) {
                List<org.boe4j.model.EntityBatch.Entity> entities = new ArrayList<>(d.entities().size());
                d.entities().forEach(e -> entities.add(new org.boe4j.model.EntityBatch.Entity(rows[e.id()],
                        e.commonness())));
                mapped.add(new DocumentFeatures(d.tokenIds(), entities));
            }
            return new Split(language, dataset, mapped, labels, h, contentSha256);
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final int INFERENCE_BATCH = 16;
    /** Documents the up-front estimate encodes: a few batches, so that sorting by length has something to sort. */
    private static final int ESTIMATE_SAMPLE = 96;
    /**
     * Examples per second a frozen-mode head trains at (forward, backward, AdamW and its share of the per-epoch dev
     * evaluation): MultiCoNER II, 25,420 examples x 40 epochs of the baseline in ~80 s, batch 256, quiet 2-core
     * machine (docs/benchmarks.md); entity variants are slower, small batches too, so this errs low.
     */
    private static final double HEAD_EXAMPLES_PER_SECOND = 10_000;
    private static final String HEADS_CAVEAT = " (head trainings at the baseline's rate: entity variants take longer;"
            + " each finished run re-estimates from measured runs)";

    private final ExperimentPlan plan;
    private final PrintStream out;
    private final boolean restartChanged;
    /** Inputs shared by every run of this invocation (checksums, data, settings); per run, more are added. */
    private final Map<String, String> commonInputs = new TreeMap<>();
    /**
     * Inputs only the entity variants depend on (KB, bag size, entity vectors): a baseline run stays reusable when
     * they change, e.g. the ablation study's rows share one set of baseline runs.
     */
    private final Map<String, String> entityInputs = new TreeMap<>();
    private FineTuningEstimate estimate;

    public Experiment(ExperimentPlan plan, PrintStream out) {
        this(plan, out, false);
    }

    /**
     * @param restartChanged a (variant, seed) run found with other inputs ({@link RunInputs}) is deleted and
     *                       computed again; false: such a run is an error naming what changed
     */
    public Experiment(ExperimentPlan plan, PrintStream out, boolean restartChanged) {
        this.plan = plan;
        this.out = out;
        this.restartChanged = restartChanged;
    }

    /**
     * Runs the plan. A run directory this invocation created is removed again if it fails before writing any file
     * (bad data, missing weights), so a failed attempt leaves no empty {@code runs/<name>/} behind.
     */
    public ExperimentResults run() throws IOException {
        out.println(plan.describe());
        List<Path> created = new ArrayList<>();
        for (Path p = plan.runDir().toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        try {
            return runInDirectory();
        } catch (IOException | RuntimeException | Error e) {
            for (Path p : created) {
                removeIfNoFiles(p);
            }
            throw e;
        }
    }

    /** Deletes {@code dir} when it holds no regular file at any depth (only empty directories). */
    private static void removeIfNoFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            if (s.anyMatch(p -> !Files.isDirectory(p))) {
                return;
            }
        }
        AtomicFiles.deleteRecursively(dir);
    }

    /** Says, before any work, that an earlier invocation's runs are there and what will become of them. */
    private void announceResume() throws IOException {
        if (!Files.isDirectory(plan.runDir().resolve("runs"))) {
            return;
        }
        int finished = 0;
        int checkpointed = 0;
        for (ModelVariant v : plan.variants()) {
            for (long seed : plan.seeds()) {
                Path d = runDirectory(v, seed);
                if (Files.exists(d.resolve("result.json"))) {
                    finished++;
                } else if (!new CheckpointStore(d, 1).list().isEmpty()) {
                    checkpointed++;
                }
            }
        }
        if (finished + checkpointed > 0) {
            out.println("resuming " + plan.runDir() + ": " + finished + " of " + plan.variants().size()
                    * plan.seeds().size() + " runs finished earlier, " + checkpointed + " continue from their last"
                    + " checkpoint (each only if its data and settings are unchanged)");
        }
    }

    private Path runDirectory(ModelVariant variant, long seed) {
        return plan.runDir().resolve("runs").resolve(variant.cliName()).resolve("seed-" + seed);
    }

    private ExperimentResults runInDirectory() throws IOException {
        announceResume();
        ExperimentTask task = plan.data().task();
        ExperimentData.Loaded data = plan.data().load(plan.source(), plan.languages(), out); // fail before the weights
        String weightsSha = Checksums.sha256(plan.weightsDir().resolve(BertWeights.MODEL));
        boolean needsKb = plan.variants().stream().anyMatch(ModelVariant::usesEntities);
        try (PretrainedEncoder encoder = PretrainedEncoder.open(plan.weightsDir(), plan.maxLength())) {
            KnowledgeBase kb = needsKb ? knowledgeBase() : null;
            String kbSha = kb == null ? "" : Checksums.sha256(plan.kbFile());
            EntityIndex kbIndex = kb == null ? null : EntityIndex.fromKb(kb);
            Featurizer featurizer = new Featurizer(encoder.tokenizer(), kb, kbIndex);
            // h (the frozen encoder's [CLS] vectors) depends on the encoder and the texts only, not on the KB or any
            // head setting: one cache (--cache) serves every KB and head setting
            String encoderKey = weightsSha + " maxLength=" + plan.maxLength();
            ArrayCache cache = new ArrayCache(plan.cacheDir());

            double forwardPerDoc = printEstimate(encoder, featurizer, data, encoderKey);
            // dev and test sets first: they are fixed, while a time-limited run may change --max-train, and every
            // chunk already encoded is reused (ResumableDocumentVectors)
            Split dev = split(featurizer, encoder, data.dev(), data.labelIndex(), encoderKey);
            Map<String, Split> tests = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset> t : data.tests().entrySet()) {
                tests.put(t.getKey(), t.getValue() == data.dev() ? dev
                        : split(featurizer, encoder, t.getValue(), data.labelIndex(), encoderKey));
            }
            Split train = split(featurizer, encoder, data.train(), data.labelIndex(), encoderKey);
            recordCommonInputs(weightsSha, kbSha, splitsOf(train, dev, tests));
            EntityIndex index = null;
            if (kb != null) {
                // the entity table holds the entities the data can produce, not the whole KB: a large dictionary
                // KB has far more entities than any experiment mentions, and each row would cost an encoding
                index = dataEntities(kbIndex, splitsOf(train, dev, tests));
                int[] rows = rowMap(kbIndex, index);
                train = train.remapped(rows);
                dev = dev.remapped(rows);
                for (Map.Entry<String, Split> t : tests.entrySet()) {
                    t.setValue(t.getValue() == null ? null : t.getValue().remapped(rows));
                }
                Split devNow = dev;
                data.tests().forEach((lang, ds) -> {
                    if (ds == data.dev()) {
                        tests.put(lang, devNow);
                    }
                });
                out.printf(Locale.ROOT, "entity table: the %d entities the data's texts mention (of %d the"
                        + " KB can produce)%n", index.size() - 1, kbIndex.size() - 1);
            }
            double meanHNorm = train.h() == null ? Double.NaN : train.h().norm2(1).meanNumber().doubleValue();
            InitialEntityTable.Table initial = needsKb && plan.variants().stream()
                    .anyMatch(v -> v.usesEntities() && !v.randomEntityInit())
                    ? InitialEntityTable.build(plan.boe().init(), index, kb,
                    plan.languages().stream().map(Experiment::kbLanguage).distinct().toList(), encoder, encoderKey, meanHNorm, cache, out)
                    : null;

            // ---- results: the task's metric; for doc also macro-F1 (written to macro-f1/)
            ExperimentResults results = new ExperimentResults(plan.name(), task.metric(), ModelVariant.BASELINE.cliName())
                    .languages(plan.languages().stream().map(Languages::code).toList());
            ExperimentResults macro = task.multiLabel() ? null
                    : new ExperimentResults(plan.name(), "macro-F1", ModelVariant.BASELINE.cliName())
                    .languages(plan.languages().stream().map(Languages::code).toList());
            // the source language's dev split, on which early stopping (and any choice of settings) is made: written
            // to dev/ with the same summaries and paired tests, so that settings are compared without a test split
            String devColumn = Languages.code(plan.source()) + "-dev";
            ExperimentResults devResults = new ExperimentResults(plan.name(), task.metric() + " on the "
                    + Languages.code(plan.source()) + " dev split (best early-stopping evaluation)",
                    ModelVariant.BASELINE.cliName()).languages(List.of(devColumn));
            if (plan.data().source().sourceTestIsDev()) { // the source column is dev: average the targets only
                List<String> targets = plan.languages().stream().filter(l -> !l.equals(plan.source()))
                        .map(Languages::code).toList();
                results.averageOver(targets);
            }
            List<ExperimentResults> all = new ArrayList<>(List.of(results, devResults));
            if (macro != null) {
                all.add(macro);
            }
            for (ExperimentResults r : all) {
                r.provenance("code", TrainingProvenance.currentCodeVersion());
                r.provenance("weights_sha256", weightsSha);
                r.provenance("kb_sha256", kbSha);
                dataChecksums(splitsOf(train, dev, tests)).forEach((k, v) -> r.provenance("sha256 " + k, v));
                r.provenance("plan", plan.describe());
                r.provenance("task", task.describe());
                for (int i = 0; i < data.notes().size(); i++) {
                    r.provenance("data " + (i + 1), data.notes().get(i));
                }
            }
            if (!plan.frozenEncoder()) {
                int left = runsLeft().size();
                long steps = plan.trainer().totalSteps(train.docs().size());
                int evaluations = plan.trainer().epochs() + (plan.trainer().evalEverySteps() > 0
                        ? (int) (steps / plan.trainer().evalEverySteps()) : 0);
                Split devSplit = dev;
                long testDocs = tests.values().stream().filter(t -> t != devSplit).mapToLong(t -> t.docs().size()).sum();
                estimate = new FineTuningEstimate(steps, (long) evaluations * dev.docs().size() + testDocs,
                        forwardPerDoc, left, out, System::nanoTime);
            }
            HeadRunsEstimate heads = new HeadRunsEstimate();
            for (ModelVariant variant : plan.variants()) {
                results.variant(variant.cliName());
                devResults.variant(variant.cliName());
                for (long seed : plan.seeds()) {
                    boolean fromScratch = plan.frozenEncoder() && !Files.exists(runDirectory(variant, seed)
                            .resolve("result.json")) && new CheckpointStore(runDirectory(variant, seed),
                            plan.trainer().keepCheckpoints()).latest().isEmpty();
                    long started = System.nanoTime();
                    RunResult result = runOne(variant, seed, encoder, train, dev, tests, index, initial,
                            TrainingProvenance.of(weightsSha, kbSha, dataChecksums(train, dev),
                                    hyperParameters(variant), seed), kbSha);
                    if (fromScratch) {
                        double runSeconds = (System.nanoTime() - started) / 1e9;
                        heads.record(variant, runSeconds);
                        out.println("   " + heads.describe(variant, runSeconds, runsLeft()));
                    }
                    devResults.add(variant.cliName(), devColumn, seed, result.bestDevMetric());
                    for (String lang : tests.keySet()) {
                        LanguageScores r = result.languages().get(lang);
                        String iso = Languages.code(lang);
                        results.add(variant.cliName(), iso, seed, r.metric());
                        if (r instanceof LanguageScores.Doc d) {
                            results.runProvenance(variant.cliName(), iso, seed, "macro_f1",
                                    Double.toString(d.macroF1()));
                            results.confusion(variant.cliName(), iso, seed, d.confusion());
                            macro.add(variant.cliName(), iso, seed, d.macroF1());
                        } else if (r instanceof LanguageScores.Typing t) {
                            t.details().forEach((k, v) -> results.runProvenance(variant.cliName(), iso, seed, k, v));
                        }
                    }
                }
            }
            ReportWriter.write(plan.runDir(), results, plan.data().paperTable());
            if (macro != null) {
                ReportWriter.write(plan.runDir().resolve("macro-f1"), macro, null);
            }
            ReportWriter.write(plan.runDir().resolve("dev"), devResults, null);
            return results;
        }
    }

    // ------------------------------------------------------------------ one training run

    private RunResult runOne(ModelVariant variant, long seed, PretrainedEncoder encoder, Split train, Split dev,
                              Map<String, Split> tests, EntityIndex index, InitialEntityTable.Table initial,
                              TrainingProvenance provenance, String kbSha) throws IOException {
        Path dir = runDirectory(variant, seed);
        Path resultFile = dir.resolve("result.json");
        Path modelDir = plan.runDir().resolve("models").resolve(variant.cliName()).resolve("seed-" + seed);
        RunInputs inputs = runInputs(variant, seed);
        checkSameInputs(variant, seed, dir, modelDir, inputs, provenance);
        boolean keepModel = plan.saveModels().saves(seed, plan.seeds())
                && !Files.exists(modelDir.resolve(TrainedModel.CARD_FILE));
        if (Files.exists(resultFile)) {
            out.println("== " + variant.cliName() + " seed " + seed + ": done earlier with the same inputs, " + resultFile);
            RunResult result = RunResult.read(resultFile, plan.data().task(), train.dataset().labels());
            if (keepModel) {
                // a run finished before models were kept: its best weights are still in best/
                BoeModel model = build(variant, seed, encoder, train, index, initial);
                CheckpointStore.BestModel best = new CheckpointStore(dir, plan.trainer().keepCheckpoints()).loadBest()
                        .orElseThrow(() -> new IOException(dir + ": no best/ model to keep"));
                best.weights().forEach((name, w) -> model.parameters().get(name).assign(w));
                keepModel(modelDir, model, index, origin(variant, index, initial), kbSha, provenance, result);
            }
            return result;
        }
        Optional<Path> checkpoint = new CheckpointStore(dir, plan.trainer().keepCheckpoints()).latest();
        if (checkpoint.isPresent()) {
            CheckpointStore.Summary c = CheckpointStore.summary(checkpoint.get());
            out.println("== " + variant.cliName() + " seed " + seed + ": resuming from " + checkpoint.get() + " (step "
                    + c.progress().step() + ", epoch " + (c.progress().epoch() + 1) + " of "
                    + plan.trainer().epochs() + ")");
        } else {
            out.println("== " + variant.cliName() + " seed " + seed);
        }
        if (!Files.exists(dir.resolve(RunInputs.FILE_NAME))) {
            inputs.write(dir.resolve(RunInputs.FILE_NAME)); // creates the run directory
        }
        boolean timed = estimate != null && estimate.wanted() && checkpoint.isEmpty();
        if (timed) {
            estimate.runStarted();
        }
        BoeModel model = build(variant, seed, encoder, train, index, initial);
        TrainerConfig trainerConfig = plan.trainer().withSeed(seed);
        if (variant.usesEntities() && plan.boe().entityLearningRateScale() != 1.0) {
            trainerConfig = trainerConfig.withLearningRateScale(BoeModel.ENTITY_TABLE,
                    plan.boe().entityLearningRateScale());
        }
        ExperimentTask task = plan.data().task();
        Function<Split, INDArray> predict;
        Trainer<?> trainer;
        if (plan.frozenEncoder()) {
            HeadOnFeatures data = new HeadOnFeatures(model, train.h(), train.docs(), train.labels(), true);
            predict = s -> BatchPrediction.probabilities(model, s.docs(), s.h(), 256);
            trainer = new Trainer<>(data, data, () -> devScore(dev, predict), trainerConfig, dir, provenance, out);
        } else {
            FineTunedModel data = new FineTunedModel(model, train.docs(), train.labels(), true);
            predict = s -> BatchPrediction.probabilities(model, s.docs(), null, INFERENCE_BATCH);
            trainer = new Trainer<>(data, data, () -> devScore(dev, predict), trainerConfig, dir, provenance, out);
        }
        if (timed) {
            trainer.afterEachStep(estimate::afterStep);
        }
        Trainer.Result trained = checkpoint.isEmpty() ? trainer.train() : trainer.resume();
        Map<String, LanguageScores> langs = new LinkedHashMap<>();
        for (Map.Entry<String, Split> e : tests.entrySet()) {
            INDArray p = predict.apply(e.getValue());
            ExperimentTask.Scores scores = task.score(e.getValue().dataset().examples(), train.dataset().labels(), p);
            langs.put(e.getKey(), LanguageScores.of(scores));
            RunOutputs.writePredictions(dir.resolve("predictions-" + ReportWriter.fileName(Languages.code(e.getKey()))
                    + ".jsonl"), e.getValue().dataset(), train.dataset().labels(), p, scores);
            out.println("   " + Languages.code(e.getKey()) + " " + plan.data().splits().test() + ": "
                    + RunOutputs.summary(task, scores));
        }
        RunResult result = new RunResult(variant.cliName(), seed, trained.steps(), task.metricKey(),
                trained.bestMetric(), trained.bestStep(), langs);
        if (keepModel) {
            // the trainer restored the best weights
            keepModel(modelDir, model, index, origin(variant, index, initial), kbSha, provenance, result);
        }
        result.write(resultFile);
        return result;
    }

    /** The (variant, seed) runs without a result yet, in the order they will run: their variants. */
    private List<ModelVariant> runsLeft() {
        return plan.variants().stream().flatMap(v -> plan.seeds().stream()
                .filter(seed -> !Files.exists(runDirectory(v, seed).resolve("result.json"))).map(seed -> v)).toList();
    }

    /** What the provenance records of a run: the variant, the encoder mode and, for entity variants, every BoE choice. */
    private Map<String, String> hyperParameters(ModelVariant variant) {
        Map<String, String> m = new TreeMap<>();
        m.put("variant", variant.cliName());
        m.put("frozen_encoder", Boolean.toString(plan.frozenEncoder()));
        if (variant.usesEntities()) {
            plan.boe().describe().forEach((k, v) -> m.put("boe " + k, v));
            if (variant.randomEntityInit()) {
                m.put("boe entityInit", "random N(0, 0.02^2) (-emb)");
            }
        }
        return m;
    }

    /** Where the variant's initial entity table came from, for its model card. */
    private static EntityTableOrigin origin(ModelVariant variant, EntityIndex index, InitialEntityTable.Table initial) {
        if (!variant.usesEntities()) {
            return null;
        }
        return variant.randomEntityInit() || initial == null
                ? EntityTableOrigin.uniform("random N(0, 0.02^2), the run's seed", "random", index.size())
                : initial.origin();
    }

    /** The variant's model with fresh parameters: the head on features (frozen encoder) or on a new encoder copy. */
    private BoeModel build(ModelVariant variant, long seed, PretrainedEncoder encoder, Split train, EntityIndex index,
                           InitialEntityTable.Table initial) throws IOException {
        INDArray table = !variant.usesEntities() ? null
                : variant.randomEntityInit() || initial == null
                ? table(EntityVectors.random(index, encoder.config().hiddenSize(), seed, EntityVectors.DEFAULT_STD))
                : initial.table().dup();
        BoeModel.HeadConfig head = new BoeModel.HeadConfig(variant, plan.data().task().type(), train.dataset().labels(),
                plan.maxEntitiesPerDocument(), plan.boe().head());
        Nd4j.getRandom().setSeed(seed);
        if (plan.frozenEncoder()) {
            return BoeModel.onFeatures(encoder.config(), head, table, DataType.FLOAT);
        }
        BertWeights weights = BertWeights.load(plan.weightsDir());
        return BoeModel.attach(BertModel.load(weights.config(), weights.tensors()), head, table);
    }

    /** Writes the trained model directory for predict/explain, with the run's provenance and test results. */
    private void keepModel(Path modelDir, BoeModel model, EntityIndex index, EntityTableOrigin origin, String kbSha,
                           TrainingProvenance provenance, RunResult result) throws IOException {
        JsonObject p = new JsonObject();
        p.add("training", GSON.toJsonTree(provenance));
        p.add("result", result.toJson());
        p.addProperty("experiment", plan.runDir().toString());
        p.addProperty("plan", plan.describe());
        ModelCard.KbReference kb = index == null ? null
                : new ModelCard.KbReference(plan.kbFile().toAbsolutePath().normalize().toString(), kbSha);
        TrainedModel.save(modelDir, model, plan.weightsDir(), index, plan.maxLength(), plan.data().task().threshold(),
                kb, origin, p);
        out.println("   model kept: " + modelDir);
    }

    private static Split[] splitsOf(Split train, Split dev, Map<String, Split> tests) {
        List<Split> all = new ArrayList<>(List.of(train, dev));
        all.addAll(tests.values());
        return all.toArray(Split[]::new);
    }

    private static Map<String, String> dataChecksums(Split... splits) {
        Map<String, String> m = new TreeMap<>();
        for (Split s : splits) {
            s.dataset().sources().forEach(f -> m.put(f.name(), f.sha256()));
        }
        return m;
    }

    /** The dev score early stopping follows: accuracy (doc) or micro-F1 (typing). */
    private Evaluation devScore(Split split, Function<Split, INDArray> predict) {
        ExperimentTask.Scores s = plan.data().task().score(split.dataset().examples(), split.dataset().labels(),
                predict.apply(split));
        return new Evaluation(s.metric(), s.details());
    }

    // ------------------------------------------------------------------ same inputs, or refuse

    private void recordCommonInputs(String weightsSha, String kbSha, Split... splits) throws IOException {
        commonInputs.put("weights sha256", weightsSha);
        entityInputs.put("kb sha256", kbSha);
        dataChecksums(splits).forEach((k, v) -> commonInputs.put("data sha256 " + k, v));
        for (Split s : splits) {
            commonInputs.put("texts and labels sha256 " + Languages.code(s.language()) + " " + s.dataset().split(),
                    s.contentSha256());
        }
        commonInputs.put("task", plan.data().task().describe());
        commonInputs.put("threshold", Double.toString(plan.data().task().threshold()));
        commonInputs.put("source language", plan.source());
        commonInputs.put("max length", Integer.toString(plan.maxLength()));
        entityInputs.put("max entities per document", Integer.toString(plan.maxEntitiesPerDocument()));
        Path vectors = plan.boe().init().file();
        // a Wikipedia2Vec file can be many GB: its path, size and time stand for its content
        entityInputs.put("entity vectors", vectors == null ? plan.boe().init().describe() : vectors.toAbsolutePath()
                + ", " + Files.size(vectors) + " bytes, modified " + Files.getLastModifiedTime(vectors) + "; "
                + plan.boe().init().norm());
    }

    private RunInputs runInputs(ModelVariant variant, long seed) {
        TreeMap<String, String> m = new TreeMap<>(commonInputs);
        if (variant.usesEntities()) {
            m.putAll(entityInputs);
        }
        plan.trainer().withSeed(seed).hyperParameters().forEach(m::put);
        m.put("variant", variant.cliName());
        m.put("frozen encoder", Boolean.toString(plan.frozenEncoder()));
        // every bag-of-entities choice of an entity variant (the baseline depends on none)
        hyperParameters(variant).forEach((k, v) -> {
            if (k.startsWith("boe ")) {
                m.put(k, v);
            }
        });
        return new RunInputs(m);
    }

    /**
     * Reuses a finished or checkpointed run only when it was computed from the same inputs; otherwise refuses, naming
     * what changed, or (with --restart) deletes it so that it is computed again. A run from before inputs.json
     * existed is compared with its checkpoint's provenance (weights, KB, train/dev data, hyper-parameters, seed).
     */
    private void checkSameInputs(ModelVariant variant, long seed, Path dir, Path modelDir, RunInputs now,
                                 TrainingProvenance provenance) throws IOException {
        boolean finished = Files.exists(dir.resolve("result.json"));
        Optional<Path> checkpoint = Files.isDirectory(dir)
                ? new CheckpointStore(dir, plan.trainer().keepCheckpoints()).latest() : Optional.empty();
        if (!finished && checkpoint.isEmpty()) {
            return;
        }
        Path inputsFile = dir.resolve(RunInputs.FILE_NAME);
        Map<String, String> diffs;
        if (Files.exists(inputsFile)) {
            RunInputs earlier = RunInputs.read(inputsFile);
            // runs recorded before the split into common and entity inputs list the entity ones for every variant
            diffs = now.differences(variant.usesEntities() ? earlier : earlier.without(entityInputs.keySet()));
        } else if (checkpoint.isPresent()) {
            TrainingProvenance saved = CheckpointStore.summary(checkpoint.get()).provenance();
            Map<String, String> hyper = new TreeMap<>(provenance.hyperParameters());
            hyper.putAll(plan.trainer().withSeed(seed).hyperParameters());
            diffs = saved == null ? Map.of("provenance", "(none) -> recorded") : Trainer.differences(saved,
                    new TrainingProvenance(provenance.codeVersion(), provenance.initialWeightsSha256(),
                            provenance.kbSha256(), provenance.dataSha256(), hyper, seed, provenance.startedUtc()));
        } else {
            diffs = Map.of();
        }
        if (diffs.isEmpty()) {
            return;
        }
        String state = finished ? "finished" : "unfinished, checkpoint " + checkpoint.get().getFileName();
        if (!restartChanged) {
            throw new IllegalStateException(RunInputs.refusal(dir, state, diffs));
        }
        out.println("== " + variant.cliName() + " seed " + seed + ": its inputs changed (" + String.join("; ",
                diffs.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                + "); --restart: discarding " + dir + (Files.exists(modelDir) ? " and " + modelDir : "")
                + " and computing it again");
        AtomicFiles.deleteRecursively(dir);
        AtomicFiles.deleteRecursively(modelDir);
    }

    // ------------------------------------------------------------------ estimate

    /**
     * Measures the encoder on {@link #ESTIMATE_SAMPLE} real training documents taken evenly across the split, after a
     * warm-up batch, and, for the frozen mode (which encodes every document once and trains small heads),
     * extrapolates to what is left: documents whose vectors are not cached yet and runs without a result. The sample
     * is encoded as the real step encodes a chunk, sorted by length into batches, so padding costs what it will
     * cost: 16 documents in one unsorted batch pad to the longest and under-estimated MultiCoNER's rate 2.3x
     * (docs/benchmarks.md). Head training is charged by the examples it passes over
     * ({@link #HEAD_EXAMPLES_PER_SECOND}). For fine-tuning it only returns the forward rate: a rule of thumb in
     * forwards per training document is far off for training, so that estimate waits for measured training steps
     * ({@link FineTuningEstimate}).
     *
     * @return measured forward seconds per document (NaN when a frozen run has every vector cached: nothing measured)
     */
    private double printEstimate(PretrainedEncoder encoder, Featurizer featurizer, ExperimentData.Loaded data,
                                 String encoderKey) {
        List<Dataset> splits = new ArrayList<>(List.of(data.train(), data.dev()));
        data.tests().values().stream().filter(t -> t != data.dev()).forEach(splits::add);
        Path chunkDir = plan.cacheDir().resolve("document-vectors");
        long toEncode = splits.stream().mapToLong(d -> d.size() - ResumableDocumentVectors.cachedDocuments(chunkDir,
                encoderKey, d.examples().stream().map(Example::text).toList())).sum();
        List<ModelVariant> left = runsLeft();
        long runsLeft = left.size();
        // the rate below is the baseline head's; only entity heads (larger inputs, the bag) run slower than it
        String caveat = left.stream().anyMatch(ModelVariant::usesEntities) ? HEADS_CAVEAT : "";
        double headSeconds = 5.0 + (double) plan.trainer().epochs() * data.train().size() / HEAD_EXAMPLES_PER_SECOND;
        if (plan.frozenEncoder() && toEncode == 0) {
            out.printf(Locale.ROOT, "every document vector is cached; estimated duration: %s%s%n",
                    Progress.duration(runsLeft * headSeconds), caveat);
            return Double.NaN;
        }
        List<Example> examples = data.train().examples();
        int n = Math.min(ESTIMATE_SAMPLE, examples.size());
        List<String> texts = IntStream.range(0, n).mapToObj(i -> examples.get((int) ((long) i * examples.size() / n)))
                .map(Example::text).toList();
        List<DocumentFeatures> docs = featurizer.featurize(texts, kbLanguage(plan.source()));
        DocumentVectors.compute(encoder.model(), docs.subList(0, Math.min(INFERENCE_BATCH, n)), INFERENCE_BATCH,
                Progress.silent()); // warm-up
        long t0 = System.nanoTime();
        DocumentVectors.compute(encoder.model(), docs, INFERENCE_BATCH, Progress.silent());
        double perDoc = (System.nanoTime() - t0) / 1e9 / docs.size();
        if (plan.frozenEncoder()) {
            out.printf(Locale.ROOT, "measured: %.2f documents/s forward on this machine; %d documents to encode;"
                    + " estimated duration: %s%s%n", 1 / perDoc, toEncode,
                    Progress.duration(perDoc * toEncode + runsLeft * headSeconds), caveat);
        } else {
            // a forward pass says little about a training step (backward, AdamW over every weight, graph building):
            // FineTuningEstimate times real steps of the first run instead
            out.printf(Locale.ROOT, "measured: %.2f documents/s forward on this machine; the fine-tuning"
                    + " duration is estimated from the first run's first two training steps%n", 1 / perDoc);
        }
        return perDoc;
    }

    // ------------------------------------------------------------------ inputs

    /**
     * The KB dictionary of a dataset language; a name ICU does not know (a user's own language tag) is kept as
     * it is, as before the one mapping existed, so runs without entities never need it to be known.
     */
    private static String kbLanguage(String language) {
        return Languages.find(language).map(Language::kbLanguage).orElse(language);
    }

    /**
     * The default file ({@link DefaultKb#defaultFile()}) holds the default KB (ICU + crosswikis), built there on first
     * use; any other file is read, or, when it does not exist, built from ICU4J alone (seconds; what tests use).
     */
    private KnowledgeBase knowledgeBase() throws IOException {
        List<String> kbLanguages = plan.languages().stream().map(Experiment::kbLanguage).distinct().toList();
        if (plan.kbFile().normalize().equals(DefaultKb.defaultFile().normalize())) {
            return DefaultKb.loadOrBuild(plan.kbFile(), kbLanguages, out);
        }
        if (Files.exists(plan.kbFile())) {
            KnowledgeBase kb = KbFile.read(plan.kbFile());
            List<String> missing = kbLanguages.stream().filter(l -> !kb.hasLanguage(l)).toList();
            if (missing.isEmpty()) {
                return kb;
            }
            out.println("the KB " + plan.kbFile() + " lacks " + missing + ": rebuilding it from ICU4J");
            Files.delete(plan.kbFile());
        }
        out.println("building an ICU4J KB for " + kbLanguages + " -> " + plan.kbFile());
        return IcuKbBuilder.loadOrBuild(plan.kbFile(), IcuKbBuilder.Options.defaults().withLanguages(kbLanguages));
    }

    private Split split(Featurizer featurizer, PretrainedEncoder encoder, Dataset ds, Map<String, Integer> labelIndex,
                        String encoderKey) throws IOException {
        String language = ds.language();
        String flores = Languages.flores(language);
        String splitName = ds.split();
        List<String> texts = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (Example e : ds.examples()) {
            texts.add(e.text());
            labels.add(ExperimentTask.targets(e, labelIndex));
        }
        List<DocumentFeatures> docs = featurizer.featurize(texts, kbLanguage(language));
        StringBuilder labelText = new StringBuilder();
        labels.forEach(l -> labelText.append(Arrays.toString(l)));
        String content = Checksums.sha256((String.join("\u0000", texts) + "\u0001" + labelText)
                .getBytes(StandardCharsets.UTF_8));
        INDArray h = null;
        if (plan.frozenEncoder()) {
            h = ResumableDocumentVectors.load(plan.cacheDir().resolve("document-vectors"), encoderKey, texts, docs,
                    encoder.model(), INFERENCE_BATCH, "encoding " + flores + " " + splitName, out);
        }
        return new Split(language, ds, docs, labels, h, content);
    }

    /** The index of the entities the splits' documents hold, in the index's own (sorted title) order. */
    private static EntityIndex dataEntities(EntityIndex kbIndex, Split... splits) {
        TreeSet<String> titles = new TreeSet<>();
        for (Split s : splits) {
            for (DocumentFeatures d : s.docs()) {
                d.entities().forEach(e -> titles.add(kbIndex.title(e.id())));
            }
        }
        return EntityIndex.of(titles);
    }

    /** Row of each KB-index id in {@code index} (-1 for entities it does not hold). */
    private static int[] rowMap(EntityIndex kbIndex, EntityIndex index) {
        int[] rows = new int[kbIndex.size()];
        for (int id = 0; id < rows.length; id++) {
            rows[id] = id == 0 ? 0 : index.id(kbIndex.title(id));
        }
        return rows;
    }

    private static INDArray table(EntityVectors vectors) {
        return Nd4j.create(vectors.data(), new long[]{vectors.index().size(), vectors.dimension()}, 'c');
    }
}
