package org.boe4j.bert;

import org.boe4j.nn.Dropout;
import org.boe4j.nn.Linear;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code encoder.layer.L.output}: the second feed-forward projection, dropout, residual and LayerNorm.
 * Legend: P = B·T rows, D hidden, I intermediate size.
 * <pre>
 *   y = LayerNorm(dropout(u·W2ᵀ + b2) + x)      u: [P, I], x: [P, D] → [P, D]
 * </pre>
 */
public final class BertOutput {

    private final String scope;
    private final Linear dense;
    private final LayerNorm layerNorm;

    BertOutput(BertGraph g, int layer) {
        this.scope = BertParameters.layerPrefix(layer) + "output";
        this.dense = g.linear(scope + ".dense");
        this.layerNorm = new LayerNorm(g, scope);
    }

    /** Returns the layer's rows [P, D], named {@code encoder.layer.L.output.rows}. */
    SDVariable apply(BertGraph g, SDVariable intermediate, SDVariable x) {
        if (g.fused()) {
            SDVariable mask = Dropout.mask(g, scope, Dropout.Kind.HIDDEN_ROWS, g.config().hiddenDropoutProb());
            return layerNorm.applyResidual(g.sd(), scope + ".rows", dense.product(g.sd(), intermediate),
                    dense.bias(), mask, x);                                                                  // [P, D]
        }
        SDVariable projected = Dropout.apply(g, scope, dense.apply(g.sd(), intermediate),
                Dropout.Kind.HIDDEN_ROWS, g.config().hiddenDropoutProb()); // [P, D]
        return layerNorm.apply(g.sd(), scope + ".rows", projected.add(x));                                      // [P, D]
    }
}
