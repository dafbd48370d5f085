package org.boe4j.model;

import com.google.gson.JsonObject;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.HiddenAct;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.io.Checksums;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.TokenizerJson;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Small, fully hand-made ingredients for model-directory, predict and explain tests (no real weights needed): a
 * 30-word vocabulary with its tokenizer.json, a tiny random BERT written as a Hugging Face directory, and a KB with
 * German and English dictionaries whose German entities map to English ones.
 */
public final class TinyModels {

    /** Word pieces, id = position; the specials sit at other ids than M-BERT's, which the tokenizer reads from the file. */
    public static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Paris", "Berlin",
            "Frankreich", "France", "Germany", "Deutschland", "liegt", "in", "is", "the", "capital", "of", ".", ",",
            "ist", "die", "Hauptstadt", "von", "a", "city", "##s", "Rome", "Italien", "Italy", "and");
    public static final BertConfig CONFIG = BertConfig.tiny(VOCAB.size(), HiddenAct.GELU_TANH);
    public static final List<String> LABELS = List.of("geography", "politics", "sports");
    public static final int MAX_LENGTH = 32;

    private TinyModels() {
    }

    /**
     * German: "Paris" -> Paris (0.8) or Paris (Mythologie) (0.2), "Frankreich" -> Frankreich (1.0), "Berlin" ->
     * Berlin (1.0), "Italien" -> Italien (1.0, no English counterpart: dropped); English: "Paris" -> Paris (0.9),
     * "France" -> France (1.0), "Rome" -> Rome (1.0).
     */
    public static KnowledgeBase kb() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("de", "Paris", 0.5, "Paris", 0.8);
        b.addEntry("de", "Paris", 0.5, "Paris (Mythologie)", 0.2);
        b.addEntry("de", "Frankreich", 0.5, "Frankreich", 1.0);
        b.addEntry("de", "Berlin", 0.5, "Berlin", 1.0);
        b.addEntry("de", "Italien", 0.5, "Italien", 1.0);
        b.addInterlanguage("de", "Paris", "Paris");
        b.addInterlanguage("de", "Paris (Mythologie)", "Paris (mythology)");
        b.addInterlanguage("de", "Frankreich", "France");
        b.addInterlanguage("de", "Berlin", "Berlin");
        b.addEntry("en", "Paris", 0.5, "Paris", 0.9);
        b.addEntry("en", "France", 0.5, "France", 1.0);
        b.addEntry("en", "Rome", 0.5, "Rome", 1.0);
        return b.build();
    }

    public static Path writeKb(Path file) throws IOException {
        KbFile.write(kb(), file);
        return file;
    }

    /** vocab.txt and tokenizer.json (and config.json) in {@code dir}: enough for the tokenizer. */
    public static Path writeTokenizer(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("vocab.txt"), VOCAB, StandardCharsets.UTF_8);
        TokenizerJson.write(dir.resolve("vocab.txt"), dir.resolve("tokenizer.json"));
        CONFIG.write(dir.resolve(BertWeights.CONFIG));
        return dir;
    }

    /** A random float32 tiny BERT (seeded). */
    public static BertModel encoder(long seed) {
        return BertModel.build(CONFIG, DataType.FLOAT, seed);
    }

    /** A Hugging Face directory (config.json, model.safetensors, tokenizer.json, vocab.txt) holding {@code encoder}. */
    public static Path writeEncoder(Path dir, BertModel encoder) throws IOException {
        writeTokenizer(dir);
        TensorStore.write(dir.resolve(BertWeights.MODEL), encoder.weights());
        return dir;
    }

    /** Random entity vectors, [index size, D]. */
    public static INDArray table(EntityIndex index, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, index.size(), CONFIG.hiddenSize());
    }

    /**
     * Moves the head's parameters away from their initial values, as training would: W_a to a generic value, the
     * classifier to N(0, 0.5) so that the probabilities are far from uniform, the bias to N(0, 0.3).
     */
    public static void perturbHead(BoeModel model, long seed) {
        Random r = new Random(seed);
        model.parameters().forEach((name, w) -> {
            if (name.equals(BoeModel.ATTENTION_WEIGHT) || name.startsWith("classifier.")) {
                double std = name.equals(ClassifierHead.WEIGHT) ? 0.5 : name.equals(ClassifierHead.BIAS) ? 0.3 : 1.0;
                for (long i = 0; i < w.length(); i++) {
                    w.putScalar(i, (name.equals(BoeModel.ATTENTION_WEIGHT) ? 1.0 : 0.0) + std * r.nextGaussian());
                }
            }
        });
    }

    public static BoeModel.HeadConfig head(ModelVariant variant, TaskType task) {
        return new BoeModel.HeadConfig(variant, task, LABELS, 8);
    }

    /**
     * A saved boe model on a frozen tiny encoder, as {@code boe4j experiment} leaves one: {@code dir/mbert} (the
     * encoder), {@code dir/tiny.boe4jkb} and {@code dir/model}, whose model.json references both by absolute path.
     */
    public static Path saveFrozenBoeModel(Path dir) throws IOException {
        Path encoderDir = writeEncoder(dir.resolve("mbert"), encoder(6));
        Path kbFile = writeKb(dir.resolve("tiny.boe4jkb"));
        EntityIndex index = EntityIndex.fromKb(kb());
        BoeModel head = BoeModel.onFeatures(CONFIG, head(ModelVariant.BOE, TaskType.SINGLE_LABEL), table(index, 4),
                DataType.FLOAT);
        perturbHead(head, 8);
        Path modelDir = dir.resolve("model");
        TrainedModel.save(modelDir, head, encoderDir, index, MAX_LENGTH, 0.5,
                new ModelCard.KbReference(kbFile.toAbsolutePath().toString(), Checksums.sha256(kbFile)),
                new JsonObject());
        return modelDir;
    }
}
