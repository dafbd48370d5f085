package org.boe4j.bert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * One batch of encoder inputs, int32 [B, T] each, checked against a configuration before it reaches the graph.
 *
 * <p>Why check in Java: an id outside the embedding table makes the native gather read out of bounds and can
 * crash the JVM (SIGSEGV) instead of throwing, and SameDiff does not check placeholder types either. Every
 * violation is reported with its row, position, value and the allowed range.
 */
public record BertInputs(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {

    public BertInputs {
        inputIds = asInt("input_ids", inputIds);
        attentionMask = asInt("attention_mask", attentionMask);
        tokenTypeIds = asInt("token_type_ids", tokenTypeIds);
        if (!Arrays.equals(inputIds.shape(), attentionMask.shape()) || !Arrays.equals(inputIds.shape(), tokenTypeIds.shape())) {
            throw new IllegalArgumentException("input_ids " + Arrays.toString(inputIds.shape()) + ", attention_mask "
                    + Arrays.toString(attentionMask.shape()) + " and token_type_ids "
                    + Arrays.toString(tokenTypeIds.shape()) + " must have the same shape [B, T]");
        }
    }

    /** From Java arrays; {@code mask} or {@code types} may be null (all ones / all zeros). */
    public static BertInputs of(int[][] ids, int[][] mask, int[][] types) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("input_ids: empty batch");
        }
        int t = ids[0].length;
        int[][] m = mask != null ? mask : fill(ids.length, t, 1);
        int[][] s = types != null ? types : fill(ids.length, t, 0);
        return new BertInputs(matrix("input_ids", ids, ids.length, t), matrix("attention_mask", m, ids.length, t),
                matrix("token_type_ids", s, ids.length, t));
    }

    public long batchSize() {
        return inputIds.size(0);
    }

    public long sequenceLength() {
        return inputIds.size(1);
    }

    /**
     * Throws unless B ≥ 1, 1 ≤ T ≤ max positions, every id is in [0, vocab_size), every token type in
     * [0, type_vocab_size) and every mask value is 0 or 1.
     */
    public BertInputs validate(BertConfig config) {
        if (batchSize() < 1 || sequenceLength() < 1) {
            throw new IllegalArgumentException("empty input: shape " + Arrays.toString(inputIds.shape()));
        }
        if (sequenceLength() > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequence length " + sequenceLength() + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings() + " (truncate the input)");
        }
        checkRange("input_ids", inputIds, config.vocabSize(), "vocab_size");
        checkRange("token_type_ids", tokenTypeIds, config.typeVocabSize(), "type_vocab_size");
        checkRange("attention_mask", attentionMask, 2, "{0, 1}: mask size");
        return this;
    }

    private static void checkRange(String field, INDArray a, int limit, String limitName) {
        int[][] v = a.toIntMatrix();
        for (int b = 0; b < v.length; b++) {
            for (int t = 0; t < v[b].length; t++) {
                if (v[b][t] < 0 || v[b][t] >= limit) {
                    throw new IllegalArgumentException(field + "[" + b + "][" + t + "] = " + v[b][t]
                            + " is outside [0, " + limit + ") (" + limitName + " " + limit + ")");
                }
            }
        }
    }

    private static INDArray asInt(String field, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (a.rank() != 2) {
            throw new IllegalArgumentException(field + " must be [B, T], found shape " + Arrays.toString(a.shape()));
        }
        if (a.dataType() == DataType.INT) {
            return a;
        }
        if (!a.dataType().isIntType()) {
            throw new IllegalArgumentException(field + " must be an integer array (int32), found " + a.dataType());
        }
        return a.castTo(DataType.INT);
    }

    private static INDArray matrix(String field, int[][] rows, int b, int t) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != t) {
                throw new IllegalArgumentException(field + ": row " + i + " has length "
                        + (rows[i] == null ? "null" : rows[i].length) + ", expected " + t + " (pad every row to one length)");
            }
        }
        if (rows.length != b) {
            throw new IllegalArgumentException(field + ": " + rows.length + " rows, expected " + b);
        }
        return Nd4j.createFromArray(rows);
    }

    private static int[][] fill(int b, int t, int value) {
        int[][] a = new int[b][t];
        for (int[] row : a) {
            Arrays.fill(row, value);
        }
        return a;
    }
}
