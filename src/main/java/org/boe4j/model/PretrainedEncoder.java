package org.boe4j.model;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.EncodedBatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hugging Face BERT directory opened for use: its tokenizer and its encoder graph holding the weights.
 *
 * @param dir the directory (config.json, model.safetensors, tokenizer.json)
 */
public record PretrainedEncoder(Path dir, BertTokenizer tokenizer, BertModel model) implements AutoCloseable {

    /** Opens {@code dir}; {@code maxLength} (<= max positions) bounds every tokenized input, [CLS] and [SEP] included. */
    public static PretrainedEncoder open(Path dir, int maxLength) throws IOException {
        BertTokenizer tokenizer = BertTokenizer.load(dir, maxLength);
        try {
            BertWeights weights = BertWeights.load(dir);
            return new PretrainedEncoder(dir, tokenizer, BertModel.load(weights.config(), weights.tensors()));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public BertConfig config() {
        return model.config();
    }

    /** Tokenizes a batch (padded to its longest row, truncated to the tokenizer's max length). */
    public EncodedBatch tokenize(List<String> texts) {
        return tokenizer.encodeBatch(texts);
    }

    /** The encoder inputs of a tokenized batch (segment 0 everywhere). */
    public static BertInputs inputs(EncodedBatch batch) {
        return BertInputs.of(batch.ids(), batch.attentionMask(), batch.typeIds());
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
