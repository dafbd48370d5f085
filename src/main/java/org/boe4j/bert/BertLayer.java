package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Scope {@code encoder.layer.L}: one post-LayerNorm transformer block.
 * Legend: B batch, T sequence, D hidden, I intermediate, P = B·T rows.
 * <pre>
 *   a = attention(x)                 [P, D]   (BertAttention)
 *   u = intermediate(a)              [P, I]   (BertIntermediate)
 *   y = output(u, a)                 [P, D]   (BertOutput)
 * </pre>
 * The block works on rows [P, D] as Google BERT does; its result is also exposed as [B, T, D] under the name
 * {@code encoder.layer.L.output} so that any layer can be fetched and compared by name.
 */
public final class BertLayer {

    private final int layer;
    private final BertAttention attention;
    private final BertIntermediate intermediate;
    private final BertOutput output;

    BertLayer(BertGraph g, int layer) {
        this.layer = layer;
        this.attention = new BertAttention(g, layer);
        this.intermediate = new BertIntermediate(g, layer);
        this.output = new BertOutput(g, layer);
    }

    /** Name of layer L's output [B, T, D]. */
    public static String outputName(int layer) {
        return BertParameters.layerPrefix(layer) + "output";
    }

    /** x: rows [P, D] → rows [P, D]; registers the [B, T, D] view {@link #outputName}. */
    SDVariable apply(BertGraph g, SDVariable x, SDVariable mask) {
        SDVariable a = attention.apply(g, x, mask);                                    // [P, D]
        SDVariable y = output.apply(g, intermediate.apply(g, a), a);                   // [P, D]
        g.sd().reshape(outputName(layer), y, g.shapeBT(g.config().hiddenSize()));       // [B, T, D]
        return y;
    }
}
