package org.boe4j.train;

import org.boe4j.model.BoeModel;
import org.boe4j.model.DocumentBatch;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.DocumentVectors;
import org.boe4j.model.EntityBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Training data and model for the frozen-encoder mode: each document is its precomputed vector h (a row of an
 * [N, D] matrix), its bag of entities and its labels; only the BoE head (entity table, W_a, classifier) learns.
 */
public final class HeadOnFeatures implements TrainableModel<HeadOnFeatures.Batch>, TrainingData<HeadOnFeatures.Batch> {

    /** A micro-batch: h [b, D], the padded entities, labels [b, C]. */
    public record Batch(INDArray h, EntityBatch entities, INDArray labels) {
    }

    private final BoeModel model;
    private final INDArray h;
    private final List<DocumentFeatures> docs;
    private final List<int[]> labels;
    private final double entityDropout;

    /**
     * @param h      [N, D] document vectors, row i for document i
     * @param labels per document, its label indices (null when only predicting)
     */
    public HeadOnFeatures(BoeModel model, INDArray h, List<DocumentFeatures> docs, List<int[]> labels) {
        this(model, h, docs, labels, false);
    }

    /**
     * @param training true for the training data: its batches get the head's entity dropout
     *                 ({@link org.boe4j.model.BoeOptions#entityDropout()}); false for prediction (no dropout)
     */
    public HeadOnFeatures(BoeModel model, INDArray h, List<DocumentFeatures> docs, List<int[]> labels,
                          boolean training) {
        if (!model.onPrecomputedFeatures()) {
            throw new IllegalArgumentException("HeadOnFeatures needs a head built with BoeModel.onFeatures");
        }
        if (h.size(0) != docs.size() || (labels != null && labels.size() != docs.size())) {
            throw new IllegalArgumentException("h has " + h.size(0) + " rows for " + docs.size() + " documents");
        }
        this.model = model;
        this.h = h;
        this.docs = docs;
        this.labels = labels;
        this.entityDropout = training ? model.head().boe().entityDropout() : 0;
    }

    @Override
    public int size() {
        return docs.size();
    }

    @Override
    public Batch batch(int[] exampleIndices) {
        List<DocumentFeatures> chosen = Arrays.stream(exampleIndices).mapToObj(docs::get).toList();
        List<int[]> chosenLabels = labels == null ? null : Arrays.stream(exampleIndices).mapToObj(labels::get).toList();
        DocumentBatch b = DocumentBatch.of(chosen, chosenLabels, model.head().labels().size(),
                model.head().maxEntitiesPerDocument(), model.entityTableRows(), model.dataType());
        return new Batch(DocumentVectors.rows(h, exampleIndices),
                b.entities() == null ? null : b.entities().withDropout(entityDropout, Nd4j.getRandom()),
                b.labels());
    }

    @Override
    public Map<String, INDArray> parameters() {
        return model.parameters();
    }

    @Override
    public double trainStep(Batch batch, GradientSums gradients) {
        BoeModel.LossAndGradients result = model.lossAndGradients(
                model.feedFeatures(batch.h(), batch.entities(), batch.labels()), gradients.names());
        gradients.addAll(result.gradients());
        return result.loss();
    }
}
