package org.boe4j.bert.convert;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the variable names of Google's TF BERT checkpoints to Hugging Face {@code BertForPreTraining} names, the
 * rules of HF's {@code load_tf_weights_in_bert}:
 * <pre>
 *   [module/]bert/encoder/layer_3/attention/self/query/kernel  ->  bert.encoder.layer.3.attention.self.query.weight
 *   .../kernel [in, out]   ->  .weight, transposed to [out, in] (PyTorch Linear layout)
 *   .../LayerNorm/gamma    ->  .LayerNorm.weight        .../LayerNorm/beta  ->  .LayerNorm.bias
 *   bert/embeddings/word_embeddings  ->  bert.embeddings.word_embeddings.weight   (not transposed)
 *   cls/predictions/output_bias      ->  cls.predictions.bias
 *   cls/seq_relationship/output_weights [2, H] -> cls.seq_relationship.weight (already [out, in])
 * </pre>
 * The result must then be one of the {@link #expectedShapes known tensors}; anything else is an error.
 */
public final class TfToHfNames {

    /** Where a TF tensor goes: its HF name and whether the [in, out] kernel must be transposed. */
    public record Target(String hfName, boolean transpose) {
    }

    private static final Pattern LAYER = Pattern.compile("/layer_(\\d+)/");

    private TfToHfNames() {
    }

    /**
     * @throws IllegalArgumentException for a name outside the BERT grammar (e.g. optimizer slots, global_step)
     */
    public static Target map(String tfName) {
        String name = tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
        if (!name.startsWith("bert/") && !name.startsWith("cls/")) {
            throw new IllegalArgumentException("unknown tensor '" + tfName + "': not under bert/ or cls/");
        }
        if (name.equals("cls/predictions/output_bias")) {
            return new Target("cls.predictions.bias", false);
        }
        if (name.equals("cls/seq_relationship/output_weights")) {
            return new Target("cls.seq_relationship.weight", false);
        }
        if (name.equals("cls/seq_relationship/output_bias")) {
            return new Target("cls.seq_relationship.bias", false);
        }
        Matcher m = LAYER.matcher(name);
        name = m.replaceAll("/layer/$1/");
        String[] parts = name.split("/");
        String last = parts[parts.length - 1];
        boolean transpose = false;
        String suffix;
        switch (last) {
            case "kernel" -> {
                suffix = "weight";
                transpose = true;
            }
            case "gamma" -> suffix = "weight";
            case "beta", "bias" -> suffix = "bias";
            case "word_embeddings", "position_embeddings", "token_type_embeddings" -> suffix = last + ".weight";
            default -> throw new IllegalArgumentException("unknown tensor '" + tfName + "': unexpected leaf '" + last + "'");
        }
        if ((last.equals("gamma") || last.equals("beta")) != parts[parts.length - 2].equals("LayerNorm")) {
            throw new IllegalArgumentException("unknown tensor '" + tfName + "': gamma/beta belong to a LayerNorm");
        }
        StringBuilder hf = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            hf.append(parts[i]).append('.');
        }
        return new Target(hf.append(suffix).toString(), transpose);
    }

    /**
     * Every tensor a converted checkpoint may hold, HF name -> shape: the encoder ({@code bert.} + the names of
     * {@link BertParameters#expectedShapes}) and the pre-training heads ({@code cls.*}).
     */
    public static Map<String, long[]> expectedShapes(BertConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        BertParameters.expectedShapes(c).forEach((name, shape) -> m.put("bert." + name, shape));
        m.putAll(pretrainingHeads(c));
        return m;
    }

    /** The heads of BertForPreTraining: masked-LM transform + output bias, next-sentence classifier. */
    public static Map<String, long[]> pretrainingHeads(BertConfig c) {
        long h = c.hiddenSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("cls.predictions.bias", new long[]{c.vocabSize()});
        m.put("cls.predictions.transform.dense.weight", new long[]{h, h});
        m.put("cls.predictions.transform.dense.bias", new long[]{h});
        m.put("cls.predictions.transform.LayerNorm.weight", new long[]{h});
        m.put("cls.predictions.transform.LayerNorm.bias", new long[]{h});
        m.put("cls.seq_relationship.weight", new long[]{2, h});
        m.put("cls.seq_relationship.bias", new long[]{2});
        return m;
    }
}
