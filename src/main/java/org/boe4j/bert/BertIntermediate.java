package org.boe4j.bert;

import org.boe4j.bert.fused.BiasGelu;
import org.boe4j.nn.Linear;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code encoder.layer.L.intermediate}: the first feed-forward projection and GELU.
 * Legend: P = B·T rows, D hidden, I intermediate size.
 * <pre>
 *   y = gelu(x·W1ᵀ + b1)       [P, D] → [P, I]
 * </pre>
 * The GELU variant is the config's {@code hidden_act} (tanh approximation for Google's M-BERT), see {@link Gelu}.
 */
public final class BertIntermediate {

    private final String scope;
    private final Linear dense;

    BertIntermediate(BertGraph g, int layer) {
        this.scope = BertParameters.layerPrefix(layer) + "intermediate";
        this.dense = g.linear(scope + ".dense");
    }

    SDVariable apply(BertGraph g, SDVariable x) {
        if (g.fused() && g.config().hiddenAct() == HiddenAct.GELU_TANH) {
            return BiasGelu.apply(g.sd(), scope, dense.product(g.sd(), x), dense.bias());   // [P, I]
        }
        return Gelu.apply(g.sd(), scope, dense.apply(g.sd(), x), g.config().hiddenAct()); // [P, I]
    }
}
