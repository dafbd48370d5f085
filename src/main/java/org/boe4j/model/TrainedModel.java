package org.boe4j.model;

import com.google.gson.JsonObject;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Checksums;
import org.boe4j.io.ExpectedSha256;
import org.boe4j.io.FileManifest;
import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.BertTokenizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A trained model directory (format {@value #FORMAT}, version {@value #FORMAT_VERSION}), and the model it holds,
 * loaded and ready to predict.
 *
 * <pre>
 *   model.json          {@link ModelCard}: task, variant, labels, head settings, encoder (included or referenced),
 *                       KB reference, provenance, and the size + SHA-256 of every other file; written last
 *   head.safetensors    the head's parameters, exactly those of {@link HeadParameters#expectedShapes}: classifier
 *                       weight and bias; entity table, W_a and gate as the variant and options have them
 *   entities.txt        entity variants: the English entity title of each row of the entity table, line k = row k
 *                       (line 1 is the padding row {@code <pad>})
 *   config.json, model.safetensors, tokenizer.json, vocab.txt
 *                       only when the encoder was fine-tuned: a Hugging Face BERT directory (BertModel names),
 *                       loadable by {@link BertWeights} or by HF's {@code BertModel.from_pretrained}
 * </pre>
 * A head trained on a frozen encoder does not copy the 714 MB encoder: model.json references its directory by path
 * and by the SHA-256 of its model.safetensors and tokenizer.json, which loading checks.
 *
 * <p>Loading is strict: a missing, unlisted, resized or altered file, a missing, extra or mis-shaped tensor, or an
 * entity list whose length differs from the table is an error naming the file (and the tensor). The directory is
 * written atomically ({@link AtomicFiles#writeDirectory}). A model loaded back predicts bit for bit what it did when
 * it was saved (tested).
 */
public final class TrainedModel implements AutoCloseable {

    public static final String FORMAT = "boe4j-model";
    /** 2: model.json carries its own checksum (version 1 cards still load, with a note that they cannot be checked). */
    public static final int FORMAT_VERSION = 2;
    public static final String CARD_FILE = "model.json";
    public static final String HEAD_FILE = "head.safetensors";
    public static final String ENTITIES_FILE = "entities.txt";
    /** Optional: line k = where row k of the initial entity table came from ({@link EntityTableOrigin}). */
    public static final String ORIGINS_FILE = "entity-origins.txt";
    /** Tokenizer files copied beside a fine-tuned encoder (vocab.txt when the source has it). */
    static final String TOKENIZER_JSON = BertTokenizer.TOKENIZER_FILE;
    static final String VOCAB_TXT = "vocab.txt";

    private final Path dir;
    private final ModelCard card;
    private final BoeModel model;
    private final BertModel encoder;
    private final BertTokenizer tokenizer;
    private final EntityIndex index;
    private final EntityTableOrigin origin;
    /** Where the encoder was read from: {@code dir} for a fine-tuned model, the frozen encoder's directory otherwise. */
    private final Path encoderDir;

    private TrainedModel(Path dir, ModelCard card, BoeModel model, BertModel encoder, BertTokenizer tokenizer,
                         EntityIndex index, Path encoderDir, EntityTableOrigin origin) {
        this.origin = origin;
        this.dir = dir;
        this.encoderDir = encoderDir;
        this.card = card;
        this.model = model;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.index = index;
    }

    // ------------------------------------------------------------------ save

    /**
     * Writes {@code model} (its current weights) to {@code dir}, replacing it atomically.
     *
     * @param encoderDir the Hugging Face directory the encoder came from: its tokenizer files are copied next to a
     *                   fine-tuned encoder; for a head on precomputed features it is the referenced encoder
     * @param index      the entity index whose titles name the table's rows (null for the baseline)
     * @param maxLength  the tokenizer's max length in training
     * @param kb         the KB the entities came from (null for the baseline)
     * @param provenance where the model came from (stored as given)
     */
    public static void save(Path dir, BoeModel model, Path encoderDir, EntityIndex index, int maxLength,
                            double threshold, ModelCard.KbReference kb, JsonObject provenance) throws IOException {
        save(dir, model, encoderDir, index, maxLength, threshold, kb, null, provenance);
    }

    /** As above, with where the initial entity table came from (null: not recorded). */
    public static void save(Path dir, BoeModel model, Path encoderDir, EntityIndex index, int maxLength,
                            double threshold, ModelCard.KbReference kb, EntityTableOrigin origin,
                            JsonObject provenance) throws IOException {
        BoeModel.HeadConfig head = model.head();
        if (origin != null && origin.rowOrigins().size() != model.entityTableRows()) {
            throw new IllegalArgumentException("the entity table has " + model.entityTableRows() + " rows but "
                    + origin.rowOrigins().size() + " row origins were given");
        }
        if (head.variant().usesEntities() && (index == null || index.size() != model.entityTableRows())) {
            throw new IllegalArgumentException("the entity table has " + model.entityTableRows() + " rows but the"
                    + " entity index " + (index == null ? "is missing" : "has " + index.size() + " titles"));
        }
        Path tokenizerJson = encoderDir.resolve(TOKENIZER_JSON);
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new NoSuchFileException(tokenizerJson.toString(), null, "the encoder directory has no tokenizer.json");
        }
        int hidden = (int) model.hiddenSize();
        AtomicFiles.writeDirectory(dir, tmp -> {
            Map<String, INDArray> headTensors = new LinkedHashMap<>();
            for (String name : model.headParameterShapes().keySet()) {
                headTensors.put(name, float32(model.sameDiff().getVariable(name).getArr()));
            }
            TensorStore.write(tmp.resolve(HEAD_FILE), headTensors);
            boolean withOrigins = head.variant().usesEntities() && origin != null;
            if (head.variant().usesEntities()) {
                index.write(tmp.resolve(ENTITIES_FILE));
                if (withOrigins) {
                    AtomicFiles.writeString(tmp.resolve(ORIGINS_FILE), String.join("\n", origin.rowOrigins()) + "\n");
                }
            }
            ModelCard.Encoder encoderRef;
            if (model.onPrecomputedFeatures()) {
                Path weights = encoderDir.resolve(BertWeights.MODEL);
                encoderRef = new ModelCard.Encoder(false, encoderDir.toAbsolutePath().normalize().toString(),
                        Checksums.sha256(weights), Checksums.sha256(tokenizerJson));
            } else {
                BertModel bert = model.encoder();
                bert.config().write(tmp.resolve(BertWeights.CONFIG));
                Map<String, INDArray> weights = new LinkedHashMap<>();
                bert.weights().forEach((name, w) -> weights.put(name, float32(w)));
                TensorStore.write(tmp.resolve(BertWeights.MODEL), weights);
                Files.copy(tokenizerJson, tmp.resolve(TOKENIZER_JSON));
                if (Files.isRegularFile(encoderDir.resolve(VOCAB_TXT))) {
                    Files.copy(encoderDir.resolve(VOCAB_TXT), tmp.resolve(VOCAB_TXT));
                }
                encoderRef = new ModelCard.Encoder(true, null, Checksums.sha256(tmp.resolve(BertWeights.MODEL)),
                        Checksums.sha256(tmp.resolve(TOKENIZER_JSON)));
            }
            TreeMap<String, FileManifest.Entry> files = FileManifest.hashDirectory(tmp);
            ModelCard card = new ModelCard(FORMAT, FORMAT_VERSION, head.task().name(), head.variant().cliName(),
                    head.labels(), head.maxEntitiesPerDocument(), threshold, maxLength, hidden,
                    model.entityTableRows(), encoderRef, head.variant().usesEntities() ? kb : null, head.boe(),
                    withOrigins ? origin.description() : null, provenance, files, null);
            card.write(tmp.resolve(CARD_FILE));
        });
    }

    private static INDArray float32(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    // ------------------------------------------------------------------ load

    public static TrainedModel load(Path dir) throws IOException {
        return load(dir, null);
    }

    /**
     * Checks a model directory without loading it: its model card parses and every file it lists is present with
     * the recorded size and checksum. For a job that loads the model elsewhere (Spark executors) to fail on the
     * driver, before any work, naming the file at fault.
     */
    public static void verifyDirectory(Path dir) throws IOException {
        headConfig(verifiedCard(dir), dir);
    }

    /** The model card of {@code dir}, after checking every file it lists (size and checksum). */
    private static ModelCard verifiedCard(Path dir) throws IOException {
        ModelCard card = ModelCard.read(dir.resolve(CARD_FILE));
        card.verifyFiles(dir, Set.of());
        return card;
    }

    private static BoeModel.HeadConfig headConfig(ModelCard card, Path dir) throws IOException {
        try {
            return card.headConfig();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(dir.resolve(CARD_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model directory.
     *
     * @param encoderDir for a head on a referenced (frozen) encoder: where that encoder is now, if it moved
     *                   (null: the recorded path); its checksums must match the recorded ones
     */
    public static TrainedModel load(Path dir, Path encoderDir) throws IOException {
        ModelCard card = ModelCard.read(dir.resolve(CARD_FILE));
        // an included encoder's 714 MB are hashed once, while BertWeights reads them, not here as well
        card.verifyFiles(dir, card.encoder().included() ? Set.of(BertWeights.MODEL) : Set.of());
        BoeModel.HeadConfig head = headConfig(card, dir);
        EntityIndex index = null;
        List<String> origins = null;
        if (head.variant().usesEntities()) {
            index = EntityIndex.read(dir.resolve(ENTITIES_FILE));
            if (index.size() != card.entityRows()) {
                throw new IOException(dir.resolve(ENTITIES_FILE) + ": " + index.size() + " titles (with <pad>), but "
                        + CARD_FILE + " declares an entity table of " + card.entityRows() + " rows");
            }
            if (card.files().containsKey(ORIGINS_FILE)) {
                origins = Files.readAllLines(dir.resolve(ORIGINS_FILE), StandardCharsets.UTF_8);
                if (origins.size() != card.entityRows()) {
                    throw new IOException(dir.resolve(ORIGINS_FILE) + ": " + origins.size() + " lines, but "
                            + CARD_FILE + " declares an entity table of " + card.entityRows() + " rows");
                }
            }
        }
        // the one list of head parameters: a missing, unknown or mis-shaped tensor is an error naming the file and it
        Map<String, long[]> expected = HeadParameters.expectedShapes(head, card.hiddenSize(), card.entityRows());
        Map<String, INDArray> tensors = TensorStore.readExactly(dir.resolve(HEAD_FILE), expected);

        ModelCard.Encoder ref = card.encoder();
        Path encoderFiles;
        List<ExpectedSha256> recorded = new ArrayList<>();
        if (ref.included()) {
            encoderFiles = dir;
            String remedy = ModelCard.REMEDY;
            recorded.add(new ExpectedSha256(ref.modelSha256(), "the model card " + dir.resolve(CARD_FILE)
                    + " records the encoder as", remedy));
            recorded.add(new ExpectedSha256(card.files().get(BertWeights.MODEL).sha256(), "the model card "
                    + dir.resolve(CARD_FILE) + " lists it with", remedy));
        } else {
            encoderFiles = encoderDir != null ? encoderDir : Path.of(ref.path());
            if (!Files.isDirectory(encoderFiles)) {
                throw new NoSuchFileException(encoderFiles.toString(), null, "the frozen encoder this model was"
                        + " trained on is not there (point to its new place with --encoder DIR)");
            }
            checkSha(encoderFiles.resolve(TOKENIZER_JSON), ref.tokenizerSha256(), dir);
            recorded.add(new ExpectedSha256(ref.modelSha256(), "the model " + dir + " was trained with a file of"
                    + " SHA-256", "other weights? Point --encoder to the directory it was trained with"));
        }
        // model.safetensors is hashed while it is read, against the card (and the encoder's manifest.json)
        BertWeights weights = BertWeights.load(encoderFiles, recorded);
        BertConfig config = weights.config();
        if (config.hiddenSize() != card.hiddenSize()) {
            throw new IOException(encoderFiles.resolve(BertWeights.CONFIG) + ": hidden_size " + config.hiddenSize()
                    + ", but the head in " + dir + " expects " + card.hiddenSize());
        }
        BertTokenizer tokenizer = BertTokenizer.load(encoderFiles, card.maxLength());
        BertModel bert = BertModel.load(config, weights.tensors());
        INDArray table = tensors.get(BoeModel.ENTITY_TABLE);
        BoeModel model = ref.included() ? BoeModel.attach(bert, head, table)
                : BoeModel.onFeatures(config, head, table, DataType.FLOAT);
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            if (!e.getKey().equals(BoeModel.ENTITY_TABLE)) {
                model.sameDiff().getVariable(e.getKey()).getArr().assign(e.getValue());
            }
        }
        return new TrainedModel(dir, card, model, bert, tokenizer, index, encoderFiles,
                origins == null ? null : new EntityTableOrigin(card.entityInit(), origins));
    }

    private static void checkSha(Path file, String expected, Path modelDir) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "needed by the model " + modelDir);
        }
        String actual = Checksums.sha256(file);
        if (!actual.equals(expected)) {
            throw new IOException(file + ": SHA-256 " + actual + ", but the model " + modelDir
                    + " was trained with a file of SHA-256 " + expected + " (other weights?)");
        }
    }

    // ------------------------------------------------------------------ use

    /** Text -> features with this model's tokenizer and entity rows, entities found with {@code kb}. */
    public Featurizer featurizer(KnowledgeBase kb) {
        if (card.modelVariant().usesEntities() && kb == null) {
            throw new IllegalArgumentException("the " + card.variant() + " model needs a knowledge base");
        }
        return new Featurizer(tokenizer, card.modelVariant().usesEntities() ? kb : null, index);
    }

    /**
     * What the model computes for one document (inference).
     *
     * @param probabilities per label, in the card's label order
     * @param attention     the attention weight a_e of each entity of the bag the head saw (the first
     *                      maxEntitiesPerDocument, in bag order; 1/K for the -att variant); empty for the baseline
     */
    public record Output(double[] probabilities, double[] attention) {
    }

    /**
     * The outputs of featurized documents (dropout off), in batches of {@code batchSize}, in order
     * ({@link BatchPrediction}; a frozen encoder first computes h).
     */
    public List<Output> predict(List<DocumentFeatures> docs, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be >= 1, got " + batchSize);
        }
        boolean entities = card.modelVariant().usesEntities();
        String[] names = entities ? new String[]{ClassifierHead.PROBABILITIES, EntityAttention.ATTENTION_PROBS}
                : new String[]{ClassifierHead.PROBABILITIES};
        INDArray h = model.onPrecomputedFeatures() && !docs.isEmpty()
                ? DocumentVectors.compute(encoder, docs, batchSize, Progress.silent()) : null;
        List<Output> out = new ArrayList<>(docs.size());
        BatchPrediction.run(model, docs, h, batchSize, names, (start, o) -> {
            INDArray p = o.get(ClassifierHead.PROBABILITIES);
            for (int i = 0; i < p.size(0); i++) {
                double[] a = new double[Math.min(docs.get(start + i).entities().size(), card.maxEntitiesPerDocument())];
                for (int k = 0; k < a.length; k++) {
                    a[k] = o.get(EntityAttention.ATTENTION_PROBS).getDouble(i, k);
                }
                out.add(new Output(p.getRow(i).toDoubleVector(), a));
            }
        });
        return out;
    }

    /** The labels predicted from one row of probabilities (eqs. (5)-(6), {@link TaskType#predictedLabels}). */
    public List<String> predictedLabels(double[] probabilities) {
        return card.taskType().predictedLabels(probabilities, card.labels(), card.threshold());
    }

    public Path dir() {
        return dir;
    }

    /** The directory the encoder was loaded from (the model's own for a fine-tuned model; {@code --encoder} if given). */
    public Path encoderDir() {
        return encoderDir;
    }

    public ModelCard card() {
        return card;
    }

    /** The graph: the full model, or the head alone for a frozen encoder. */
    public BoeModel model() {
        return model;
    }

    /** The encoder graph (the same as {@code model().encoder()} unless the encoder is frozen and separate). */
    public BertModel encoder() {
        return encoder;
    }

    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** Where the initial entity table came from (null when the model did not record it). */
    public EntityTableOrigin entityOrigin() {
        return origin;
    }

    /** The entity rows' English titles (null for the baseline). */
    public EntityIndex index() {
        return index;
    }

    /** The head's saved tensors' current values, by name (live arrays). */
    public Map<String, INDArray> headTensors() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : model.headParameterShapes().keySet()) {
            m.put(name, model.sameDiff().getVariable(name).getArr());
        }
        return m;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return dir + " (" + card.variant() + ", " + card.labels().size() + " labels" + (card.encoder().included()
                ? ", fine-tuned encoder" : ", frozen encoder " + encoderDir) + ")";
    }
}
