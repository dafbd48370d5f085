package org.boe4j.train;

/**
 * A multiplier of the peak learning rate per optimizer step: {@code lr_t = learningRate * multiplier(s)}, where
 * {@code s} is the number of optimizer steps already taken (0 for the first update). This is the convention of
 * PyTorch's {@code LambdaLR} and of Hugging Face's {@code get_linear_schedule_with_warmup}, so a run can be
 * compared step for step with an HF Trainer run.
 */
public sealed interface LearningRateSchedule {

    /** Default warm-up: 10% of the optimizer steps, as in Google BERT's {@code run_classifier.py} (warmup_proportion 0.1). */
    double DEFAULT_WARMUP_FRACTION = 0.1;

    double multiplier(long stepsTaken);

    /** The peak learning rate throughout. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /** Linear warm-up over {@code warmupSteps}, then linear decay to 0 at {@code totalSteps}. */
    static LearningRateSchedule linear(long warmupSteps, long totalSteps) {
        return new LinearWarmupDecay(warmupSteps, totalSteps);
    }

    /** Linear warm-up over {@code ceil(fraction * totalSteps)} steps (HF's {@code warmup_ratio} rounding). */
    static LearningRateSchedule linearWithWarmupFraction(double fraction, long totalSteps) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1], found " + fraction);
        }
        return new LinearWarmupDecay((long) Math.ceil(fraction * totalSteps), totalSteps);
    }

    record Constant() implements LearningRateSchedule {
        @Override
        public double multiplier(long stepsTaken) {
            return 1.0;
        }
    }

    /**
     * {@code s < W: s / max(1, W)};  otherwise {@code max(0, (T - s) / max(1, T - W))}. The first update
     * (s = 0) therefore has rate 0 when W > 0, exactly as in HF; the peak is reached at s = W.
     */
    record LinearWarmupDecay(long warmupSteps, long totalSteps) implements LearningRateSchedule {
        public LinearWarmupDecay {
            if (totalSteps <= 0 || warmupSteps < 0 || warmupSteps > totalSteps) {
                throw new IllegalArgumentException("linear schedule needs 0 <= warmupSteps <= totalSteps and totalSteps > 0,"
                        + " found warmupSteps=" + warmupSteps + " totalSteps=" + totalSteps);
            }
        }

        @Override
        public double multiplier(long s) {
            if (s < warmupSteps) {
                return (double) s / Math.max(1, warmupSteps);
            }
            return Math.max(0.0, (double) (totalSteps - s) / Math.max(1, totalSteps - warmupSteps));
        }
    }
}
