package org.boe4j.model;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.TreeMap;

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
 * @param provenance             free-form: training provenance (checksums, hyper-parameters, seed, code version),
 *                               best step and dev metric
 */
public record ModelCard(String format, int formatVersion, String task, String variant, List<String> labels,
                        boolean usePooler, int maxEntitiesPerDocument, double threshold, int maxLength,
                        int hiddenSize, int entityRows, Encoder encoder, KbReference kb, JsonObject provenance,
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

    public TaskType taskType() {
        return TaskType.valueOf(task);
    }

    public ModelVariant modelVariant() {
        return ModelVariant.fromCliName(variant);
    }

    public BoeModel.HeadConfig headConfig() {
        return new BoeModel.HeadConfig(modelVariant(), taskType(), labels, usePooler, maxEntitiesPerDocument);
    }
}
