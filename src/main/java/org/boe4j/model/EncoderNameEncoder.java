package org.boe4j.model;

import org.boe4j.bert.BertEncoding;
import org.boe4j.kb.NameEncoder;
import org.boe4j.text.EncodedBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Entity vectors from the encoder when no Wikipedia2Vec file exists: the mean of the final hidden states over the
 * word pieces of the entity's English name ([CLS] and [SEP] excluded, padding masked out), or the final [CLS] state
 * (the position h is taken from, for names in a template).
 */
public final class EncoderNameEncoder implements NameEncoder {

    /** How a text's hidden states become one vector. */
    public enum Pooling { MEAN_OF_PIECES, CLS }

    private final PretrainedEncoder encoder;
    private final Pooling pooling;

    public EncoderNameEncoder(PretrainedEncoder encoder) {
        this(encoder, Pooling.MEAN_OF_PIECES);
    }

    public EncoderNameEncoder(PretrainedEncoder encoder, Pooling pooling) {
        this.encoder = encoder;
        this.pooling = pooling;
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
            if (pooling == Pooling.CLS) {
                for (int j = 0; j < d; j++) {
                    out[b][j] = seq.getFloat(b, 0, j);
                }
                continue;
            }
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
