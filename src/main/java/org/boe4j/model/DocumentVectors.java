package org.boe4j.model;

import org.boe4j.bert.BertEncoding;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.io.Progress;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The document vector h of many documents under a frozen encoder (inference, no dropout): the final [CLS] state.
 * Documents are processed in order of length so that each batch pads little; the result keeps the
 * input order. This is the expensive part of the frozen-encoder mode: computed once, shared by every variant and seed.
 */
public final class DocumentVectors {

    private DocumentVectors() {
    }

    /** @return [N, D] float32, row i the final [CLS] state of document i */
    public static INDArray compute(BertModel encoder, List<DocumentFeatures> docs, int batchSize,
                                   Progress progress) {
        int d = encoder.config().hiddenSize();
        INDArray out = Nd4j.create(DataType.FLOAT, docs.size(), d);
        Integer[] order = IntStream.range(0, docs.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> docs.get(i).length()));
        long tokens = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int t = docs.get(order[end - 1]).length();
            int[][] ids = new int[end - start][t];
            int[][] mask = new int[end - start][t];
            for (int b = start; b < end; b++) {
                int[] row = docs.get(order[b]).tokenIds();
                System.arraycopy(row, 0, ids[b - start], 0, row.length);
                Arrays.fill(mask[b - start], 0, row.length, 1);
                tokens += row.length;
            }
            BertEncoding enc = encoder.forward(BertInputs.of(ids, mask, null));
            INDArray h = enc.cls();                                                         // [b, D]
            for (int b = start; b < end; b++) {
                out.putRow(order[b], h.getRow(b - start).castTo(DataType.FLOAT));
            }
            progress.update(end, tokens + " tokens");
        }
        progress.close();
        return out;
    }

    /** Rows of {@code all} in the given order, [indices.length, D]. */
    public static INDArray rows(INDArray all, int[] indices) {
        return all.get(NDArrayIndex.indices(Arrays.stream(indices).asLongStream().toArray()), NDArrayIndex.all()).dup();
    }
}
