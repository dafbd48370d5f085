package org.boe4j.text;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of encodings padded to one length T: the encoder's three int32 inputs {@code input_ids},
 * {@code attention_mask} and {@code token_type_ids}, each [B, T]. Padded positions hold the pad id (0 in
 * BERT vocabularies), mask 0 and type 0; real positions mask 1.
 */
public final class EncodedBatch {

    private final List<Encoding> rows;
    private final int length;
    private final int padId;

    EncodedBatch(List<Encoding> rows, int length, int padId) {
        for (int b = 0; b < rows.size(); b++) {
            if (rows.get(b).length() > length) {
                throw new IllegalArgumentException("batch row " + b + " has " + rows.get(b).length()
                        + " tokens, more than the padded length " + length);
            }
        }
        this.rows = List.copyOf(rows);
        this.length = length;
        this.padId = padId;
    }

    /** B. */
    public int size() {
        return rows.size();
    }

    /** T, the padded sequence length. */
    public int length() {
        return length;
    }

    /** The unpadded encoding of row {@code b}, with its tokens and offsets. */
    public Encoding row(int b) {
        return rows.get(b);
    }

    public List<Encoding> rows() {
        return rows;
    }

    /** True when any row was truncated. */
    public boolean anyTruncated() {
        return rows.stream().anyMatch(Encoding::truncated);
    }

    /** Input ids [B][T], padded with the pad id. */
    public int[][] ids() {
        int[][] out = new int[rows.size()][length];
        for (int b = 0; b < rows.size(); b++) {
            Encoding e = rows.get(b);
            Arrays.fill(out[b], padId);
            for (int t = 0; t < e.length(); t++) {
                out[b][t] = e.id(t);
            }
        }
        return out;
    }

    /** Attention mask [B][T]: 1 on real tokens, 0 on padding. */
    public int[][] attentionMask() {
        int[][] out = new int[rows.size()][length];
        for (int b = 0; b < rows.size(); b++) {
            Arrays.fill(out[b], 0, rows.get(b).length(), 1);
        }
        return out;
    }

    /** Token type ids [B][T], 0 on padding. */
    public int[][] typeIds() {
        int[][] out = new int[rows.size()][length];
        for (int b = 0; b < rows.size(); b++) {
            Encoding e = rows.get(b);
            for (int t = 0; t < e.length(); t++) {
                out[b][t] = e.typeId(t);
            }
        }
        return out;
    }

    /** {@link #ids()} widened to long, for APIs that take int64 ids. */
    public long[][] idsAsLong() {
        return widen(ids());
    }

    public long[][] attentionMaskAsLong() {
        return widen(attentionMask());
    }

    public long[][] typeIdsAsLong() {
        return widen(typeIds());
    }

    /** Input ids as an int32 INDArray [B, T]. */
    public INDArray idsArray() {
        return Nd4j.createFromArray(ids());
    }

    /** Attention mask as an int32 INDArray [B, T]. */
    public INDArray attentionMaskArray() {
        return Nd4j.createFromArray(attentionMask());
    }

    /** Token type ids as an int32 INDArray [B, T]. */
    public INDArray typeIdsArray() {
        return Nd4j.createFromArray(typeIds());
    }

    private static long[][] widen(int[][] a) {
        long[][] out = new long[a.length][];
        for (int b = 0; b < a.length; b++) {
            out[b] = Arrays.stream(a[b]).asLongStream().toArray();
        }
        return out;
    }
}
