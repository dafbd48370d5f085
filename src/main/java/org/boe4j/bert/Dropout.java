package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;

/**
 * Inverted dropout switched by the scalar placeholder {@link BertGraph#TRAINING}:
 * <pre>
 *   keep = (u ≥ p) / (1 − p),  u ~ U[0, 1) per element
 *   y    = x · (1 + training · (keep − 1))
 * </pre>
 * With training = 0 the factor is exactly 1, so inference is deterministic and bit-identical to a graph without
 * dropout; with training = 1 it is {@code x · keep}, as in BERT's {@code dropout} (rate p = 0.1 for hidden states
 * and attention probabilities). A rate of 0 adds no operation at all (e.g. {@link BertConfig#withoutDropout()}).
 */
final class Dropout {

    private Dropout() {
    }

    static SDVariable apply(BertGraph g, SDVariable x, double rate) {
        if (rate == 0) {
            return x;
        }
        SameDiff sd = g.sd();
        SDVariable u = new DistributionUniform(sd, sd.shape(x), 0.0, 1.0, g.dataType()).outputVariable();
        SDVariable keep = sd.gte(u, rate).castTo(g.dataType()).mul(1.0 / (1.0 - rate));
        return x.mul(keep.sub(1.0).mul(g.training()).add(1.0));
    }
}
