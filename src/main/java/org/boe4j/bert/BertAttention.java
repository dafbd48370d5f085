package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code encoder.layer.L.attention}: {@link BertSelfAttention} followed by {@link BertSelfOutput}.
 * Legend: P = B·T rows, D hidden. {@code [P, D] → [P, D]}.
 */
public final class BertAttention {

    private final BertSelfAttention self;
    private final BertSelfOutput output;

    BertAttention(BertGraph g, int layer) {
        this.self = new BertSelfAttention(g, layer);
        this.output = new BertSelfOutput(g, layer);
    }

    SDVariable apply(BertGraph g, SDVariable x, SDVariable mask) {
        return output.apply(g, self.apply(g, x, mask), x); // [P, D]
    }
}
