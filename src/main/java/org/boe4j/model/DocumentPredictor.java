package org.boe4j.model;

import java.util.List;

/**
 * A trained model as a function of documents: texts of one language in, one {@link Prediction} per text out, in
 * order. The single-machine prediction and the Spark batch job (org.boe4j.spark.SparkPredict) call the same
 * implementation, so their outputs agree. A document's prediction must not depend on the other documents of
 * the call (padding is masked; only floating-point rounding may differ with the batch composition).
 * Not required to be thread-safe.
 */
public interface DocumentPredictor extends AutoCloseable {

    /** The label set, in the order of {@link Prediction#probabilities()}. */
    List<String> labels();

    /** @param language the KB language code of the texts (en, ja, ...) */
    List<Prediction> predict(List<String> texts, String language);

    @Override
    default void close() {
    }
}
