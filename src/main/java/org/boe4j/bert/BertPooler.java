package org.boe4j.bert;

import org.boe4j.nn.Linear;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code pooler}: {@code pooled_output = tanh(h[:, 0, :]·Wpᵀ + bp)}, the [CLS] state through a dense layer.
 * Legend: B batch, T sequence, D hidden. {@code [B, T, D] → [B, D]}.
 */
public final class BertPooler {

    public static final String POOLED_OUTPUT = "pooled_output";

    private final Linear dense;

    BertPooler(BertGraph g) {
        this.dense = g.linear("pooler.dense");
    }

    SDVariable apply(BertGraph g, SDVariable sequenceOutput) {
        SDVariable cls = sequenceOutput.get(SDIndex.all(), SDIndex.point(0), SDIndex.all()); // [B, D]
        return g.sd().math().tanh(POOLED_OUTPUT, dense.apply(g.sd(), cls));                   // [B, D]
    }
}
