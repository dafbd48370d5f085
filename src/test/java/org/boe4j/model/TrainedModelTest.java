package org.boe4j.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trained-model directories: a model loaded back predicts bit for bit what it predicted before saving (fine-tuned
 * encoder included in the directory, and a head on a referenced frozen encoder); loading rejects every kind of
 * damage with an error naming the file and the tensor.
 */
class TrainedModelTest {

    private static final List<String> TEXTS = List.of("Paris liegt in Frankreich.", "Berlin ist die Hauptstadt von"
            + " Deutschland.", "Italien", "Paris, Berlin, Paris und Rom.");

    @TempDir
    Path dir;

    private final KnowledgeBase kb = TinyModels.kb();
    private final EntityIndex index = EntityIndex.fromKb(kb);

    private JsonObject provenance() {
        JsonObject p = new JsonObject();
        p.addProperty("seed", 1);
        return p;
    }

    private ModelCard.KbReference kbRef() throws IOException {
        Path file = TinyModels.writeKb(dir.resolve("tiny.boe4jkb"));
        return new ModelCard.KbReference(file.toAbsolutePath().toString(), Checksums.sha256(file));
    }

    /** A fine-tuned-looking full model: random tiny encoder, random entity table, head moved off its init. */
    private BoeModel fullModel(ModelVariant variant) {
        BertModel encoder = TinyModels.encoder(5);
        BoeModel m = BoeModel.attach(encoder, TinyModels.head(variant, TaskType.SINGLE_LABEL),
                variant.usesEntities() ? TinyModels.table(index, 9) : null);
        TinyModels.perturbHead(m, 3);
        return m;
    }

    private Path saveFull(BoeModel m, Path target) throws IOException {
        Path tokenizerDir = TinyModels.writeTokenizer(dir.resolve("tokenizer"));
        TrainedModel.save(target, m, tokenizerDir, m.head().variant().usesEntities() ? index : null,
                TinyModels.MAX_LENGTH, TaskType.DEFAULT_THRESHOLD, kbRef(), provenance());
        return target;
    }

    @Test
    void aFullModelPredictsBitForBitTheSameAfterSaveAndLoad() throws IOException {
        for (ModelVariant variant : List.of(ModelVariant.BOE, ModelVariant.BOE_ATT, ModelVariant.BASELINE)) {
            BoeModel m = fullModel(variant);
            Path tokenizerDir = TinyModels.writeTokenizer(dir.resolve("tokenizer"));
            INDArray before;
            try (BertTokenizer tokenizer = BertTokenizer.load(tokenizerDir, TinyModels.MAX_LENGTH)) {
                List<DocumentFeatures> docs = new Featurizer(tokenizer, variant.usesEntities() ? kb : null, index)
                        .featurize(TEXTS, "de");
                DocumentBatch b = DocumentBatch.of(docs, null, 3, 8, m.entityTableRows(), DataType.FLOAT);
                before = m.probabilities(b.inputs(), b.entities());
            }
            Path saved = saveFull(m, dir.resolve("model-" + variant.cliName()));
            assertThat(saved.resolve(BertWeights.MODEL)).exists();
            assertThat(saved.resolve("tokenizer.json")).exists();
            assertThat(Files.exists(saved.resolve(TrainedModel.ENTITIES_FILE))).isEqualTo(variant.usesEntities());
            try (TrainedModel loaded = TrainedModel.load(saved)) {
                assertThat(predicted(loaded)).as(variant.cliName()).containsExactly(before.data().asFloat());
                assertThat(loaded.card().encoder().included()).isTrue();
                // the encoder is a Hugging Face directory of BertModel names: BertWeights (strict) reads it
                try (BertWeights w = BertWeights.load(saved)) {
                    assertThat(w.get("embeddings.word_embeddings.weight").data().asFloat())
                            .containsExactly(m.encoder().weights().get("embeddings.word_embeddings.weight").data().asFloat());
                }
                if (variant.usesEntities()) {
                    assertThat(loaded.index().titles()).isEqualTo(index.titles());
                }
            }
        }
    }

