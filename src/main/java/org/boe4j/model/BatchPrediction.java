package org.boe4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The one batch-prediction path: featurized documents through the head (dropout off) in consecutive batches, in
 * order. {@link TrainedModel#predict} ({@code boe4j predict}, {@code explain}'s bag, the Spark job) and the experiment
 * runner (dev scores for early stopping, the test results of the report) both run it; the labels then come from
 * {@link TaskType#predictedLabels}.
 */
public final class BatchPrediction {

    private BatchPrediction() {
    }

    /** Receives the named outputs of the documents {@code [start, start + b)}, row i for document start + i. */
    @FunctionalInterface
    public interface BatchOutputs {
        void accept(int start, Map<String, INDArray> outputs);
    }

    /**
     * Runs {@code docs} through {@code model} in batches of {@code batchSize} and hands each batch's named outputs
     * to {@code sink}.
     *
     * @param h [N, D] the documents' vectors under the frozen encoder, row i for document i, for a head on
     *          precomputed features; null for a model that extends the encoder
     */
    public static void run(BoeModel model, List<DocumentFeatures> docs, INDArray h, int batchSize, String[] names,
                           BatchOutputs sink) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be >= 1, got " + batchSize);
        }
        if (docs.isEmpty()) {
            return;
        }
        if (model.onPrecomputedFeatures() != (h != null)) {
            throw new IllegalArgumentException(model.onPrecomputedFeatures()
                    ? "a head on precomputed features needs the documents' vectors h"
                    : "a model that extends the encoder computes h itself: pass none");
        }
        if (h != null && h.size(0) != docs.size()) {
            throw new IllegalArgumentException("h has " + h.size(0) + " rows for " + docs.size() + " documents");
        }
        BoeModel.HeadConfig head = model.head();
        for (int start = 0; start < docs.size(); start += batchSize) {
            int end = Math.min(docs.size(), start + batchSize);
            DocumentBatch b = DocumentBatch.of(docs.subList(start, end), null, head.labels().size(),
                    head.maxEntitiesPerDocument(), model.entityTableRows(), model.dataType());
            Map<String, INDArray> feed = h == null ? model.feed(b.inputs(), b.entities(), null, false)
                    : model.feedFeatures(DocumentVectors.rows(h, IntStream.range(start, end).toArray()), b.entities(),
                    null);
            sink.accept(start, model.output(feed, names));
        }
    }

    /** Class probabilities [N, C] of {@code docs}, columns in the head's label order (see {@link #run}). */
    public static INDArray probabilities(BoeModel model, List<DocumentFeatures> docs, INDArray h, int batchSize) {
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("no documents to predict");
        }
        List<INDArray> parts = new ArrayList<>();
        run(model, docs, h, batchSize, new String[]{ClassifierHead.PROBABILITIES},
                (start, o) -> parts.add(o.get(ClassifierHead.PROBABILITIES)));
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
