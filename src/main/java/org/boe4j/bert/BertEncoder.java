package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * Scope {@code encoder}: the stack of {@link BertLayer}s.
 * Legend: B batch, T sequence, D hidden, P = B·T rows.
 * <pre>
 *   h_0 = embeddings.output; h_{l+1} = layer_l(h_l); sequence_output = h_L     [B, T, D]
 * </pre>
 */
public final class BertEncoder {

    public static final String SEQUENCE_OUTPUT = "sequence_output";

    private final List<BertLayer> layers = new ArrayList<>();

    BertEncoder(BertGraph g) {
        for (int l = 0; l < g.config().numHiddenLayers(); l++) {
            layers.add(new BertLayer(g, l));
        }
    }

    /** embeddings [B, T, D] → {@code sequence_output} [B, T, D]. */
    SDVariable apply(BertGraph g, SDVariable embeddings) {
        SDVariable mask = BertSelfAttention.additiveMask(g);                           // [B, 1, 1, T]
        SDVariable h = embeddings.reshape(-1, g.config().hiddenSize());                // [P, D]
        for (BertLayer layer : layers) {
            h = layer.apply(g, h, mask);                                               // [P, D]
        }
        return g.sd().reshape(SEQUENCE_OUTPUT, h, g.shapeBT(g.config().hiddenSize())); // [B, T, D]
    }
}
