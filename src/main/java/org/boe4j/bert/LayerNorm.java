package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Layer normalisation over the last axis (the D features), built from mean/variance primitives because
 * SameDiff's own layer norm has no epsilon parameter.
 *
 * <pre>
 *   mean = E[x]                  (over D)
 *   var  = E[(x − mean)²]        (population variance, as tf.nn.moments)
 *   m    = gamma · rsqrt(var + eps)
 *   y    = x · m + (beta − mean · m)
 * </pre>
 * The last line is the order in which TF's {@code tf.nn.batch_normalization} (used by Google BERT's
 * {@code layer_norm}) evaluates it; eps comes from the config (1e-12 for every Google BERT checkpoint).
 * Parameters: {@code <scope>.LayerNorm.weight} (gamma) and {@code <scope>.LayerNorm.bias} (beta), shape [D].
 */
public final class LayerNorm {

    private final SDVariable gamma;
    private final SDVariable beta;
    private final double eps;

    /** {@code scope} is the Hugging Face prefix, e.g. {@code "encoder.layer.0.output"}. */
    LayerNorm(BertGraph g, String scope) {
        this.gamma = g.parameter(scope + ".LayerNorm.weight");
        this.beta = g.parameter(scope + ".LayerNorm.bias");
        this.eps = g.config().layerNormEps();
    }

    /** x: [..., D] → [..., D]. */
    SDVariable apply(SameDiff sd, String name, SDVariable x) {
        return normalize(sd, name, x, gamma, beta, eps);
    }

    /** x: [..., D], gamma and beta: [D] → [..., D], named {@code name}. */
    public static SDVariable normalize(SameDiff sd, String name, SDVariable x, SDVariable gamma, SDVariable beta,
                                       double eps) {
        int last = -1;
        SDVariable mean = sd.mean(x, true, last);                              // [..., 1]
        SDVariable variance = sd.mean(sd.math().square(x.sub(mean)), true, last); // [..., 1]
        SDVariable m = sd.math().rsqrt(variance.add(eps)).mul(gamma);           // [..., D]
        return x.mul(m).add(name, beta.sub(mean.mul(m)));                       // [..., D]
    }
}
