package org.boe4j.model;

import org.boe4j.bert.BertInputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * A micro-batch for {@link BoeModel}: token ids padded to the batch's longest document (pad id 0, mask 0), the
 * padded bag of entities, and the label matrix [B, C] (one-hot or multi-hot; null for prediction).
 */
public record DocumentBatch(BertInputs inputs, EntityBatch entities, INDArray labels) {

    public int size() {
        return (int) inputs.batchSize();
    }

    /**
     * @param labels per document, the indices of its labels (one for single-label tasks); null for prediction
     */
    public static DocumentBatch of(List<DocumentFeatures> docs, List<int[]> labels, int numLabels,
                                   int maxEntitiesPerDocument, int entityTableRows, DataType floatType) {
        int t = docs.stream().mapToInt(DocumentFeatures::length).max().orElseThrow();
        int[][] ids = new int[docs.size()][t];
        int[][] mask = new int[docs.size()][t];
        for (int b = 0; b < docs.size(); b++) {
            int[] row = docs.get(b).tokenIds();
            System.arraycopy(row, 0, ids[b], 0, row.length);
            Arrays.fill(mask[b], 0, row.length, 1);
        }
        EntityBatch entities = entityTableRows > 0
                ? EntityBatch.of(docs.stream().map(DocumentFeatures::entities).toList(), maxEntitiesPerDocument,
                entityTableRows, floatType)
                : null;
        INDArray y = null;
        if (labels != null) {
            float[][] m = new float[docs.size()][numLabels];
            for (int b = 0; b < docs.size(); b++) {
                for (int c : labels.get(b)) {
                    m[b][c] = 1f;
                }
            }
            y = Nd4j.createFromArray(m).castTo(floatType);
        }
        return new DocumentBatch(BertInputs.of(ids, mask, null), entities, y);
    }
}
