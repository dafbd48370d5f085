package org.boe4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The entities of a batch of documents, padded to the batch's largest entity count K: ids [B, K] (0 = padding),
 * commonness [B, K], mask [B, K]. K is at least {@value #MIN_SLOTS}: a batch without any entity still has valid
 * shapes, and SameDiff 1.0.0-M2.1 crashes on a reduction over an axis of size 1 of a [B, 1] array
 * (NullPointerException in {@code BaseReduceOp.noOp}, measured), which the softmax over K would otherwise meet.
 */
public record EntityBatch(INDArray ids, INDArray commonness, INDArray mask) {

    static final int MIN_SLOTS = 2;

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
        int k = MIN_SLOTS;
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

    /**
     * Entity dropout (training only, ours): each real entity is masked out with probability {@code p}, drawn from
     * {@code rng} (the trainer reseeds ND4J's generator before every micro-batch, so the draw is reproducible and a
     * resumed run draws the same). Padding stays padding; a document may lose its whole bag (then z = 0).
     */
    public EntityBatch withDropout(double p, Random rng) {
        if (p <= 0) {
            return this;
        }
        float[][] m = mask.castTo(DataType.FLOAT).toFloatMatrix();
        for (float[] row : m) {
            for (int k = 0; k < row.length; k++) {
                if (row[k] != 0 && rng.nextDouble() < p) {
                    row[k] = 0f;
                }
            }
        }
        return new EntityBatch(ids, commonness, Nd4j.createFromArray(m).castTo(mask.dataType()));
    }
}