    @Test
    void aHeadOnAFrozenEncoderReferencesTheEncoderAndPredictsTheSameAfterLoad() throws IOException {
        BertModel encoder = TinyModels.encoder(6);
        Path encoderDir = TinyModels.writeEncoder(dir.resolve("mbert"), encoder);
        BoeModel head = BoeModel.onFeatures(TinyModels.CONFIG, TinyModels.head(ModelVariant.BOE, TaskType.SINGLE_LABEL),
                TinyModels.table(index, 4), DataType.FLOAT);
        TinyModels.perturbHead(head, 8);
        INDArray before;
        try (BertTokenizer tokenizer = BertTokenizer.load(encoderDir, TinyModels.MAX_LENGTH)) {
            List<DocumentFeatures> docs = new Featurizer(tokenizer, kb, index).featurize(TEXTS, "de");
            INDArray h = DocumentVectors.compute(encoder, docs, 16, Progress.silent());
            DocumentBatch b = DocumentBatch.of(docs, null, 3, 8, head.entityTableRows(), DataType.FLOAT);
            before = head.output(head.feedFeatures(h, b.entities(), null), ClassifierHead.PROBABILITIES)
                    .get(ClassifierHead.PROBABILITIES);
        }
        Path saved = dir.resolve("head-model");
        TrainedModel.save(saved, head, encoderDir, index, TinyModels.MAX_LENGTH, 0.5, kbRef(), provenance());
        try (var files = Files.list(saved)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("entities.txt", "head.safetensors", "model.json");
        }
        try (TrainedModel loaded = TrainedModel.load(saved)) {
            assertThat(predicted(loaded)).containsExactly(before.data().asFloat());
            ModelCard.Encoder ref = loaded.card().encoder();
            assertThat(ref.included()).isFalse();
            assertThat(ref.path()).isEqualTo(encoderDir.toAbsolutePath().normalize().toString());
            assertThat(ref.modelSha256()).isEqualTo(Checksums.sha256(encoderDir.resolve(BertWeights.MODEL)));
        }
        // the encoder moved: --encoder finds it, the checksums still hold
        Path moved = Files.move(encoderDir, dir.resolve("moved"));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("is not there");
        try (TrainedModel loaded = TrainedModel.load(saved, moved)) {
            assertThat(predicted(loaded)).containsExactly(before.data().asFloat());
        }
        // other weights under the same path are refused
        TinyModels.writeEncoder(moved, TinyModels.encoder(7));
        assertThatThrownBy(() -> TrainedModel.load(saved, moved)).hasMessageContaining("model.safetensors")
                .hasMessageContaining("was trained with a file of SHA-256");
    }

    @Test
    void theCardRecordsFormatLabelsVariantAndEveryFile() throws IOException {
        Path saved = saveFull(fullModel(ModelVariant.BOE), dir.resolve("m"));
        JsonObject card = JsonParser.parseString(Files.readString(saved.resolve("model.json"))).getAsJsonObject();
        assertThat(card.get("format").getAsString()).isEqualTo("boe4j-model");
        assertThat(card.get("formatVersion").getAsInt()).isEqualTo(2);
        assertThat(card.get("variant").getAsString()).isEqualTo("boe");
        assertThat(card.get("task").getAsString()).isEqualTo("SINGLE_LABEL");
        assertThat(card.getAsJsonArray("labels").toString()).isEqualTo("[\"geography\",\"politics\",\"sports\"]");
        assertThat(card.getAsJsonObject("files").keySet()).containsExactly("config.json", "entities.txt",
                "head.safetensors", "model.safetensors", "tokenizer.json", "vocab.txt");
        assertThat(card.getAsJsonObject("provenance").get("seed").getAsInt()).isEqualTo(1);
        assertThat(card.getAsJsonObject("kb").get("sha256").getAsString()).hasSize(64);
        assertThat(Files.readAllLines(saved.resolve("entities.txt"))).isEqualTo(index.titles());
    }

