package org.boe4j.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.boe4j.io.Checksums;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code model.json}, the index of a trained-model directory (format {@value TrainedModel#FORMAT}, version
 * {@value TrainedModel#FORMAT_VERSION}): what the head computes, where the encoder is, which KB the model was
 * trained with, where it came from, and the size and SHA-256 of every other file of the directory.
 *
 * @param task                   {@link TaskType} name
 * @param variant                {@link ModelVariant#cliName()}
 * @param labels                 class labels, in logit order
 * @param usePooler              h is the pooler output (else the final [CLS] state)
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
 */
public record ModelCard(String format, int formatVersion, String task, String variant, List<String> labels,
                        boolean usePooler, int maxEntitiesPerDocument, double threshold, int maxLength,
                        int hiddenSize, int entityRows, Encoder encoder, KbReference kb, BoeOptions boe,
                        String entityInit, JsonObject provenance,
                        TreeMap<String, FileEntry> files) {

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

    /** One file of the directory. */
    public record FileEntry(long bytes, String sha256) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** Writes the card as pretty-printed JSON (inside a directory being written atomically). */
    void write(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads {@code dir/model.json}, checking the format name and version and the required fields. */
    static ModelCard read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.isDirectory(dir)
                    ? "not a boe4j model directory (no " + file.getFileName() + ")" : "model directory does not exist");
        }
        ModelCard card;
        try {
            card = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ModelCard.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not valid model JSON: " + e.getMessage(), e);
        }
        if (card == null || !TrainedModel.FORMAT.equals(card.format())
                || card.formatVersion() != TrainedModel.FORMAT_VERSION) {
            throw new IOException(file + ": expected format " + TrainedModel.FORMAT + " version "
                    + TrainedModel.FORMAT_VERSION + ", found "
                    + (card == null ? "an empty file" : card.format() + " version " + card.formatVersion()));
        }
        if (card.files() == null || card.labels() == null || card.task() == null || card.variant() == null
                || card.encoder() == null) {
            throw new IOException(file + ": missing field files, labels, task, variant or encoder");
        }
        return card;
    }

    /** Every listed file of {@code dir} present with its size and SHA-256, and no unlisted file besides the card. */
    void verifyFiles(Path dir) throws IOException {
        for (Map.Entry<String, FileEntry> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir.normalize()) || e.getKey().contains("/")) {
                throw new IOException(dir.resolve(TrainedModel.CARD_FILE) + ": file entry '" + e.getKey()
                        + "' is not a plain file name of the directory");
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": listed in " + TrainedModel.CARD_FILE + " but missing");
            }
            long size = Files.size(file);
            if (size != e.getValue().bytes()) {
                throw new IOException(file + ": expected " + e.getValue().bytes() + " bytes, found " + size
                        + " (truncated or damaged)");
            }
            String sha = Checksums.sha256(file);
            if (!sha.equals(e.getValue().sha256())) {
                throw new IOException(file + ": SHA-256 expected " + e.getValue().sha256() + ", found " + sha
                        + " (damaged or modified)");
            }
        }
        TreeSet<String> unlisted = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).forEach(unlisted::add);
        }
        unlisted.removeAll(files.keySet());
        unlisted.remove(TrainedModel.CARD_FILE);
        if (!unlisted.isEmpty()) {
            throw new IOException(dir + ": files not listed in " + TrainedModel.CARD_FILE + ": " + unlisted);
        }
    }

    public TaskType taskType() {
        return TaskType.valueOf(task);
    }

    public ModelVariant modelVariant() {
        return ModelVariant.fromCliName(variant);
    }

    public BoeModel.HeadConfig headConfig() {
        return new BoeModel.HeadConfig(modelVariant(), taskType(), labels, usePooler, maxEntitiesPerDocument,
                boe == null ? BoeOptions.PAPER : boe);
    }
}
