package org.boe4j.bert;

import org.boe4j.nn.Dropout;
import org.boe4j.nn.Linear;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code encoder.layer.L.attention.output}: projection of the attention context, dropout, residual and
 * LayerNorm (post-LN BERT). Legend: P = B·T rows, D hidden.
 * <pre>
 *   y = LayerNorm(dropout(context·Woᵀ + bo) + x)      [P, D]
 * </pre>
 */
public final class BertSelfOutput {

    private final String scope;
    private final Linear dense;
    private final LayerNorm layerNorm;

    BertSelfOutput(BertGraph g, int layer) {
        this.scope = BertParameters.layerPrefix(layer) + "attention.output";
        this.dense = g.linear(scope + ".dense");
        this.layerNorm = new LayerNorm(g, scope);
    }

    /** context, x: [P, D] → [P, D], named {@code <scope>}. */
    SDVariable apply(BertGraph g, SDVariable context, SDVariable x) {
        if (g.fused()) {
            SDVariable mask = Dropout.mask(g, scope, Dropout.Kind.HIDDEN_ROWS, g.config().hiddenDropoutProb());
            return layerNorm.applyResidual(g.sd(), scope, dense.product(g.sd(), context), dense.bias(), mask, x);
        }
        SDVariable projected = Dropout.apply(g, scope, dense.apply(g.sd(), context),
                Dropout.Kind.HIDDEN_ROWS, g.config().hiddenDropoutProb()); // [P, D]
        return layerNorm.apply(g.sd(), scope, projected.add(x));                                             // [P, D]
    }
}
