package org.boe4j.model;

import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.EntityLinker;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;
import org.boe4j.lang.Languages;
import org.boe4j.text.Encoding;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model applied to raw text in any language the KB covers: entities are found with the dictionary of the
 * text's language and mapped to English entities (docs/method.md §2-3), then the model runs in inference mode.
 * {@link #predict} gives labels, probabilities and the bag of entities; {@link #explain} shows every intermediate
 * number for one text. The one prediction path: {@code boe4j predict} and the Spark batch job
 * (org.boe4j.spark.SparkPredict, one instance per executor JVM) both call {@link #predict}. Not thread-safe.
 */
public final class Predictor implements AutoCloseable {

    /**
     * The KB a predictor uses.
     *
     * @param file              where it was read from (null when none is needed)
     * @param matchesTraining   false when its SHA-256 differs from the one recorded in model.json (entities are
     *                          matched to the model's rows by English title, so another KB works, with other mentions)
     */
    public record KbUse(Path file, boolean matchesTraining) {
    }

    private final TrainedModel model;
    private final KnowledgeBase kb;
    private final Featurizer featurizer;
    private final KbUse kbUse;

    /** @param kb the knowledge base for entity extraction (may be null for a baseline model) */
    public Predictor(TrainedModel model, KnowledgeBase kb) {
        this(model, kb, new KbUse(null, true));
    }

    private Predictor(TrainedModel model, KnowledgeBase kb, KbUse kbUse) {
        this.model = model;
        this.kb = kb;
        this.featurizer = model.featurizer(kb);
        this.kbUse = kbUse;
    }

    /**
     * Opens a model directory with its knowledge base: {@code kbFile}, or else the KB recorded in model.json.
     *
     * @param encoderDir where a referenced frozen encoder is now (null: the recorded path)
     */
    public static Predictor open(Path modelDir, Path kbFile, Path encoderDir) throws IOException {
        TrainedModel model = TrainedModel.load(modelDir, encoderDir);
        try {
            ModelCard.KbReference ref = model.card().kb();
            if (!model.card().modelVariant().usesEntities()) {
                return new Predictor(model, null, new KbUse(null, true));
            }
            Path file = kbFile != null ? kbFile : ref == null ? null : Path.of(ref.path());
            if (file == null || !Files.isRegularFile(file)) {
                throw new NoSuchFileException(String.valueOf(file), null, "the knowledge base "
                        + (kbFile != null ? "given" : "recorded in " + modelDir.resolve(TrainedModel.CARD_FILE))
                        + " is not there; give the KB file to use (the model finds entities with it)");
            }
            boolean same = ref != null && Checksums.sha256(file).equals(ref.sha256());
            return new Predictor(model, KbFile.read(file), new KbUse(file, same));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public TrainedModel model() {
        return model;
    }

    public KbUse kbUse() {
        return kbUse;
    }

    /**
     * The KB language of texts written in {@code language} (any spelling {@link Languages} knows: fr, fra,
     * fra_Latn); null is allowed only for a model without entities.
     */
    public String kbLanguage(String language) {
        if (language == null) {
            if (model.card().modelVariant().usesEntities()) {
                throw new IllegalArgumentException("the language of the texts is needed: the " + model.card().variant()
                        + " model finds entities with the KB dictionary of that language (it has " + kb.languages()
                        + ")");
            }
            return null;
        }
        return Languages.kbLanguage(language);
    }

    /** The model's labels, in the order of {@link Prediction#probabilities()}. */
    public List<String> labels() {
        return model.card().labels();
    }

    /**
     * One prediction per text, in order. A text's prediction does not depend on the other texts of the call except
     * by floating-point rounding (padding is masked).
     *
     * @param language  the language of the texts (en, fr, ja, fra_Latn, ...; null only without entities)
     * @param batchSize texts per forward pass
     */
    public List<Prediction> predict(List<String> texts, String language, int batchSize) {
        List<LinkedText> linked = featurizer.link(texts, kbLanguage(language));
        List<TrainedModel.Output> outputs = model.predict(linked.stream().map(LinkedText::features).toList(),
                batchSize);
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            TrainedModel.Output o = outputs.get(i);
            LinkedText t = linked.get(i);
            List<Prediction.PredictedEntity> entities = new ArrayList<>(o.attention().length);
            for (int k = 0; k < o.attention().length; k++) {
                EntityLinker.LinkedEntity e = t.bag().get(k);
                entities.add(new Prediction.PredictedEntity(model.index().title(e.id()), e.commonness(), e.start(),
                        e.end(), o.attention()[k]));
            }
            out.add(new Prediction(model.predictedLabels(o.probabilities()), o.probabilities(), entities,
                    t.truncated(), t.windowEnd()));
        }
        return out;
    }

    /** Every step of the model on one text; the "with entities" probabilities are what {@link #predict} returns. */
    public Explanation explain(String text, String languageCode) {
        String language = kbLanguage(languageCode);
        ModelCard card = model.card();
        ModelVariant variant = card.modelVariant();
        LinkedText linkedText = featurizer.link(List.of(text), variant.usesEntities() ? language : null).get(0);
        Encoding enc = linkedText.encoding();
        int windowEnd = linkedText.windowEnd();
        List<Explanation.Token> tokens = new ArrayList<>(enc.length());
        for (int i = 0; i < enc.length(); i++) {
            tokens.add(new Explanation.Token(i, enc.token(i), enc.id(i), enc.start(i), enc.end(i), enc.isSpecial(i)));
        }
        List<EntityLinker.LinkedEntity> linked = linkedText.bag();
        DocumentFeatures doc = linkedText.features();
        List<Explanation.MentionView> mentions = variant.usesEntities() ? mentions(text, language, windowEnd)
                : List.of();

        BoeModel m = model.model();
        INDArray frozenH = m.onPrecomputedFeatures()
                ? DocumentVectors.compute(model.encoder(), List.of(doc), 1, Progress.silent()) : null;
        List<String> names = new ArrayList<>(List.of(ClassifierHead.LOGITS, ClassifierHead.PROBABILITIES));
        if (!m.onPrecomputedFeatures()) {
            names.add(m.documentVectorName());
        }
        if (variant.usesEntities()) {
            names.addAll(List.of(EntityAttention.ATTENTION_PROBS, EntityAttention.Z));
            if (variant.usesAttention()) {
                names.addAll(List.of(EntityAttention.COSINE, EntityAttention.SCORES));
            }
        }
        Map<String, INDArray> with = output(m, doc, frozenH, names);
        INDArray h = frozenH != null ? frozenH : with.get(m.documentVectorName());
        // the same text with an empty bag: z = 0, so the classifier sees h alone
        Map<String, INDArray> without = variant.usesEntities()
                ? output(m, new DocumentFeatures(doc.tokenIds(), List.of()), frozenH,
                List.of(ClassifierHead.LOGITS, ClassifierHead.PROBABILITIES))
                : with;

        double[] wA = variant.usesAttention()
                ? m.parameters().get(BoeModel.ATTENTION_WEIGHT).toDoubleVector() : null;
        BoeOptions options = m.head().boe();
        Double gate = variant.usesEntities() && options.gated()
                ? m.parameters().get(BoeModel.GATE).getDouble(0) : null;
        INDArray table = variant.usesEntities() ? m.parameters().get(BoeModel.ENTITY_TABLE) : null;
        EntityTableOrigin origin = model.entityOrigin();
        List<Explanation.BagEntity> bag = new ArrayList<>();
        int kept = Math.min(doc.entities().size(), card.maxEntitiesPerDocument());
        for (int k = 0; k < kept; k++) {
            EntityLinker.LinkedEntity e = linked.get(k);
            // the graph's own values, so that explain shows what the model computed (eq. (3))
            Double cos = wA == null ? null : with.get(EntityAttention.COSINE).getDouble(0, k);
            Double score = wA == null ? null : with.get(EntityAttention.SCORES).getDouble(0, k);
            bag.add(new Explanation.BagEntity(k, e.id(), model.index().title(e.id()), e.commonness(), e.start(),
                    e.end(), text.substring(e.start(), e.end()), cos, score,
                    with.get(EntityAttention.ATTENTION_PROBS).getDouble(0, k),
                    table.getRow(e.id()).norm2Number().doubleValue(),
                    origin == null ? null : origin.rowOrigins().get(e.id())));
        }
        double zNorm = variant.usesEntities() ? with.get(EntityAttention.Z).norm2Number().doubleValue() : 0;
        return new Explanation(text, language, card.variant(), linkedText.truncated(), windowEnd, tokens, mentions, bag,
                doc.entities().size() - kept, wA, h.norm2Number().doubleValue(), zNorm, gate, options.commonness(),
                origin == null ? null : origin.description(), card.labels(), scores(with), scores(without));
    }

    /** The named outputs for one document, through the batch-prediction path {@code predict} uses. */
    private static Map<String, INDArray> output(BoeModel m, DocumentFeatures doc, INDArray h, List<String> names) {
        Map<String, INDArray> out = new HashMap<>();
        BatchPrediction.run(m, List.of(doc), h, 1, names.toArray(String[]::new), (start, o) -> out.putAll(o));
        return out;
    }

    private Explanation.Scores scores(Map<String, INDArray> out) {
        double[] p = out.get(ClassifierHead.PROBABILITIES).getRow(0).toDoubleVector();
        return new Explanation.Scores(out.get(ClassifierHead.LOGITS).getRow(0).toDoubleVector(), p,
                model.predictedLabels(p));
    }

    /**
     * The mentions with English candidates that end inside the encoded window (those the bag is made of), each with
     * the local entities behind it and its table row.
     */
    private List<Explanation.MentionView> mentions(String text, String language, int windowEnd) {
        MentionExtractor x = kb.extractor(language);
        Map<Long, Mention> localBySpan = new HashMap<>();
        for (Mention m : x.findLocal(text)) {
            localBySpan.put(span(m), m);
        }
        List<Explanation.MentionView> out = new ArrayList<>();
        for (Mention m : x.find(text)) {
            if (m.end() > windowEnd) {
                continue;
            }
            Mention local = localBySpan.get(span(m));
            List<Explanation.CandidateView> candidates = new ArrayList<>();
            for (Candidate c : m.candidates()) {
                List<String> localTitles = new ArrayList<>();
                if (local != null) {
                    for (Candidate lc : local.candidates()) {
                        if (c.entity().equals(kb.toEnglish(language, lc.entity()))) {
                            localTitles.add(lc.entity());
                        }
                    }
                }
                candidates.add(new Explanation.CandidateView(c.entity(), c.commonness(), model.index().id(c.entity()),
                        localTitles));
            }
            out.add(new Explanation.MentionView(m.start(), m.end(), m.surface(), m.linkProbability(), candidates));
        }
        return out;
    }

    private static long span(Mention m) {
        return ((long) m.start() << 32) | m.end();
    }

    @Override
    public void close() {
        model.close();
    }
}
