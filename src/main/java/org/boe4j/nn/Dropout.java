package org.boe4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout whose mask is a placeholder, one per dropout site, fed by the model that owns the graph (the
 * encoder's {@code BertModel#placeholders}):
 * <pre>
 *   y = x · mask,   mask = (u ≥ p) / (1 − p), u ~ U[0, 1) per element     (training)
 *   y = x · 1                                                            (inference: a scalar 1 is fed)
 * </pre>
 * as BERT's {@code dropout} (p = 0.1 for hidden states and attention probabilities). Inference multiplies by
 * exactly 1, so it is deterministic and bit-identical to a graph without dropout; a rate of 0 adds no site at all
 * ({@code BertConfig#withoutDropout()}).
 *
 * <p>Why the mask is drawn in Java: in SameDiff 1.0.0-M2.1 the random op that takes a run-time shape
 * ({@code DistributionUniform}) returns the same numbers on every call and ignores {@code Nd4j.getRandom()}'s
 * seed, and the dropout ops that do draw fresh numbers ({@code DropOutInverted}) need a shape fixed when the graph
 * is built and have no gradient. A placeholder mask has neither problem: the graph stays shape-free and
 * differentiable, and masks are reproducible from {@code Nd4j.getRandom().setSeed(...)}.
 */
public final class Dropout {

    /** Where a mask goes and what shape it has, in terms of B, T and the config. */
    public enum Kind {
        /** [B·T, D]: hidden states as rows. */
        HIDDEN_ROWS,
        /** [B, N, F, T]: attention probabilities. */
        ATTENTION_PROBS,
        /** [B, D]: one vector per sequence (heads on the [CLS] state). */
        BATCH_ROWS
    }

    /** One dropout site of the graph: its mask placeholder's name, shape kind and rate. */
    public record Site(String placeholder, Kind kind, double rate) {

        /**
         * The training mask for a batch of B sequences of length T.
         *
         * @param hidden D, the width of the hidden states
         * @param heads  N, the number of attention heads
         */
        public INDArray sampleMask(long hidden, long heads, long b, long t, DataType type) {
            long[] shape = switch (kind) {
                case HIDDEN_ROWS -> new long[]{b * t, hidden};                          // [B·T, D]
                case ATTENTION_PROBS -> new long[]{b, heads, t, t};                     // [B, N, F, T]
                case BATCH_ROWS -> new long[]{b, hidden};                              // [B, D]
            };
            INDArray u = Nd4j.rand(type, shape);
            INDArray mask = u.gte(rate).castTo(type).muli(1.0 / (1.0 - rate));
            u.close();
            return mask;
        }
    }

    /** The graph being built, which records its dropout sites (the encoder's {@code BertGraph}). */
    public interface Sites {

        SameDiff sd();

        /** The graph's floating-point type, the masks' type. */
        DataType dataType();

        /** The scalar 1 of the graph's type, the mask input of a fused kernel at a site with rate 0. */
        SDVariable one();

        void addDropoutSite(Site site);
    }

    private Dropout() {
    }

    /**
     * The mask of the site {@code name} for a fused kernel that applies it itself: the same placeholder as
     * {@link #apply} creates, or the constant 1 when the rate is 0 (no site).
     */
    public static SDVariable mask(Sites g, String name, Kind kind, double rate) {
        if (rate == 0) {
            return g.one();
        }
        Site site = new Site("dropout." + name, kind, rate);
        SDVariable mask = g.sd().placeHolder(site.placeholder(), g.dataType());
        g.addDropoutSite(site);
        return mask;
    }

    /** Applies dropout at the site {@code name} (its mask placeholder is {@code dropout.<name>}). */
    public static SDVariable apply(Sites g, String name, SDVariable x, Kind kind, double rate) {
        return rate == 0 ? x : x.mul(mask(g, name, kind, rate));
    }
}