    @Test
    void loadingRejectsMissingExtraAndMisShapedTensorsNamingThem() throws IOException {
        Path saved = saveFull(fullModel(ModelVariant.BOE), dir.resolve("m"));
        Map<String, INDArray> good = TensorStore.readExactly(saved.resolve(TrainedModel.HEAD_FILE), Map.of(
                BoeModel.ENTITY_TABLE, new long[]{index.size(), 32}, BoeModel.ATTENTION_WEIGHT, new long[]{2},
                ClassifierHead.WEIGHT, new long[]{3, 32}, ClassifierHead.BIAS, new long[]{3}));

        rewriteHead(saved, good, t -> t.remove(BoeModel.ATTENTION_WEIGHT));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("head.safetensors")
                .hasMessageContaining("missing tensor 'boe.attention.weight'");

        rewriteHead(saved, good, t -> t.put("classifier.extra", Nd4j.zeros(DataType.FLOAT, 3)));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("unexpected tensor(s) [classifier.extra]");

        rewriteHead(saved, good, t -> t.put(ClassifierHead.WEIGHT, Nd4j.zeros(DataType.FLOAT, 4, 32)));
        assertThatThrownBy(() -> TrainedModel.load(saved))
                .hasMessageContaining("tensor 'classifier.weight' has shape [4, 32], expected [3, 32]");

        rewriteHead(saved, good, t -> t.put(BoeModel.ENTITY_TABLE, Nd4j.zeros(DataType.FLOAT, index.size() + 1, 32)));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("boe.entity_embeddings.weight");

        rewriteHead(saved, good, t -> { });
        try (TrainedModel ok = TrainedModel.load(saved)) {
            assertThat(ok.card().variant()).isEqualTo("boe");
        }
    }

