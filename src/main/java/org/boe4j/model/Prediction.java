package org.boe4j.model;

import java.util.List;

/**
 * A trained model's output for one document ({@link Predictor#predict}): what {@code boe4j predict} prints and the
 * Spark batch job writes, both as {@link PredictionJson} lines.
 *
 * @param labels        the predicted labels (arg-max for a single-label task; p >= threshold for multi-label)
 * @param probabilities per label of the model's label set, softmax or sigmoid outputs
 * @param entities      the bag of entities the model saw (mention order, the first maxEntitiesPerDocument), or
 *                      empty for a model without entities
 * @param truncated     whether the text is longer than the encoder's window: only its first {@code encodedChars}
 *                      characters were read, by the encoder and for the bag of entities alike ({@link LinkedText})
 * @param encodedChars  UTF-16 length of the part of the text the model read (the text's length unless truncated)
 */
public record Prediction(List<String> labels, double[] probabilities, List<PredictedEntity> entities,
                         boolean truncated, int encodedChars) {

    public Prediction {
        labels = List.copyOf(labels);
        probabilities = probabilities.clone();
        entities = List.copyOf(entities);
    }

    /**
     * One entity of the document's bag.
     *
     * @param entity     English Wikipedia title
     * @param commonness p(e|m) of its mention
     * @param start      UTF-16 offset of the mention in the text
     * @param end        end offset (exclusive)
     * @param attention  its attention weight a_e (docs/method.md §5; 1/K for the -att variant)
     */
    public record PredictedEntity(String entity, float commonness, int start, int end, double attention) {
    }
}
