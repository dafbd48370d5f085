package org.boe4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Everything needed to continue a run: weights, AdamW moments, progress (step, position in the data, RNG,
 * early stopping) and provenance. The on-disk format is written by {@link CheckpointStore} and documented in
 * docs/training.md.
 */
public record Checkpoint(TrainingProgress progress, TrainingProvenance provenance, Map<String, INDArray> weights,
                         Map<String, INDArray> firstMoments, Map<String, INDArray> secondMoments) {

    public Checkpoint {
        if (!weights.keySet().equals(firstMoments.keySet()) || !weights.keySet().equals(secondMoments.keySet())) {
            throw new IllegalArgumentException("optimizer moments must have exactly the weights' names");
        }
    }
}
