package org.boe4j.model;

import org.boe4j.bert.BertEncoding;
import org.boe4j.kb.NameEncoder;
import org.boe4j.text.EncodedBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Entity vectors from the encoder when no Wikipedia2Vec file exists: the mean of the final hidden states over the
 * word pieces of the entity's English name ([CLS] and [SEP] excluded, padding masked out).
 */
public final class EncoderNameEncoder implements NameEncoder {

    private final PretrainedEncoder encoder;

    public EncoderNameEncoder(PretrainedEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public float[][] encode(List<String> names) {
        EncodedBatch batch = encoder.tokenize(names);
        BertEncoding enc = encoder.model().forward(PretrainedEncoder.inputs(batch));
        INDArray seq = enc.sequenceOutput().castTo(DataType.FLOAT);                         // [B, T, D]
        int d = (int) seq.size(2);
        float[][] out = new float[names.size()][d];
        for (int b = 0; b < names.size(); b++) {
            int length = batch.row(b).length();
            int from = length > 2 ? 1 : 0;                    // skip [CLS] ... [SEP] unless nothing else is left
            int to = length > 2 ? length - 1 : length;
            for (int t = from; t < to; t++) {
                for (int j = 0; j < d; j++) {
                    out[b][j] += seq.getFloat(b, t, j) / (to - from);
                }
            }
        }
        return out;
    }
}
