package org.boe4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.HiddenAct;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntitySpace;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.model.BoeModel;
import org.boe4j.model.BoeModelPredictor;
import org.boe4j.model.DocumentPredictor;
import org.boe4j.model.Featurizer;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.TokenizerJson;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stand-in for a trained model (the saved-model format is not on this branch): a tiny random M-BERT-shaped
 * encoder in double precision (seeded, so every JVM that loads it gets the same weights), a BoE head with
 * attention, a word-piece vocabulary of the test documents' words and characters, and a small KB whose entries
 * are real anchors of the test documents (per language: surface -> entity, candidates taken as English titles).
 */
record TinyModelFactory(List<String> vocabulary, Map<String, Map<String, String>> entries, List<String> labels,
        long seed, int batchSize) implements PredictorFactory {

    @Override
    public String key() {
        return "tiny-" + seed + "-" + vocabulary.size() + "-" + batchSize;
    }

    @Override
    public DocumentPredictor create() throws IOException {
        Path dir = Files.createTempDirectory("boe4j-tiny-model");
        dir.toFile().deleteOnExit();
        Path vocab = dir.resolve("vocab.txt");
        Files.write(vocab, vocabulary);
        TokenizerJson.write(vocab, dir.resolve(BertTokenizer.TOKENIZER_FILE));
        BertTokenizer tokenizer = BertTokenizer.load(dir, 64);
        KbBuilder kb = new KbBuilder(KbOptions.defaults());
        entries.forEach((lang, pairs) -> {
            kb.entitySpace(lang, EntitySpace.ENGLISH);
            pairs.forEach((surface, entity) -> kb.addEntry(lang, surface, 0.5, entity, 1.0));
        });
        KnowledgeBase built = kb.build();
        EntityIndex index = EntityIndex.fromKb(built);
        BertConfig config = BertConfig.tiny(vocabulary.size(), HiddenAct.GELU_TANH);
        BertModel encoder = BertModel.build(config, DataType.DOUBLE, seed);
        Nd4j.getRandom().setSeed(seed); // the entity table and classifier weights
        BoeModel model = BoeModel.attach(encoder, new BoeModel.HeadConfig(ModelVariant.BOE, TaskType.SINGLE_LABEL,
                labels, false, 8), Nd4j.randn(DataType.DOUBLE, index.size(), config.hiddenSize()));
        return new BoeModelPredictor(model, new Featurizer(tokenizer, built, index), batchSize, 0.5, true);
    }
}
