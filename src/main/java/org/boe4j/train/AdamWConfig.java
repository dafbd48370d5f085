package org.boe4j.train;

/**
 * Hyper-parameters of {@link AdamW}.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>{@code learningRate} 2e-5: the method's setting (AdamW, lr 2e-5), also BERT's usual fine-tuning value.
 *       It is the peak; the {@link LearningRateSchedule} multiplies it per step.</li>
 *   <li>{@code beta1} 0.9, {@code beta2} 0.999: Kingma &amp; Ba 2015, BERT, PyTorch.</li>
 *   <li>{@code epsilon} 1e-6: the value of Google's BERT optimizer ({@code optimization.py},
 *       {@code AdamWeightDecayOptimizer}), which produced the M-BERT checkpoint and its fine-tuning recipe, and the
 *       default of Hugging Face's original {@code transformers.AdamW}. PyTorch's {@code torch.optim.AdamW} uses 1e-8.
 *       The difference only matters for coordinates whose gradient RMS is near epsilon; there 1e-6 damps the step
 *       instead of dividing by a near-zero float32 square root. Configurable for PyTorch parity.</li>
 *   <li>{@code weightDecay} 0.01: BERT and HF Trainer recipes; applied only to names the decay rule accepts
 *       (not biases, not LayerNorm; see {@code BertParameters.isDecayed}).</li>
 *   <li>{@code maxGradNorm} 1.0: global-norm clipping as in BERT and HF Trainer; 0, negative or infinite turns
 *       clipping off.</li>
 * </ul>
 */
public record AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                          double maxGradNorm) {

    public static final double DEFAULT_LEARNING_RATE = 2e-5;

    public AdamWConfig {
        check(learningRate >= 0 && Double.isFinite(learningRate), "learningRate", learningRate, ">= 0");
        check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)");
        check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)");
        check(epsilon > 0 && Double.isFinite(epsilon), "epsilon", epsilon, "> 0");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay, ">= 0");
        check(!Double.isNaN(maxGradNorm), "maxGradNorm", maxGradNorm, "a number (<= 0 or Infinity = no clipping)");
    }

    public static AdamWConfig defaults() {
        return new AdamWConfig(DEFAULT_LEARNING_RATE, 0.9, 0.999, 1e-6, 0.01, 1.0);
    }

    public AdamWConfig withLearningRate(double lr) {
        return new AdamWConfig(lr, beta1, beta2, epsilon, weightDecay, maxGradNorm);
    }

    public AdamWConfig withWeightDecay(double wd) {
        return new AdamWConfig(learningRate, beta1, beta2, epsilon, wd, maxGradNorm);
    }

    public AdamWConfig withMaxGradNorm(double norm) {
        return new AdamWConfig(learningRate, beta1, beta2, epsilon, weightDecay, norm);
    }

    public AdamWConfig withEpsilon(double eps) {
        return new AdamWConfig(learningRate, beta1, beta2, eps, weightDecay, maxGradNorm);
    }

    /** True when gradients are clipped to {@link #maxGradNorm()}. */
    public boolean clips() {
        return maxGradNorm > 0 && Double.isFinite(maxGradNorm);
    }

    private static void check(boolean ok, String field, double value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("AdamW " + field + " must be " + expected + ", found " + value);
        }
    }
}
