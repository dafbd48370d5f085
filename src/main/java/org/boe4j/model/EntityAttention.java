package org.boe4j.model;

import org.boe4j.nn.Softmax;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The bag-of-entities term z of docs/method.md §5, as a piece of a SameDiff graph.
 *
 * <pre>
 * Legend: B batch, K entities per document (padded per batch), D hidden size.
 *   phi(e, D) = [cos(h, v_e), p(e|m)]          // [B, K, 2]
 *   s         = W_a^T phi                       // [B, K], the score explain shows (boe.attention_scores)
 *   a         = softmax_K(s)                    // [B, K], over the document's valid entities only
 *   z         = sum_k a_k v_k                   // [B, D]
 * </pre>
 * A document with no entity gets z = 0 (ours): padded slots carry mask 0, get -10000 before the softmax (as BERT
 * masks keys) and are multiplied by the mask afterwards, so an all-padding row sums to zero. The {@code -att}
 * ablation replaces a by mask / max(1, #entities), the plain mean.
 */
public final class EntityAttention {

    /** Keeps |v| differentiable for an all-zero vector (sqrt'(0) is infinite). */
    static final double NORM_EPS = 1e-12;
    /** The graph name of cos(h, v_e), [B, K] (attention variants). */
    public static final String COSINE = "boe.cosine";
    /** The graph name of phi, [B, K, 2] (attention variants). */
    public static final String PHI = "boe.phi";
    /** The graph name of the score W_a^T phi before the softmax, [B, K] (attention variants; padded slots unmasked). */
    public static final String SCORES = "boe.attention_scores";
    /** The graph name of a, [B, K]. */
    public static final String ATTENTION_PROBS = "boe.attention_probs";
    /** The graph name of z, [B, D]. */
    public static final String Z = "boe.z";

    private EntityAttention() {
    }

    /**
     * @param h          [B, D] document vector (the [CLS] state)
     * @param vectors    [B, K, D] the entity vectors v_e of each document's entities
     * @param commonness [B, K] p(e|m) of each entity
     * @param mask       [B, K] 1 for a real entity, 0 for padding (floating point)
     * @param weights    [2] W_a, or null for the -att ablation (mean of entity vectors)
     * @return z [B, D], named {@value #Z}; also names {@value #COSINE}, {@value #PHI}, {@value #SCORES} and
     *         {@value #ATTENTION_PROBS}
     */
    public static SDVariable build(SameDiff sd, SDVariable h, SDVariable vectors, SDVariable commonness,
                                   SDVariable mask, SDVariable weights) {
        SDVariable probs;
        if (weights != null) {
            SDVariable hExp = sd.expandDims(h, 1);                                         // [B, 1, D]
            SDVariable dot = hExp.mul(vectors).sum(2);                                     // [B, K]
            SDVariable hNorm = sd.math().sqrt(h.mul(h).sum(true, 1).add(NORM_EPS));         // [B, 1]
            SDVariable vNorm = sd.math().sqrt(vectors.mul(vectors).sum(2).add(NORM_EPS));   // [B, K]
            SDVariable cos = dot.div(hNorm.mul(vNorm)).rename(COSINE);                      // [B, K]
            SDVariable phi = sd.stack(PHI, 2, cos, commonness);                             // [B, K, 2]
            SDVariable scores = phi.mul(weights).sum(2).rename(SCORES);                     // [B, K] = W_a^T phi
            SDVariable masked = scores.add(mask.rsub(1.0).mul(Softmax.MASK_VALUE));         // [B, K]
            probs = Softmax.apply(sd, null, masked, 1).mul(mask);                          // [B, K]
        } else {
            SDVariable count = sd.scalarMax(mask.sum(true, 1), 1.0);                        // [B, 1]
            probs = mask.div(count);                                                        // [B, K]
        }
        probs = probs.rename(ATTENTION_PROBS);
        return sd.expandDims(probs, 2).mul(vectors).sum(1).rename(Z);                       // [B, D]
    }
}
