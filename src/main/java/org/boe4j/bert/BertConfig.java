package org.boe4j.bert;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The architecture of a BERT encoder, read from and written to a Hugging Face {@code config.json}
 * ({@code BertConfig}). Only the fields that change the computation are kept; loading checks each.
 *
 * @param layerNormEps LayerNorm epsilon, 1e-12 for every Google BERT checkpoint
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        HiddenAct hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double initializerRange,
        double layerNormEps,
        int padTokenId) {

    public BertConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
        if (hiddenAct == null) {
            throw new IllegalArgumentException("hidden_act is missing");
        }
        probability("hidden_dropout_prob", hiddenDropoutProb);
        probability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, found " + layerNormEps);
        }
        if (padTokenId < 0 || padTokenId >= vocabSize) {
            throw new IllegalArgumentException("pad_token_id " + padTokenId + " outside [0, " + vocabSize + ")");
        }
    }

    /** bert-base-multilingual-cased as Google released it (TF checkpoint: tanh GELU). */
    public static BertConfig multilingualCased() {
        return new BertConfig(119_547, 768, 12, 12, 3072, HiddenAct.GELU_TANH, 0.1, 0.1, 512, 2, 0.02, 1e-12, 0);
    }

    /** A tiny configuration for tests that must run in seconds. */
    public static BertConfig tiny(int vocabSize, HiddenAct act) {
        return new BertConfig(vocabSize, 32, 2, 4, 64, act, 0.1, 0.1, 64, 2, 0.02, 1e-12, 0);
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    public BertConfig withoutDropout() {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                0, 0, maxPositionEmbeddings, typeVocabSize, initializerRange, layerNormEps, padTokenId);
    }

    // ---------------------------------------------------------------- config.json

    public static BertConfig read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "config.json is missing (expected a Hugging Face BertConfig)");
        }
        try {
            return fromJson(JsonParser.parseString(text).getAsJsonObject());
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static BertConfig fromJson(JsonObject json) {
        String modelType = optString(json, "model_type", "bert");
        if (!modelType.equals("bert")) {
            throw new IllegalArgumentException("model_type is \"" + modelType + "\", expected \"bert\"");
        }
        return new BertConfig(
                requiredInt(json, "vocab_size"),
                requiredInt(json, "hidden_size"),
                requiredInt(json, "num_hidden_layers"),
                requiredInt(json, "num_attention_heads"),
                requiredInt(json, "intermediate_size"),
                HiddenAct.fromHfName(optString(json, "hidden_act", "gelu")),
                optDouble(json, "hidden_dropout_prob", 0.1),
                optDouble(json, "attention_probs_dropout_prob", 0.1),
                optInt(json, "max_position_embeddings", 512),
                optInt(json, "type_vocab_size", 2),
                optDouble(json, "initializer_range", 0.02),
                optDouble(json, "layer_norm_eps", 1e-12),
                optInt(json, "pad_token_id", 0));
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonElement arch = JsonParser.parseString("[\"BertModel\"]");
        o.add("architectures", arch);
        o.addProperty("model_type", "bert");
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("hidden_size", hiddenSize);
        o.addProperty("num_hidden_layers", numHiddenLayers);
        o.addProperty("num_attention_heads", numAttentionHeads);
        o.addProperty("intermediate_size", intermediateSize);
        o.addProperty("hidden_act", hiddenAct.hfName());
        o.addProperty("hidden_dropout_prob", hiddenDropoutProb);
        o.addProperty("attention_probs_dropout_prob", attentionProbsDropoutProb);
        o.addProperty("max_position_embeddings", maxPositionEmbeddings);
        o.addProperty("type_vocab_size", typeVocabSize);
        o.addProperty("initializer_range", initializerRange);
        o.addProperty("layer_norm_eps", layerNormEps);
        o.addProperty("pad_token_id", padTokenId);
        o.addProperty("position_embedding_type", "absolute");
        return o;
    }

    public void write(Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        AtomicFiles.writeString(file, gson.toJson(toJson()) + "\n");
    }

    // ---------------------------------------------------------------- helpers

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, found " + value);
        }
    }

    private static void probability(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), found " + value);
        }
    }

    private static int requiredInt(JsonObject json, String field) {
        if (!json.has(field) || json.get(field).isJsonNull()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing");
        }
        return asInt(json, field);
    }

    private static int optInt(JsonObject json, String field, int fallback) {
        return json.has(field) && !json.get(field).isJsonNull() ? asInt(json, field) : fallback;
    }

    private static int asInt(JsonObject json, String field) {
        JsonElement e = json.get(field);
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d)) {
                throw new NumberFormatException();
            }
            return (int) d;
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("field \"" + field + "\" must be an integer, found " + e);
        }
    }

    private static double optDouble(JsonObject json, String field, double fallback) {
        if (!json.has(field) || json.get(field).isJsonNull()) {
            return fallback;
        }
        try {
            return json.get(field).getAsDouble();
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a number, found " + json.get(field));
        }
    }

    private static String optString(JsonObject json, String field, String fallback) {
        if (!json.has(field) || json.get(field).isJsonNull()) {
            return fallback;
        }
        try {
            return json.get(field).getAsString();
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string, found " + json.get(field));
        }
    }
}
