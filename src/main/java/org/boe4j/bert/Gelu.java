package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * GELU built from elementwise primitives; the checkpoint's {@code hidden_act} picks the variant.
 *
 * <ul>
 *   <li>{@link HiddenAct#GELU_TANH}: {@code x · 0.5 · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³)))}, the form and
 *       operation order of Google BERT's {@code modeling.gelu}; the TF M-BERT matches it.</li>
 *   <li>{@link HiddenAct#GELU_ERF}: {@code x · 0.5 · (1 + erf(x / sqrt 2))}, Hugging Face's "gelu".</li>
 * </ul>
 * SameDiff's own {@code gelu} is neither (it computes {@code x · sigmoid(1.702 x)}) and its "precise" variant has
 * been reported to get the cubic term wrong, so neither is used.
 */
public final class Gelu {

    /** sqrt(2/π). */
    static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    /** 1/sqrt(2). */
    static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);

    private Gelu() {
    }

    public static SDVariable apply(SameDiff sd, String name, SDVariable x, HiddenAct act) {
        SDVariable cdf = switch (act) {
            case GELU_TANH -> {
                SDVariable inner = x.add(sd.math().cube(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
                yield sd.math().tanh(inner).add(1.0).mul(0.5);
            }
            case GELU_ERF -> sd.math().erf(x.mul(INV_SQRT_2)).add(1.0).mul(0.5);
        };
        return x.mul(name, cdf);
    }
}
