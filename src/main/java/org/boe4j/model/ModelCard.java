package org.boe4j.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.io.Checksums;
import org.boe4j.io.FileManifest;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code model.json}, the index of a trained-model directory (format {@value TrainedModel#FORMAT}, version
 * {@value TrainedModel#FORMAT_VERSION}): what the head computes, where the encoder is, which KB the model was
 * trained with, where it came from, and the size and SHA-256 of every other file of the directory.
 *
 * @param task                   {@link TaskType} name
 * @param variant                {@link ModelVariant#cliName()}
 * @param labels                 class labels, in logit order
 * @param maxEntitiesPerDocument a document keeps its first this many entities (mention order)
 * @param threshold              multi-label: a label is predicted when its probability is >= this
 * @param maxLength              word pieces per document, [CLS] and [SEP] included, as in training
 * @param hiddenSize             D, the width of h, of the entity vectors and of the classifier's input
 * @param entityRows             rows of the entity table, padding row 0 included (0 for the baseline)
 * @param kb                     the knowledge base the entities were extracted with (null for the baseline)
 * @param boe                    the head's options beyond the paper (gate, commonness, entity dropout); null in
 *                               cards written before they existed, meaning {@link BoeOptions#PAPER}
 * @param entityInit             how the entity table was initialised (null when unknown or for the baseline); each
 *                               row's origin is in {@value TrainedModel#ORIGINS_FILE} when the card lists it
 * @param provenance             free-form: training provenance (checksums, hyper-parameters, seed, code version),
 *                               best step and dev metric
 * @param cardSha256             since version 2: SHA-256 of the card itself without this field, in compact JSON
 *                               (so re-indenting is harmless, while swapping two labels or changing maxLength, which
 *                               would silently change every prediction, is caught). Integrity, not authenticity:
 *                               whoever edits a card on purpose can recompute it.
 */
public record ModelCard(String format, int formatVersion, String task, String variant, List<String> labels,
                        int maxEntitiesPerDocument, double threshold, int maxLength,
                        int hiddenSize, int entityRows, Encoder encoder, KbReference kb, BoeOptions boe,
                        String entityInit, JsonObject provenance, TreeMap<String, FileManifest.Entry> files,
                        String cardSha256) {

    /**
     * Where the encoder is.
     *
     * @param included        true: its files (config.json, model.safetensors, tokenizer.json, vocab.txt) are in the
     *                        model directory (fine-tuned encoder); false: the encoder was frozen and is referenced
     * @param path            the referenced encoder directory (absolute; null when included)
     * @param modelSha256     SHA-256 of the encoder's model.safetensors (checked on load)
     * @param tokenizerSha256 SHA-256 of its tokenizer.json (checked on load)
     */
    public record Encoder(boolean included, String path, String modelSha256, String tokenizerSha256) {
    }

    /** A KB file by absolute path and SHA-256; the model's rows are identified by title, so another KB works too. */
    public record KbReference(String path, String sha256) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The form the card's own checksum is taken over: compact, so whitespace does not count. */
    private static final Gson CANONICAL = new GsonBuilder().disableHtmlEscaping().create();
    static final String SEAL_FIELD = "cardSha256";
    /** A field of cards written before h was always the [CLS] state; only {@code false} is accepted. */
    static final String LEGACY_POOLER_FIELD = "usePooler";
    /** The first format version whose card carries {@link #cardSha256}. */
    static final int SEALED_SINCE = 2;
    /** What to do about a damaged file of a model directory. */
    static final String REMEDY = "the model directory is damaged: copy it again from where it came from, or retrain it";

    /** Writes the card as pretty-printed JSON with its own checksum (inside a directory being written atomically). */
    void write(Path file) throws IOException {
        JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
        json.addProperty(SEAL_FIELD, seal(json));
        Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    /** SHA-256 of the card's fields but {@link #SEAL_FIELD}, in compact JSON, in file order. */
    private static String seal(JsonObject json) {
        JsonObject copy = json.deepCopy();
        copy.remove(SEAL_FIELD);
        return Checksums.sha256(CANONICAL.toJson(copy).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code dir/model.json}, checking the format name and version and the required fields. */
    static ModelCard read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.isDirectory(dir)
                    ? "not a boe4j model directory (no " + file.getFileName() + ")" : "model directory does not exist");
        }
        ModelCard card;
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            json = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
            card = json == null ? null : GSON.fromJson(json, ModelCard.class);
        } catch (JsonParseException | IllegalStateException | MalformedInputException e) {
            throw new IOException(file + ": not valid model JSON: " + e.getMessage(), e);
        }
        if (card == null || !TrainedModel.FORMAT.equals(card.format())
                || card.formatVersion() < 1 || card.formatVersion() > TrainedModel.FORMAT_VERSION) {
            throw new IOException(file + ": expected format " + TrainedModel.FORMAT + " version 1 to "
                    + TrainedModel.FORMAT_VERSION + ", found "
                    + (card == null ? "no JSON object" : card.format() + " version " + card.formatVersion()));
        }
        if (card.formatVersion() >= SEALED_SINCE) {
            String actual = seal(json);
            if (card.cardSha256() == null) {
                throw new IOException(file + ": no " + SEAL_FIELD + ", which format version " + card.formatVersion()
                        + " requires (the card was edited or cut); restore it from a copy, or retrain the model");
            }
            if (!actual.equals(card.cardSha256())) {
                throw new IOException(file + ": the card does not match its own checksum (" + SEAL_FIELD + " "
                        + card.cardSha256() + ", content " + actual + "): a field such as labels or maxLength was"
                        + " changed after the model was saved, which would silently change its predictions; restore"
                        + " the card from a copy, or retrain the model");
            }
        } else {
            System.err.println("note: " + file + " is a version " + card.formatVersion() + " model card, which has"
                    + " no checksum of its own: a change to its labels or settings cannot be detected (models saved"
                    + " from now on carry one)");
        }
        // cards written before h was always the [CLS] state carry "usePooler": false (nothing could set it true);
        // a true one asks for the pooler output, which this version cannot compute: refused, not silently changed
        if (json.has(LEGACY_POOLER_FIELD) && !(json.get(LEGACY_POOLER_FIELD).isJsonPrimitive()
                && !json.get(LEGACY_POOLER_FIELD).getAsBoolean())) {
            throw new IOException(file + ": \"" + LEGACY_POOLER_FIELD + "\": " + json.get(LEGACY_POOLER_FIELD)
                    + " asks for h = the pooler output; boe4j computes h as the final [CLS] state only (the"
                    + " paper's), so this model cannot be loaded as it was trained");
        }
        if (card.files() == null || card.labels() == null || card.task() == null || card.variant() == null
                || card.encoder() == null) {
            throw new IOException(file + ": missing field files, labels, task, variant or encoder");
        }
        return card;
    }

    /**
     * Every listed file of {@code dir} present with its size and SHA-256, and no unlisted file besides the card.
     *
     * @param hashedByCaller files checked for size only, because the caller hashes them while reading them
     */
    void verifyFiles(Path dir, Set<String> hashedByCaller) throws IOException {
        new FileManifest(dir.resolve(TrainedModel.CARD_FILE), files, "the model was saved", REMEDY)
                .verify(hashedByCaller, true);
    }

    public TaskType taskType() {
        return TaskType.valueOf(task);
    }

    public ModelVariant modelVariant() {
        return ModelVariant.fromCliName(variant);
    }

    public BoeModel.HeadConfig headConfig() {
        return new BoeModel.HeadConfig(modelVariant(), taskType(), labels, maxEntitiesPerDocument,
                boe == null ? BoeOptions.PAPER : boe);
    }
}
