package org.boe4j.train;

import org.boe4j.model.BoeModel;
import org.boe4j.model.DocumentBatch;
import org.boe4j.model.DocumentFeatures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Training data and model for full fine-tuning (the paper's setting): the encoder and the BoE head learn jointly;
 * micro-batches are padded to their longest document.
 */
public final class FineTunedModel implements TrainableModel<DocumentBatch>, TrainingData<DocumentBatch> {

    private final BoeModel model;
    private final List<DocumentFeatures> docs;
    private final List<int[]> labels;
    private final double entityDropout;

    public FineTunedModel(BoeModel model, List<DocumentFeatures> docs, List<int[]> labels) {
        this(model, docs, labels, false);
    }

    /** @param training true for the training data: its batches get the head's entity dropout */
    public FineTunedModel(BoeModel model, List<DocumentFeatures> docs, List<int[]> labels, boolean training) {
        if (model.onPrecomputedFeatures()) {
            throw new IllegalArgumentException("FineTunedModel needs a head attached to the encoder");
        }
        this.model = model;
        this.docs = docs;
        this.labels = labels;
        this.entityDropout = training ? model.head().boe().entityDropout() : 0;
    }

    @Override
    public int size() {
        return docs.size();
    }

    @Override
    public int length(int exampleIndex) {
        return docs.get(exampleIndex).length();
    }

    @Override
    public DocumentBatch batch(int[] exampleIndices) {
        DocumentBatch b = DocumentBatch.of(Arrays.stream(exampleIndices).mapToObj(docs::get).toList(),
                labels == null ? null : Arrays.stream(exampleIndices).mapToObj(labels::get).toList(),
                model.head().labels().size(), model.head().maxEntitiesPerDocument(), model.entityTableRows(),
                model.dataType());
        return entityDropout == 0 || b.entities() == null ? b : new DocumentBatch(b.inputs(),
                b.entities().withDropout(entityDropout, Nd4j.getRandom()), b.labels());
    }

    @Override
    public Map<String, INDArray> parameters() {
        return model.parameters();
    }

    @Override
    public double trainStep(DocumentBatch batch, GradientSums gradients) {
        BoeModel.LossAndGradients result = model.lossAndGradients(batch.inputs(), batch.entities(), batch.labels(),
                batch.size(), gradients.names());
        gradients.addAll(result.gradients());
        return result.loss();
    }
}
