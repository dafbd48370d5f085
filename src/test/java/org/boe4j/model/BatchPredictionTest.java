package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch-prediction path: consecutive batches, rows in document order, each batch exactly what one forward pass
 * of those documents gives (so that the experiment runner's numbers and {@code predict}'s are the same computation).
 */
class BatchPredictionTest {

    private static final int ROWS = 6;

    private static List<DocumentFeatures> docs() {
        return List.of(
                new DocumentFeatures(new int[]{2, 5, 3}, List.of(new EntityBatch.Entity(1, 0.9f),
                        new EntityBatch.Entity(4, 0.1f))),
                new DocumentFeatures(new int[]{2, 3}, List.of()),
                new DocumentFeatures(new int[]{2, 6, 7, 3}, List.of(new EntityBatch.Entity(5, 1f))),
                new DocumentFeatures(new int[]{2, 3}, List.of(new EntityBatch.Entity(2, 0.5f),
                        new EntityBatch.Entity(3, 0.5f), new EntityBatch.Entity(1, 0.2f))),
                new DocumentFeatures(new int[]{2, 5, 3}, List.of(new EntityBatch.Entity(4, 0.7f))));
    }

    @Test
    void batchesAreConsecutiveAndEachIsOneForwardPassOfItsDocuments() {
        Nd4j.getRandom().setSeed(3);
        BoeModel m = BoeModel.onFeatures(TinyModels.CONFIG, TinyModels.head(ModelVariant.BOE, TaskType.SINGLE_LABEL),
                Nd4j.randn(DataType.DOUBLE, ROWS, TinyModels.CONFIG.hiddenSize()), DataType.DOUBLE);
        TinyModels.perturbHead(m, 5);
        INDArray h = Nd4j.randn(DataType.DOUBLE, 5, TinyModels.CONFIG.hiddenSize());
        INDArray p = BatchPrediction.probabilities(m, docs(), h, 2);
        assertThat(p.shape()).containsExactly(5, TinyModels.LABELS.size());
        for (int[] batch : new int[][]{{0, 1}, {2, 3}, {4}}) {
            List<DocumentFeatures> part = Arrays.stream(batch).mapToObj(docs()::get).toList();
            DocumentBatch b = DocumentBatch.of(part, null, TinyModels.LABELS.size(), 8, ROWS, DataType.DOUBLE);
            INDArray direct = m.output(m.feedFeatures(DocumentVectors.rows(h, batch), b.entities(), null),
                    ClassifierHead.PROBABILITIES).get(ClassifierHead.PROBABILITIES);
            for (int i = 0; i < batch.length; i++) {
                assertThat(p.getRow(batch[i]).toDoubleVector()).as("document %d", batch[i])
                        .containsExactly(direct.getRow(i).toDoubleVector());
            }
        }
        // one batch of all five: the same numbers up to rounding (padding is masked)
        INDArray whole = BatchPrediction.probabilities(m, docs(), h, 16);
        assertThat(whole.sub(p).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void aHeadOnFeaturesNeedsItsVectorsAndAFullModelTakesNone() {
        BoeModel m = BoeModel.onFeatures(TinyModels.CONFIG, TinyModels.head(ModelVariant.BASELINE,
                TaskType.SINGLE_LABEL), null, DataType.DOUBLE);
        assertThatThrownBy(() -> BatchPrediction.probabilities(m, docs(), null, 2))
                .hasMessageContaining("needs the documents' vectors h");
        assertThatThrownBy(() -> BatchPrediction.probabilities(m, docs(),
                Nd4j.zeros(DataType.DOUBLE, 4, TinyModels.CONFIG.hiddenSize()), 2))
                .hasMessageContaining("h has 4 rows for 5 documents");
        BoeModel full = BoeModel.attach(TinyModels.encoder(2), TinyModels.head(ModelVariant.BASELINE,
                TaskType.SINGLE_LABEL), null);
        assertThatThrownBy(() -> BatchPrediction.probabilities(full, docs(),
                Nd4j.zeros(DataType.FLOAT, 5, TinyModels.CONFIG.hiddenSize()), 2))
                .hasMessageContaining("computes h itself");
    }
}
