package org.boe4j.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The bag-of-entities term z of method.md §5, as a piece of a SameDiff graph.
 *
 * <pre>
 * Legend: B batch, K entities per document (padded per batch), D hidden size.
 *   phi(e, D) = [cos(h, v_e), p(e|m)]          // [B, K, 2]
 *   a         = softmax_K(W_a^T phi)            // [B, K], over the document's valid entities only
 *   z         = sum_k a_k v_k                   // [B, D]
 * </pre>
 * A document with no entity gets z = 0 (ours): padded slots carry mask 0, get -10000 before the softmax (as BERT
 * masks keys) and are multiplied by the mask afterwards, so an all-padding row sums to zero. The {@code -att}
 * ablation replaces a by mask / max(1, #entities), the plain mean.
 */
public final class EntityAttention {

    /** Added to the scores of padded slots before the softmax, like BERT's attention mask. */
    static final double MASK_VALUE = -10000.0;
    /** Keeps |v| differentiable for an all-zero vector (sqrt'(0) is infinite). */
    static final double NORM_EPS = 1e-12;

    private EntityAttention() {
    }

    /**
     * @param h          [B, D] document vector (the [CLS] state)
     * @param vectors    [B, K, D] the entity vectors v_e of each document's entities
     * @param commonness [B, K] p(e|m) of each entity
     * @param mask       [B, K] 1 for a real entity, 0 for padding (floating point)
     * @param weights    [2] W_a, or null for the -att ablation (mean of entity vectors)
     * @return z [B, D], named {@code boe.z}; also names {@code boe.cosine} and {@code boe.attention_probs}
     */
    public static SDVariable build(SameDiff sd, SDVariable h, SDVariable vectors, SDVariable commonness,
                                   SDVariable mask, SDVariable weights) {
        SDVariable probs;
        if (weights != null) {
            SDVariable hExp = sd.expandDims(h, 1);                                         // [B, 1, D]
            SDVariable dot = hExp.mul(vectors).sum(2);                                     // [B, K]
            SDVariable hNorm = sd.math().sqrt(h.mul(h).sum(true, 1).add(NORM_EPS));         // [B, 1]
            SDVariable vNorm = sd.math().sqrt(vectors.mul(vectors).sum(2).add(NORM_EPS));   // [B, K]
            SDVariable cos = dot.div(hNorm.mul(vNorm)).rename("boe.cosine");                // [B, K]
            SDVariable phi = sd.stack("boe.phi", 2, cos, commonness);                      // [B, K, 2]
            SDVariable scores = phi.mul(weights).sum(2);                                    // [B, K] = W_a^T phi
            SDVariable masked = scores.add(mask.rsub(1.0).mul(MASK_VALUE));                 // [B, K]
            probs = stableSoftmax(sd, masked).mul(mask);                                   // [B, K]
        } else {
            SDVariable count = sd.scalarMax(mask.sum(true, 1), 1.0);                        // [B, 1]
            probs = mask.div(count);                                                        // [B, K]
        }
        probs = probs.rename("boe.attention_probs");
        return sd.expandDims(probs, 2).mul(vectors).sum(1).rename("boe.z");               // [B, D]
    }

    /**
     * softmax over axis 1 as exp(s - max s) / sum exp(s - max s). Measured: SameDiff 1.0.0-M2.1's softmax op does
     * not subtract the maximum in DOUBLE precision (a row of -800s gives NaN; FLOAT is correct), and a document
     * without entities is exactly such a row; double precision is what the gradient checks run in.
     */
    static SDVariable stableSoftmax(SameDiff sd, SDVariable scores) {
        SDVariable shifted = scores.sub(scores.max(true, 1));                               // [B, K]
        SDVariable e = sd.math().exp(shifted);                                              // [B, K]
        return e.div(e.sum(true, 1));                                                       // [B, K]
    }
}
