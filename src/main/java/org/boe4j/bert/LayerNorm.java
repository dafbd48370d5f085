package org.boe4j.bert;

import org.boe4j.bert.fused.ResidualLayerNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Layer normalisation over the last axis (the D features).
 *
 * <pre>
 *   mean = E[x]                  (over D)
 *   var  = E[(x − mean)²]        (population variance, as tf.nn.moments)
 *   y    = gamma · (x − mean) / sqrt(var + eps) + beta
 * </pre>
 * Two implementations, chosen by eps:
 * <ul>
 *   <li>eps ≤ {@value #NATIVE_EPS_LIMIT} (1e-12 for every Google BERT checkpoint): libnd4j's fused {@code layer_norm}
 *       op, one graph node with its own backward ({@code layer_norm_bp}) instead of 11 nodes and their broadcast
 *       gradients. In 1.0.0-M2.1 that op computes {@code gamma · (x − mean)/sqrt(var) + beta}, i.e. eps = 0 (measured,
 *       {@code LayerNormTest}); leaving out eps scales a row by sqrt((var + eps)/var), a relative change of at
 *       most eps/(2·var): ≤ 5e-11 for eps = 1e-12 and any row with var ≥ 0.01 (BERT's pre-LayerNorm rows have var of
 *       order 0.1–100), far below float32 resolution. A constant row (var = 0) gives beta, as with eps.
 *       The fused op is about 1.5x faster forward and 3x forward + backward (docs/benchmarks.md).</li>
 *   <li>larger eps: built from mean/variance primitives, in the order TF's {@code tf.nn.batch_normalization}
 *       (used by Google BERT's {@code layer_norm}) evaluates it: {@code m = gamma · rsqrt(var + eps)},
 *       {@code y = x · m + (beta − mean · m)}.</li>
 * </ul>
 * Parameters: {@code <scope>.LayerNorm.weight} (gamma) and {@code <scope>.LayerNorm.bias} (beta), shape [D].
 */
public final class LayerNorm {

    /** Largest eps for which the fused op (which has no eps) is used; see the class comment for the bound. */
    public static final double NATIVE_EPS_LIMIT = 1e-10;

    private final SDVariable gamma;
    private final SDVariable beta;
    private final double eps;

    /** {@code scope} is the Hugging Face prefix, e.g. {@code "encoder.layer.0.output"}. */
    LayerNorm(BertGraph g, String scope) {
        this.gamma = g.parameter(scope + ".LayerNorm.weight");
        this.beta = g.parameter(scope + ".LayerNorm.bias");
        this.eps = g.config().layerNormEps();
    }

    /** x: rows [P, D] → [P, D]. */
    SDVariable apply(SameDiff sd, String name, SDVariable x) {
        return normalize(sd, name, x, gamma, beta, eps);
    }

    /**
     * The fused kernel: LayerNorm(mask∘(y + b) + r) with this scope's gamma, beta and the configured eps, named
     * {@code name} (bert.fused.ResidualLayerNorm). y, r: [P, D]; b: [D]; mask: dropout placeholder or 1.
     */
    SDVariable applyResidual(SameDiff sd, String name, SDVariable y, SDVariable b, SDVariable mask, SDVariable r) {
        return ResidualLayerNorm.apply(sd, name, y, b, mask, r, gamma, beta, eps);
    }

    /**
     * x: rows [P, D], gamma and beta: [D] → [P, D], named {@code name}. Rows only: callers flatten [B, T, D] to
     * rows first (see {@link #primitive} for why).
     */
    public static SDVariable normalize(SameDiff sd, String name, SDVariable x, SDVariable gamma, SDVariable beta,
                                       double eps) {
        return eps <= NATIVE_EPS_LIMIT ? fused(sd, name, x, gamma, beta) : primitive(sd, name, x, gamma, beta, eps);
    }

    /** libnd4j's {@code layer_norm} over axis 1 of rows [P, D] (eps = 0, see the class comment). */
    static SDVariable fused(SameDiff sd, String name, SDVariable x, SDVariable gamma, SDVariable beta) {
        return sd.nn().layerNorm(name, x, gamma, beta, false, 1);
    }

    /**
     * The primitive form with an explicit eps, reduced over axis 1 written as a positive axis: in SameDiff
     * 1.0.0-M2.1, {@code mean(x, keepDims=true, -1)} on a rank-3 array leaves most of its output unwritten
     * (measured; see SameDiffTrapsTest).
     */
    static SDVariable primitive(SameDiff sd, String name, SDVariable x, SDVariable gamma, SDVariable beta,
                                double eps) {
        SDVariable mean = sd.mean(x, true, 1);                                 // [P, 1]
        SDVariable variance = sd.mean(sd.math().square(x.sub(mean)), true, 1); // [P, 1]
        SDVariable m = sd.math().rsqrt(variance.add(eps)).mul(gamma);           // [P, D]
        return x.mul(m).add(name, beta.sub(mean.mul(m)));                       // [P, D]
    }
}
