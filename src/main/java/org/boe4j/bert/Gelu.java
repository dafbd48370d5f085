package org.boe4j.bert;

import org.boe4j.nn.Backprop;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * GELU built from elementwise primitives; the checkpoint's {@code hidden_act} picks the variant.
 *
 * <ul>
 *   <li>{@link HiddenAct#GELU_TANH}: {@code x · 0.5 · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³)))}, Google BERT's
 *       {@code modeling.gelu}; the TF M-BERT matches it. Computed through the identity
 *       {@code 0.5 · (1 + tanh(z)) = sigmoid(2z)} as {@code x · sigmoid(x · (a + b·x²))} with a = 2·sqrt(2/π),
 *       b = a · 0.044715.</li>
 *   <li>{@link HiddenAct#GELU_ERF}: {@code x · 0.5 · (1 + erf(x / sqrt 2))}, Hugging Face's "gelu".</li>
 * </ul>
 * SameDiff's own {@code gelu} is neither (it computes {@code x · sigmoid(1.702 x)}) and its "precise" variant has
 * been reported to get the cubic term wrong, so neither is used.
 *
 * <p>Why the sigmoid form: the [B·T, I] GELU input is the largest tensor of the encoder, and libnd4j's tanh (and
 * its derivative) is a scalar loop about 3x slower per element than its exp, while cube's derivative goes through
 * powf. The sigmoid form is 6 graph ops instead of 8, none of them tanh or cube, so fewer [B·T, I] arrays are kept
 * for the backward pass too. x² is written x·x, not {@code square(x)}: the same float (both are x² rounded once),
 * but square's gradient is libnd4j's pow derivative (powf per element), 325 ms of a 8 x 128 training step (12 ops,
 * SameDiff's profiler through {@link Backprop}), against a few ms for a product's gradient. The sigmoid form moves the
 * pooled output by 6.2e-7 and keeps parity with the TF golden files; its speed-up is in docs/benchmarks.md.
 */
public final class Gelu {

    /** sqrt(2/π). */
    static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    /** 1/sqrt(2). */
    static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    /** 2·sqrt(2/π): 0.5·(1 + tanh(z)) = sigmoid(2z). */
    static final double TWO_SQRT_2_OVER_PI = 2 * SQRT_2_OVER_PI;

    private Gelu() {
    }

    public static SDVariable apply(SameDiff sd, String name, SDVariable x, HiddenAct act) {
        return switch (act) {
            case GELU_TANH -> {
                SDVariable z2 = x.mul(x.mul(x).mul(TWO_SQRT_2_OVER_PI * 0.044715)
                        .add(TWO_SQRT_2_OVER_PI));                                   // 2·sqrt(2/π)·(x + 0.044715x³)
                yield x.mul(name, sd.nn().sigmoid(z2));
            }
            case GELU_ERF -> x.mul(name, sd.math().erf(x.mul(INV_SQRT_2)).add(1.0).mul(0.5));
        };
    }
}
