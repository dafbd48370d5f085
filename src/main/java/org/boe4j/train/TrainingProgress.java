package org.boe4j.train;

/**
 * Where a run is, exactly enough to continue it: the optimizer step (= number of updates applied), the epoch in
 * progress (0-based) and how many of its micro-batches were consumed, the sum of the step losses of that epoch so
 * far and their number (for the epoch's mean loss), the RNG state, the early-stopping state, and whether the run
 * has finished. Checkpoints are only taken between optimizer steps, so no partially
 * accumulated gradient has to be saved.
 */
public record TrainingProgress(long step, int epoch, int microBatchInEpoch, double epochLossSum, int epochSteps,
                               boolean finished, RngState rng, EarlyStopping.State earlyStopping) {

    /**
     * Randomness: the master seed (every derived stream is a function of it and the counters above) and ND4J's
     * global generator state after the last step, restored on resume for code that draws from it outside the
     * per-micro-batch reseeding.
     */
    public record RngState(long masterSeed, long nd4jRootState, long nd4jNodeState) {
    }
}