    @Test
    void loadingRejectsDamagedUnlistedAndMissingFiles() throws IOException {
        Path saved = saveFull(fullModel(ModelVariant.BOE), dir.resolve("m"));
        Files.writeString(saved.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("files not listed in model.json: [notes.txt]");
        Files.delete(saved.resolve("notes.txt"));

        Path entities = saved.resolve("entities.txt");
        byte[] original = Files.readAllBytes(entities);
        Files.writeString(entities, Files.readString(entities).replace("Paris", "Parix"));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("entities.txt: SHA-256 ")
                .hasMessageContaining(", but " + saved.resolve(TrainedModel.CARD_FILE) + " says ");
        Files.write(entities, original);

        Path weights = saved.resolve(BertWeights.MODEL);
        Path aside = Files.move(weights, dir.resolve("aside.safetensors"));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("model.safetensors: missing, but listed in "
                + saved.resolve(TrainedModel.CARD_FILE));
        Files.move(aside, weights);

        Files.writeString(saved.resolve("model.json"), Files.readString(saved.resolve("model.json"))
                .replace("\"formatVersion\": 2", "\"formatVersion\": 9"));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("expected format boe4j-model version 1"
                + " to 2, found boe4j-model version 9");
        assertThatThrownBy(() -> TrainedModel.load(dir.resolve("nothing-here")))
                .hasMessageContaining("model directory does not exist");
    }

    @Test
    void multiLabelPredictionUsesTheThreshold() throws IOException {
        BoeModel m = BoeModel.attach(TinyModels.encoder(2), TinyModels.head(ModelVariant.BASELINE, TaskType.MULTI_LABEL), null);
        TinyModels.perturbHead(m, 1);
        try (TrainedModel loaded = TrainedModel.load(saveFull(m, dir.resolve("multi")))) {
            assertThat(loaded.predictedLabels(new double[]{0.5, 0.49, 0.9})).containsExactly("geography", "sports");
            assertThat(loaded.predictedLabels(new double[]{0.1, 0.2, 0.3})).isEmpty();
        }
    }

    /** The probabilities of TEXTS from the loaded model, row after row (float32 values: exact as floats). */
    private float[] predicted(TrainedModel loaded) {
        List<TrainedModel.Output> out = loaded.predict(loaded.featurizer(kb).featurize(TEXTS, "de"), 16);
        int labels = loaded.card().labels().size();
        float[] flat = new float[out.size() * labels];
        for (int i = 0; i < out.size(); i++) {
            for (int c = 0; c < labels; c++) {
                flat[i * labels + c] = (float) out.get(i).probabilities()[c];
            }
        }
        return flat;
    }

    /**
     * Rewrites head.safetensors from {@code base} edited, and updates its size and checksum in model.json and the
     * card's own checksum (recomputed here from its definition: SHA-256 of the compact JSON without the field), as a
     * careless but thorough tool would: the tensor checks are what must catch it.
     */
    private static void rewriteHead(Path saved, Map<String, INDArray> base, Consumer<Map<String, INDArray>> edit)
            throws IOException {
        Path head = saved.resolve(TrainedModel.HEAD_FILE);
        Map<String, INDArray> tensors = new LinkedHashMap<>(base);
        edit.accept(tensors);
        TensorStore.write(head, tensors);
        Path cardFile = saved.resolve(TrainedModel.CARD_FILE);
        JsonObject card = JsonParser.parseString(Files.readString(cardFile)).getAsJsonObject();
        JsonObject entry = card.getAsJsonObject("files").getAsJsonObject(TrainedModel.HEAD_FILE);
        entry.addProperty("bytes", Files.size(head));
        entry.addProperty("sha256", Checksums.sha256(head));
        Files.writeString(cardFile, resealed(card).toString(), StandardCharsets.UTF_8);
    }

    private static JsonObject resealed(JsonObject card) {
        card.remove("cardSha256");
        card.addProperty("cardSha256", Checksums.sha256(card.toString().getBytes(StandardCharsets.UTF_8)));
        return card;
    }

    /**
     * Issue 16, defect 5: the card decides what every prediction means (label order, input window); an edit of it
     * is caught with one line naming the file, while a re-indented card still loads and a version-1 card (no
     * checksum) still loads.
     */
    @Test
    void anEditedCardIsCaughtAndAnOldOneStillLoads() throws IOException {
        Path saved = saveFull(fullModel(ModelVariant.BOE), dir.resolve("m"));
        Path cardFile = saved.resolve(TrainedModel.CARD_FILE);
        String original = Files.readString(cardFile);
        String swapped = original.replace("\"geography\"", "\"@\"").replace("\"politics\"", "\"geography\"")
                .replace("\"@\"", "\"politics\"");
        assertThat(swapped).isNotEqualTo(original);
        Files.writeString(cardFile, swapped);
        assertThatThrownBy(() -> TrainedModel.load(saved)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(cardFile + ": the card does not match its own checksum (cardSha256 ")
                .hasMessageEndingWith("a field such as labels or maxLength was changed after the model was saved, which"
                        + " would silently change its predictions; restore the card from a copy, or retrain the model");

        Files.writeString(cardFile, original.replace("\"maxLength\": " + TinyModels.MAX_LENGTH, "\"maxLength\": 8"));
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("does not match its own checksum");
        assertThatThrownBy(() -> TrainedModel.verifyDirectory(saved)).hasMessageContaining("does not match its own checksum");

        // whitespace is not content
        Files.writeString(cardFile, JsonParser.parseString(original).toString());
        try (TrainedModel ok = TrainedModel.load(saved)) {
            assertThat(ok.card().labels()).containsExactly("geography", "politics", "sports");
        }
        // a version-1 card, as written before the checksum existed, still loads
        JsonObject v1 = JsonParser.parseString(original).getAsJsonObject();
        v1.remove("cardSha256");
        v1.addProperty("formatVersion", 1);
        Files.writeString(cardFile, v1.toString());
        try (TrainedModel ok = TrainedModel.load(saved)) {
            assertThat(ok.card().formatVersion()).isEqualTo(1);
        }
        // but a version-2 card without its checksum does not
        v1.addProperty("formatVersion", 2);
        Files.writeString(cardFile, v1.toString());
        assertThatThrownBy(() -> TrainedModel.load(saved)).hasMessageContaining("no cardSha256");
    }
}
