package org.boe4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The entities of a batch of documents, padded to the batch's largest entity count K (at least 1, so that a batch
 * without any entity still has valid shapes): ids [B, K] (0 = padding), commonness [B, K], mask [B, K].
 */
public record EntityBatch(INDArray ids, INDArray commonness, INDArray mask) {

    /** One entity occurrence of a document: its row in the entity table and p(e|m) of the mention. */
    public record Entity(int id, float commonness) {
    }

    /**
     * @param documents  per document, its entities (no disambiguation: every candidate of every mention)
     * @param maxPerDoc  documents with more entities keep their first maxPerDoc (in mention order)
     * @param tableSize  number of rows of the entity table: ids must lie in [1, tableSize); checked here because an
     *                   out-of-range id crashes the JVM inside the native gather
     */
    public static EntityBatch of(List<List<Entity>> documents, int maxPerDoc, int tableSize, DataType floatType) {
        int k = 1;
        for (List<Entity> doc : documents) {
            k = Math.max(k, Math.min(doc.size(), maxPerDoc));
        }
        int b = documents.size();
        int[][] ids = new int[b][k];
        float[][] commonness = new float[b][k];
        float[][] mask = new float[b][k];
        for (int i = 0; i < b; i++) {
            List<Entity> doc = documents.get(i);
            for (int j = 0; j < Math.min(doc.size(), k); j++) {
                Entity e = doc.get(j);
                if (e.id() <= 0 || e.id() >= tableSize) {
                    throw new IllegalArgumentException("document " + i + ", entity " + j + ": id " + e.id()
                            + " outside the entity table [1, " + tableSize + ")");
                }
                ids[i][j] = e.id();
                commonness[i][j] = e.commonness();
                mask[i][j] = 1f;
            }
        }
        return new EntityBatch(Nd4j.createFromArray(ids),
                Nd4j.createFromArray(commonness).castTo(floatType),
                Nd4j.createFromArray(mask).castTo(floatType));
    }
}
