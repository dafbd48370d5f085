package org.boe4j.bert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a {@code BertModel}, by their Hugging Face names (no {@code bert.} prefix) and shapes.
 * Dense weights are [out, in] as in PyTorch/HF; the TF checkpoint stores kernels [in, out].
 * This list is the contract between the weights loader (which checks a file against it) and the encoder
 * graph (which creates one variable per entry, under the same name).
 */
public final class BertParameters {

    private BertParameters() {
    }

    /** Every parameter of the encoder + pooler, in checkpoint order, with its shape. */
    public static Map<String, long[]> expectedShapes(BertConfig c) {
        long h = c.hiddenSize();
        long i = c.intermediateSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("embeddings.word_embeddings.weight", new long[]{c.vocabSize(), h});
        m.put("embeddings.position_embeddings.weight", new long[]{c.maxPositionEmbeddings(), h});
        m.put("embeddings.token_type_embeddings.weight", new long[]{c.typeVocabSize(), h});
        m.put("embeddings.LayerNorm.weight", new long[]{h});
        m.put("embeddings.LayerNorm.bias", new long[]{h});
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = layerPrefix(l);
            for (String proj : new String[]{"query", "key", "value"}) {
                m.put(p + "attention.self." + proj + ".weight", new long[]{h, h});
                m.put(p + "attention.self." + proj + ".bias", new long[]{h});
            }
            m.put(p + "attention.output.dense.weight", new long[]{h, h});
            m.put(p + "attention.output.dense.bias", new long[]{h});
            m.put(p + "attention.output.LayerNorm.weight", new long[]{h});
            m.put(p + "attention.output.LayerNorm.bias", new long[]{h});
            m.put(p + "intermediate.dense.weight", new long[]{i, h});
            m.put(p + "intermediate.dense.bias", new long[]{i});
            m.put(p + "output.dense.weight", new long[]{h, i});
            m.put(p + "output.dense.bias", new long[]{h});
            m.put(p + "output.LayerNorm.weight", new long[]{h});
            m.put(p + "output.LayerNorm.bias", new long[]{h});
        }
        m.put("pooler.dense.weight", new long[]{h, h});
        m.put("pooler.dense.bias", new long[]{h});
        return m;
    }

    /** "encoder.layer.3." */
    public static String layerPrefix(int layer) {
        return "encoder.layer." + layer + ".";
    }

    /** LayerNorm parameters and biases get no weight decay (BERT's optimizer, HF's no_decay list). */
    public static boolean isDecayed(String name) {
        return !(name.endsWith(".bias") || name.contains("LayerNorm."));
    }
}
