package org.boe4j.bert;

import org.boe4j.bert.fused.AttentionCore;
import org.boe4j.bert.fused.AttentionProbs;
import org.boe4j.nn.Dropout;
import org.boe4j.nn.Linear;
import org.boe4j.nn.Softmax;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Scope {@code encoder.layer.L.attention.self}: multi-head scaled dot-product attention, composed from
 * reshape/permute/matmul/softmax (SameDiff's fused attention op uses another layout and weight shape; the softmax
 * is {@link Softmax}, built from primitives).
 *
 * <p>Legend: B batch, F query positions, T key positions (F = T), N heads, H head size, D = N·H hidden.
 * <pre>
 *   Q = (x·Wqᵀ + bq) · (1/sqrt(H)),  K = x·Wkᵀ + bk,  V = x·Wvᵀ + bv   [B·T, D] → [B, N, T, H]
 *   scores = Q·Kᵀ + (1 − mask)·(−10000)                                [B, N, F, T]
 *   probs  = dropout(softmax(scores) over T)                       [B, N, F, T]
 *   context = probs·V                                              [B, N, F, H] → [B·F, D]
 * </pre>
 * Google BERT's {@code attention_layer} scales the product Q·Kᵀ; scaling Q before it is the same function and, for
 * H = 64 (scale 1/8, a power of two), the same float results bit for bit (a power-of-two factor commutes with every
 * rounding of the dot product), while it touches B·T·D elements instead of B·N·T·T (1.5x fewer at T = 128, 6x fewer
 * at T = 512) and leaves one [B, N, T, T] array less for the backward pass. As there, the key mask is broadcast over heads and query positions and added before the softmax, so padded keys get weight
 * ~e^−10000 = 0 while padded queries still attend to the real tokens.
 */
public final class BertSelfAttention {

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final String scope;

    BertSelfAttention(BertGraph g, int layer) {
        this.scope = BertParameters.layerPrefix(layer) + "attention.self";
        this.query = g.linear(scope + ".query");
        this.key = g.linear(scope + ".key");
        this.value = g.linear(scope + ".value");
    }

    /**
     * @param x    hidden states as rows [B·T, D]
     * @param mask additive key mask [B, 1, 1, T] ([B, T] in a fused graph), see {@link #additiveMask}
     * @return the context [B·T, D], named {@code <scope>.output}
     */
    SDVariable apply(BertGraph g, SDVariable x, SDVariable mask) {
        SameDiff sd = g.sd();
        BertConfig c = g.config();
        int n = c.numAttentionHeads();
        int h = c.headSize();
        if (g.fused()) {
            return fused(g, x, mask);
        }
        SDVariable q = heads(g, query.apply(sd, x).mul(1.0 / Math.sqrt(h)));         // [B, N, F, H]
        SDVariable k = heads(g, key.apply(sd, x));                                   // [B, N, T, H]
        SDVariable v = heads(g, value.apply(sd, x));                                 // [B, N, T, H]
        SDVariable scores = sd.mmul(q, k, false, true, false)                       // [B, N, F, T]
                .add(scope + ".scores", mask);                                       // [B, N, F, T]
        SDVariable probs = Softmax.applyWithConstantShift(sd, scope + ".probs", scores, 3, g.dataType()); // [B, N, F, T]
        probs = Dropout.apply(g, scope, probs, Dropout.Kind.ATTENTION_PROBS, c.attentionProbsDropoutProb());
        SDVariable context = sd.mmul(probs, v);                                      // [B, N, F, H]
        return context.permute(0, 2, 1, 3)                                           // [B, F, N, H]
                .reshape(-1, (long) n * h)                                           // [B·F, D]
                .rename(scope + ".output");
    }

    /**
     * The same function with the core (scores, mask, softmax, dropout, probs·V) as one Java kernel on the [P, D]
     * rows (bert.fused.AttentionCore: no head split or merge, alpha = 1/sqrt(H) as the GEMM's scale), plus a side
     * node that computes {@code <scope>.scores} and {@code .probs} only when an audit fetches them.
     */
    private SDVariable fused(BertGraph g, SDVariable x, SDVariable maskRows) {
        SameDiff sd = g.sd();
        BertConfig c = g.config();
        double alpha = 1.0 / Math.sqrt(c.headSize());
        SDVariable q = query.apply(sd, x);                                           // [P, D]
        SDVariable k = key.apply(sd, x);                                             // [P, D]
        SDVariable v = value.apply(sd, x);                                           // [P, D]
        SDVariable drop = Dropout.mask(g, scope, Dropout.Kind.ATTENTION_PROBS, c.attentionProbsDropoutProb());
        AttentionProbs.apply(sd, scope + ".scores", scope + ".probs", q, k, maskRows, c.numAttentionHeads(), alpha);
        return AttentionCore.apply(sd, scope + ".output", q, k, v, maskRows, drop, c.numAttentionHeads(), alpha);
    }

    /** [B·T, D] → [B, N, T, H]. */
    private static SDVariable heads(BertGraph g, SDVariable rows) {
        BertConfig c = g.config();
        SDVariable split = g.sd().reshape(rows, g.shapeBT(c.numAttentionHeads(), c.headSize())); // [B, T, N, H]
        return split.permute(0, 2, 1, 3);                                                          // [B, N, T, H]
    }

    /**
     * (1 − mask) · (−10000) from the int32 [B, T] attention mask, shaped [B, 1, 1, T] to broadcast; in a fused graph
     * the [B, T] rows the kernel reads, named {@code attention_mask.additive.rows}.
     */
    static SDVariable additiveMask(BertGraph g) {
        SameDiff sd = g.sd();
        SDVariable m = g.attentionMask().castTo(g.dataType());                       // [B, T]
        SDVariable adder = m.rsub(1.0).mul(Softmax.MASK_VALUE);                      // [B, T]
        if (g.fused()) {
            return adder.rename("attention_mask.additive.rows");                     // [B, T]
        }
        return sd.expandDims(sd.expandDims(adder, 1), 1).rename("attention_mask.additive"); // [B, 1, 1, T]
    }
}
