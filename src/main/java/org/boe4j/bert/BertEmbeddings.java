package org.boe4j.bert;

import org.boe4j.nn.Dropout;
import org.boe4j.nn.TrainableGather;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scope {@code embeddings}: word + token type + position embeddings, then LayerNorm and dropout.
 *
 * <p>Legend: B batch, T sequence, D hidden, V vocabulary, P max positions, S token types.
 * <pre>
 *   e = word[input_ids] + token_type[token_type_ids] + position[0 .. T−1]     [B, T, D]
 *   embeddings.output = dropout(LayerNorm(e))                                 [B, T, D]
 * </pre>
 * The additions follow Google BERT's {@code embedding_postprocessor} order ((word + type) + position). Positions
 * are {@code range(T)} computed in the graph from the input's shape, so no graph is rebuilt per length. All three
 * lookups are {@link TrainableGather}s, whose gradient works with several lookups in one graph.
 */
public final class BertEmbeddings {

    public static final String OUTPUT = "embeddings.output";

    private final SDVariable word;
    private final SDVariable position;
    private final SDVariable tokenType;
    private final LayerNorm layerNorm;

    BertEmbeddings(BertGraph g) {
        this.word = g.parameter("embeddings.word_embeddings.weight");           // [V, D]
        this.position = g.parameter("embeddings.position_embeddings.weight");   // [P, D]
        this.tokenType = g.parameter("embeddings.token_type_embeddings.weight"); // [S, D]
        this.layerNorm = new LayerNorm(g, "embeddings");
    }

    /** Returns {@code embeddings.output} [B, T, D]. */
    SDVariable apply(BertGraph g) {
        SameDiff sd = g.sd();
        SDVariable positionIds = sd.range(sd.constant(Nd4j.scalar(0)), g.sequenceLength(),
                sd.constant(Nd4j.scalar(1)), DataType.INT).rename("embeddings.position_ids");         // [T]
        SDVariable words = TrainableGather.lookup(sd, "embeddings.words", word, g.inputIds());        // [B, T, D]
        SDVariable types = TrainableGather.lookup(sd, "embeddings.token_types", tokenType, g.tokenTypeIds()); // [B, T, D]
        SDVariable positions = TrainableGather.lookup(sd, "embeddings.positions", position, positionIds);    // [T, D]
        SDVariable sum = words.add(types).add("embeddings.sum", positions);                           // [B, T, D]
        SDVariable rows = sum.reshape(-1, g.config().hiddenSize());                                  // [B·T, D]
        SDVariable normed = layerNorm.apply(sd, "embeddings.LayerNorm.output", rows);                  // [B·T, D]
        SDVariable dropped = Dropout.apply(g, "embeddings", normed, Dropout.Kind.HIDDEN_ROWS, g.config().hiddenDropoutProb());                 // [B·T, D]
        return sd.reshape(OUTPUT, dropped, g.shapeBT(g.config().hiddenSize()));                       // [B, T, D]
    }
}
